"""The local password's throttle and the editor role's lifetime, on a fake clock (no real waiting)."""

from __future__ import annotations

import threading

from dashboard.core import auth_session as session
from dashboard.core.auth_throttle import ALLOWED, BUSY, DELAYED, LOCKED, LoginThrottle, ThrottleSettings


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def fail(gate: LoginThrottle):
    assert gate.acquire().allowed
    return gate.finish(False)


def test_delay_grows_after_each_failure_and_is_checked_first() -> None:
    clock = Clock()
    gate = LoginThrottle(ThrottleSettings(max_failures=10, delay_s=1, max_delay_s=8), clock=clock)
    waits = []
    for _ in range(5):
        result = fail(gate)
        assert result.outcome == DELAYED
        waits.append(result.retry_at - clock.now)
        refused = gate.acquire()  # inside the delay: refused, so the caller never hashes
        assert (refused.outcome, refused.retry_at) == (DELAYED, result.retry_at)
        clock.now = result.retry_at
    assert waits == [1, 2, 4, 8, 8]


def test_lockout_after_n_failures_in_the_window_then_a_fresh_start() -> None:
    clock = Clock()
    gate = LoginThrottle(ThrottleSettings(max_failures=3, window_s=600, lockout_s=900, delay_s=1), clock=clock)
    for _ in range(2):
        clock.now = fail(gate).retry_at
    locked = fail(gate)
    assert locked.outcome == LOCKED and locked.retry_at == clock.now + 900 and locked.failures == 3
    clock.now += 899
    assert gate.acquire().outcome == LOCKED  # even the right password would not be checked
    clock.now += 1
    assert gate.acquire().allowed and gate.finish(True).outcome == ALLOWED
    assert fail(gate).failures == 1  # the lockout was served: counting starts again


def test_failures_outside_the_window_do_not_count() -> None:
    clock = Clock()
    gate = LoginThrottle(ThrottleSettings(max_failures=3, window_s=60, delay_s=1), clock=clock)
    fail(gate)
    clock.now += 61
    fail(gate)
    clock.now += 61
    assert fail(gate).outcome == DELAYED


def test_success_resets_the_count() -> None:
    clock = Clock()
    gate = LoginThrottle(ThrottleSettings(max_failures=3, delay_s=1), clock=clock)
    clock.now = fail(gate).retry_at
    clock.now = fail(gate).retry_at
    assert gate.acquire().allowed
    gate.finish(True)
    assert fail(gate).failures == 1


def test_one_check_at_a_time_across_threads() -> None:
    """Parallel sessions: while one guess is being hashed, every other is refused without hashing."""
    gate = LoginThrottle(ThrottleSettings(), clock=Clock())
    assert gate.acquire().allowed
    outcomes = []
    threads = [threading.Thread(target=lambda: outcomes.append(gate.acquire().outcome)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [BUSY] * 8
    assert gate.finish(False).refused == 8  # the next audit line reports them


def test_local_login_expires_after_idle_time() -> None:
    state: dict = {}
    session.start_local(state, now=0)
    assert session.local_state(state, idle_s=600, now=599) == session.ACTIVE
    assert session.local_state(state, idle_s=600, now=1100) == session.ACTIVE  # activity at 599 counts
    assert session.local_state(state, idle_s=600, now=1701) == session.EXPIRED
    assert session.local_state(state, idle_s=600, now=1702) == session.ENDED and not state


def test_oidc_login_expires_for_every_session_and_ends_on_logout() -> None:
    session.reset()
    login = {"sub": "s1", "email": "k@example.fi", "iat": 1000, "nonce": "n1"}
    assert session.oidc_state(login, idle_s=600, now=1100) == (session.ACTIVE, True)
    assert session.oidc_state(login, idle_s=600, now=1600) == (session.ACTIVE, False)
    assert session.oidc_state(login, idle_s=600, now=2201)[0] == session.EXPIRED
    assert session.oidc_state(login, idle_s=600, now=2202)[0] == session.EXPIRED  # a reload does not revive it
    fresh = {**login, "iat": 3000, "nonce": "n2"}  # a new st.login
    assert session.oidc_state(fresh, idle_s=600, now=3001)[0] == session.ACTIVE
    session.end_oidc(fresh, now=3002)
    assert session.oidc_state(fresh, idle_s=600, now=3003)[0] == session.ENDED  # the cookie's copy is dead


def test_an_unseen_old_oidc_login_counts_from_its_issue_time() -> None:
    """After a server restart a cookie from yesterday is no editor: its ID token was issued long ago."""
    session.reset()
    assert session.oidc_state({"sub": "s", "iat": 0, "nonce": "x"}, idle_s=600, now=86_400)[0] == session.EXPIRED
