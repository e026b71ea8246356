"""Throttle for the local editor password: a growing delay after each failure, a lockout after too many.

Pure Python, no Streamlit: one `LoginThrottle` per password for the whole server process, so the count
covers every session (a new browser tab or four parallel ones gain nothing) and is thread-safe (each
session runs in its own thread). `acquire()` decides *before* the password hash is computed: a guess
inside the delay, during a lockout or while another guess is being checked is refused without hashing,
so guessing costs the server nothing but this check — at most one PBKDF2 runs at a time, whatever the
number of sessions.

The clock is injectable (`clock=`), so the tests walk through minutes of lockout without sleeping.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

ALLOWED, DELAYED, LOCKED, BUSY = "allowed", "delayed", "locked", "busy"


@dataclass(frozen=True)
class ThrottleSettings:
    """`[local_auth]` settings (README: editors). Defaults: 10 failures in 15 minutes lock the password
    for 15 minutes; the delay doubles from 1 s after each failure, at most 60 s."""

    max_failures: int = 10
    window_s: float = 15 * 60
    lockout_s: float = 15 * 60
    delay_s: float = 1.0
    max_delay_s: float = 60.0

    def delay_after(self, failures: int) -> float:
        """The wait after the `failures`-th failure in the window: delay_s, 2×, 4×, … up to max_delay_s."""
        if failures <= 0:
            return 0.0
        return min(self.max_delay_s, self.delay_s * 2 ** min(failures - 1, 30))


@dataclass(frozen=True)
class Decision:
    outcome: str  # ALLOWED | DELAYED | LOCKED | BUSY
    retry_at: float = 0.0  # clock time from which a new attempt is accepted (DELAYED, LOCKED)
    failures: int = 0  # failures in the window so far
    refused: int = 0  # attempts refused without a check since the last logged event

    @property
    def allowed(self) -> bool:
        return self.outcome == ALLOWED


class LoginThrottle:
    """Counts the failures of one password across the process. Use:

    decision = throttle.acquire()            # before hashing; refused → show decision, do not hash
    if decision.allowed:
        ok = verify_password(...)
        result = throttle.finish(ok)         # SUCCESS resets; a failure sets the delay or the lockout
    """

    def __init__(self, settings: ThrottleSettings | None = None, clock: Callable[[], float] = time.time):
        self.settings = settings or ThrottleSettings()
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: deque[float] = deque()  # clock times of failures within the window
        self._next_allowed = 0.0  # end of the current delay
        self._locked_until = 0.0
        self._in_flight = False  # a guess is being hashed right now
        self._refused = 0

    def now(self) -> float:
        return self._clock()

    def _prune(self, now: float) -> None:
        while self._failures and now - self._failures[0] >= self.settings.window_s:
            self._failures.popleft()

    def _refuse(self, outcome: str, retry_at: float) -> Decision:
        self._refused += 1
        return Decision(outcome, retry_at, len(self._failures), self._refused)

    def acquire(self) -> Decision:
        """May a password be checked now? Allowed attempts hold the slot until finish()."""
        with self._lock:
            now = self._clock()
            if self._locked_until and now >= self._locked_until:
                # The lockout is served: a fresh start (delays begin again at delay_s).
                self._locked_until, self._next_allowed = 0.0, 0.0
                self._failures.clear()
            if now < self._locked_until:
                return self._refuse(LOCKED, self._locked_until)
            if self._in_flight:
                return self._refuse(BUSY, now + 1.0)
            if now < self._next_allowed:
                return self._refuse(DELAYED, self._next_allowed)
            self._prune(now)
            self._in_flight = True
            return Decision(ALLOWED, now, len(self._failures), self._refused)

    def finish(self, success: bool) -> Decision:
        """Record the result of the allowed check. Returns ALLOWED on success, DELAYED after a failure,
        LOCKED when this failure reached max_failures within the window."""
        with self._lock:
            now = self._clock()
            self._in_flight = False
            refused, self._refused = self._refused, 0
            if success:
                self._failures.clear()
                self._next_allowed = 0.0
                return Decision(ALLOWED, now, 0, refused)
            self._prune(now)
            self._failures.append(now)
            count = len(self._failures)
            if count >= self.settings.max_failures:
                self._locked_until = now + self.settings.lockout_s
                return Decision(LOCKED, self._locked_until, count, refused)
            self._next_allowed = now + self.settings.delay_after(count)
            return Decision(DELAYED, self._next_allowed, count, refused)

    def abandon(self) -> None:
        """Release the slot when the check could not run (an exception while hashing)."""
        with self._lock:
            self._in_flight = False


_registry: dict[tuple, LoginThrottle] = {}
_registry_lock = threading.Lock()


def throttle_for(password_hash: str, settings: ThrottleSettings) -> LoginThrottle:
    """The process-wide throttle of this password and settings (a new hash or new settings start afresh)."""
    key = (password_hash, settings)
    with _registry_lock:
        if key not in _registry:
            _registry[key] = LoginThrottle(settings, clock=clock)
        return _registry[key]


def clock() -> float:
    """The throttles' clock: wall time, so a retry time can be shown to the user. Tests patch `_now`."""
    return _now()


_now = time.time


def reset() -> None:
    """Forget every throttle (tests; a restart does the same)."""
    with _registry_lock:
        _registry.clear()
