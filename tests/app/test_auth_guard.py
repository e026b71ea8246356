"""The editor guard: anonymous visitors are stopped; OIDC editors by e-mail and local editors pass."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.core.auth import hash_password, verify_password


def guarded_page() -> None:
    import streamlit as st

    from dashboard.core.auth import require_editor

    user = require_editor("fi")
    st.success(f"editor {user.name}")


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "id", "client_secret": "secret",
                 "server_metadata_url": "https://idp.example/.well-known/openid-configuration"},
        "roles": {"editors": ["Koordinaattori@Example.fi"]}}  # fmt: skip


def run(secrets: dict, user: dict | None = None) -> AppTest:
    at = AppTest.from_function(guarded_page, default_timeout=30)
    for key, value in secrets.items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    return at.run()


def test_anonymous_without_any_login_configured_is_stopped() -> None:
    at = run({})
    assert not at.success and "ei ole määritetty" in at.info[0].value


def test_anonymous_with_oidc_gets_a_login_button() -> None:
    at = run(OIDC, {"is_logged_in": False})
    assert not at.success and at.button[0].label == "Kirjaudu sisään"


def test_logged_in_non_editor_is_stopped() -> None:
    at = run(OIDC, {"is_logged_in": True, "email": "someone@example.fi"})
    assert not at.success and "someone@example.fi" in at.info[0].value


def test_oidc_editor_passes_case_insensitively() -> None:
    at = run(OIDC, {"is_logged_in": True, "email": "koordinaattori@example.fi"})
    assert at.success[0].value == "editor koordinaattori@example.fi"


def test_local_password_login() -> None:
    secrets = {"local_auth": {"password_hash": hash_password("oikea salasana 42", iterations=1000)}}
    at = run(secrets)
    at.text_input[0].input("väärä")
    at.button[0].click().run()
    assert not at.success and at.error[0].value == "Väärä salasana."
    at.text_input[0].input("oikea salasana 42")
    at.button[0].click().run()
    assert at.success[0].value == "editor editor"


def test_password_hash_is_salted_and_verifiable() -> None:
    a, b = hash_password("s", iterations=1000), hash_password("s", iterations=1000)
    assert a != b and verify_password("s", a) and not verify_password("t", a)
    assert not verify_password("s", "pbkdf2_sha256$x$y$z") and not verify_password("s", "plaintext")
