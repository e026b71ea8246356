"""The editor guard: anonymous visitors are stopped; OIDC editors (verified e-mail) and local editors pass;
the local password resists a burst of guesses; the role ends after the idle time; a broken [auth] is named.

The throttle and the idle timer read one fake clock here (no test sleeps), and every test writes its audit
lines into its own store file.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core import auth, auth_session, auth_throttle
from dashboard.core import store as state
from dashboard.core.auth import hash_password, verify_password

PASSWORD = "oikea salasana 42"


def guarded_page() -> None:
    import streamlit as st

    from dashboard.core.auth import account_box, require_editor

    account_box("fi")
    user = require_editor("fi")
    st.success(f"editor {user.name}")


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "id", "client_secret": "secret",
                 "server_metadata_url": "https://idp.example/.well-known/openid-configuration"},
        "roles": {"editors": ["Koordinaattori@Example.fi"]}}  # fmt: skip
EDITOR = {"is_logged_in": True, "email": "koordinaattori@example.fi", "email_verified": True}


class Clock:
    def __init__(self) -> None:
        self.now = 1_790_000_000.0  # 2026-09-21

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(auth_throttle, "_now", fake)
    monkeypatch.setattr(auth_session, "_now", fake)
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))
    auth_throttle.reset()
    auth_session.reset()
    return fake


def run(secrets: dict, user: dict | None = None) -> AppTest:
    at = AppTest.from_function(guarded_page, default_timeout=30)
    for key, value in secrets.items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    return at.run()


def local(**settings: object) -> dict:
    return {"local_auth": {"password_hash": hash_password(PASSWORD, iterations=1000), **settings}}


def submit(at: AppTest, password: str) -> AppTest:
    at.text_input[0].input(password)
    return next(b for b in at.button if b.proto.form_id == "local_login").click().run()


def audit_lines() -> list[dict]:
    rows = state.query("audit_log", {"limit": 1000})
    return rows[rows["entity"] == "login"].sort_values("id").to_dict("records")


def test_anonymous_without_any_login_configured_is_stopped() -> None:
    at = run({})
    assert not at.success and "ei ole määritetty" in at.info[0].value


def test_anonymous_with_oidc_gets_a_login_button() -> None:
    at = run(OIDC, {"is_logged_in": False})
    assert not at.success and at.button[0].label == "Kirjaudu sisään"


def test_login_with_an_unreachable_provider_says_so_without_a_traceback() -> None:
    down = {
        **OIDC,
        "auth": {**OIDC["auth"], "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"},
    }
    at = run(down, {"is_logged_in": False})
    at.button[0].click().run()
    assert not at.exception and "ei vastaa" in at.error[0].value and at.button[0].label == "Kirjaudu sisään"


def test_logged_in_non_editor_is_stopped_and_told_why() -> None:
    at = run(OIDC, {"is_logged_in": True, "email": "someone@example.fi", "email_verified": True})
    assert not at.success and "someone@example.fi" in at.info[0].value and "luettelossa" in at.info[0].value


def test_oidc_editor_passes_case_insensitively() -> None:
    at = run(OIDC, EDITOR)
    assert at.success[0].value == "editor koordinaattori@example.fi"
    assert [(line["action"], line["entity_id"]) for line in audit_lines()] == [("login_success", "oidc")]


@pytest.mark.parametrize("verified", [None, False, "false"])
def test_an_unverified_email_is_never_an_editor(verified: object) -> None:
    user = {**EDITOR, "email_verified": verified} if verified is not None else {**EDITOR, "email_verified": None}
    at = run(OIDC, user)
    assert not at.success and "ei ole vahvistanut" in at.info[0].value


@pytest.mark.parametrize("missing", ["client_secret", "server_metadata_url", "cookie_secret"])
def test_incomplete_auth_names_the_missing_key_without_a_traceback(missing: str) -> None:
    broken = {"auth": {k: v for k, v in OIDC["auth"].items() if k != missing}, "roles": OIDC["roles"]}
    at = run(broken, {"is_logged_in": False})
    assert not at.exception and not at.success
    assert f"[auth] {missing}" in at.error[0].value and "secrets.toml" in at.error[0].value
    assert not at.button  # no login button that could only fail


def test_short_cookie_secret_and_wrong_redirect_are_named() -> None:
    broken = {"auth": {**OIDC["auth"], "cookie_secret": "short", "redirect_uri": "http://localhost:8501/"}}
    at = run(broken, {"is_logged_in": False})
    assert "cookie_secret" in at.error[0].value and "oauth2callback" in at.error[0].value


def test_local_password_login_and_logout() -> None:
    at = run(local())
    at = submit(at, PASSWORD)
    assert at.success[0].value == "editor editor"
    at.sidebar.button[0].click().run()
    assert not at.success and at.text_input  # logged out: the form again
    assert [line["action"] for line in audit_lines()] == ["login_success", "logout"]


def test_local_login_is_refused_when_oidc_is_configured_unless_both_are_allowed() -> None:
    both = {**OIDC, **local()}
    at = run(both, {"is_logged_in": False})
    assert not at.text_input and "ei ole käytössä" in at.caption[0].value
    at = run({**OIDC, **local(allow_with_oidc=True)}, {"is_logged_in": False})
    assert [b.label for b in at.button] == ["Kirjaudu sisään", "Kirjaudu sisään"]  # OIDC, then the form
    at = submit(at, PASSWORD)
    assert at.success[0].value == "editor editor"


def test_brute_force_burst_is_delayed_then_locked(clock: Clock, monkeypatch: pytest.MonkeyPatch,
                                                  caplog: pytest.LogCaptureFixture, capfd) -> None:  # fmt: skip
    """Five wrong guesses within the window lock the password for 15 minutes; a guess inside a delay and
    the right password during the lockout are refused without computing the hash; afterwards it works."""
    caplog.set_level(logging.DEBUG)
    hashed = []
    monkeypatch.setattr(auth, "verify_password", lambda p, s: hashed.append(1) or verify_password(p, s))
    at = run(local(max_failures=5, window_minutes=15, lockout_minutes=15, delay_seconds=2))

    at = submit(at, "arvaus 1")
    assert at.error[0].value == "Väärä salasana. Odota 2 s ennen seuraavaa yritystä."
    at = submit(at, PASSWORD)  # inside the delay: refused, even though right, and not hashed
    assert at.error[0].value == "Odota 2 s ennen seuraavaa yritystä." and len(hashed) == 1 and not at.success
    waits = []
    for guess in range(2, 6):
        clock.now += 2 ** (guess - 1)  # the delay doubles: 2, 4, 8, 16 s
        at = submit(at, f"arvaus {guess}")
        waits.append(at.error[0].value)
    assert waits[:3] == [f"Väärä salasana. Odota {s} s ennen seuraavaa yritystä." for s in (4, 8, 16)]
    assert waits[3].startswith("Liian monta väärää salasanaa") and "klo 17.28" in waits[3]
    assert len(hashed) == 5

    for minutes in (1, 14):
        clock.now += 60 * minutes if minutes == 1 else 60 * 13 + 59
        at = submit(at, PASSWORD)  # the right password during the lockout
        assert at.error[0].value.startswith("Liian monta") and not at.success
    assert len(hashed) == 5  # none of them was hashed
    clock.now += 2
    at = submit(at, PASSWORD)
    assert at.success[0].value == "editor editor" and len(hashed) == 6

    lines = audit_lines()
    assert [line["action"] for line in lines] == ["login_failure"] * 5 + ["login_lockout", "login_success"]
    assert '"refused_before": 1' in lines[1]["after_json"]  # the right password sent inside the first delay
    assert '"refused_before": 2' in lines[-1]["after_json"]  # the two refusals during the lockout
    assert '"failures": 5' in lines[5]["after_json"] and '"until": "2026-09-21T17:28' in lines[5]["after_json"]
    assert all(line["actor"] == "anonymous" for line in lines[:-1]) and lines[-1]["actor"] == "editor"
    everything = " ".join(str(v) for line in lines for v in line.values()) + caplog.text + "".join(capfd.readouterr())
    assert PASSWORD not in everything and "arvaus" not in everything


def test_throttle_is_shared_by_every_session_of_the_process(clock: Clock) -> None:
    secrets = local(max_failures=3)
    sessions = [run(secrets) for _ in range(3)]
    for index, at in enumerate(sessions):
        clock.now += 120
        submit(at, f"arvaus {index}")
    at = submit(run(secrets), PASSWORD)  # a fresh session gains nothing
    assert at.error[0].value.startswith("Liian monta") and not at.success


def test_local_editor_role_ends_after_the_idle_time(clock: Clock) -> None:
    at = submit(run({**local(), "roles": {"idle_minutes": 10}}), PASSWORD)
    assert at.success
    clock.now += 9 * 60
    assert at.run().success  # activity: the timer starts again
    clock.now += 10 * 60 + 1
    at.run()
    assert not at.success and "10 minuuttiin" in at.info[0].value and at.text_input
    assert [line["action"] for line in audit_lines()] == ["login_success", "logout_idle"]


def test_oidc_editor_role_ends_after_the_idle_time_and_on_logout(clock: Clock) -> None:
    secrets = {**OIDC, "roles": {**OIDC["roles"], "idle_minutes": 10}}
    login = {**EDITOR, "sub": "k1", "iat": int(clock.now), "nonce": "n1"}
    at = run(secrets, login)
    assert at.success
    clock.now += 10 * 60 + 1
    at.run()
    assert not at.success and "10 minuuttiin" in at.info[0].value and at.button[0].label == "Kirjaudu sisään"
    assert not run(secrets, login).success  # a new session (a reload) with the same cookie: still ended

    fresh = {**login, "iat": int(clock.now), "nonce": "n2"}  # logging in again
    at = run(secrets, fresh)
    assert at.success
    at.sidebar.button[0].click().run()  # "Kirjaudu ulos"
    assert not run(secrets, fresh).success  # the cookie's copy gives no editor role any more
    assert [line["action"] for line in audit_lines()] == ["login_success", "login_success", "logout"]


def test_password_hash_is_salted_and_verifiable() -> None:
    a, b = hash_password("s", iterations=1000), hash_password("s", iterations=1000)
    assert a != b and verify_password("s", a) and not verify_password("t", a)
    assert not verify_password("s", "pbkdf2_sha256$x$y$z") and not verify_password("s", "plaintext")
