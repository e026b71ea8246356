"""Who is using the app and may they edit: roles, login, and the guard every restricted page calls.

Two ways to become an editor, chosen by `.streamlit/secrets.toml`:
- OIDC (`[auth]` configured for st.login): editors are the e-mail addresses in `[roles] editors = [...]`.
- Local fallback for a single-machine install: `[local_auth] password_hash = "pbkdf2_sha256$…"`
  (make one with `python -m dashboard.core.auth hash`; the password itself is never stored).
Everyone else is a viewer. Hiding a page from navigation is not access control: each restricted page
calls `require_editor()` itself, before it reads or writes anything.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import sys
from dataclasses import dataclass

import streamlit as st

from dashboard.core.i18n import t

EDITOR, VIEWER = "editor", "viewer"
ITERATIONS = 600_000  # OWASP 2023 recommendation for PBKDF2-HMAC-SHA256


@dataclass(frozen=True)
class User:
    name: str
    role: str
    method: str  # oidc | local | anonymous

    @property
    def is_editor(self) -> bool:
        return self.role == EDITOR


def hash_password(password: str, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of `password` against a hash_password() string; malformed hashes never match."""
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _secret(section: str) -> dict:
    try:
        return dict(st.secrets.get(section, {}))
    except FileNotFoundError:  # no secrets.toml at all: a public, view-only install
        return {}


def oidc_configured() -> bool:
    return bool(_secret("auth"))


def local_configured() -> bool:
    return bool(_secret("local_auth").get("password_hash"))


def current_user() -> User:
    """The visitor's identity and role, from OIDC or the local editor login."""
    if oidc_configured() and st.user.get("is_logged_in"):
        email = str(st.user.get("email", "")).lower()
        editors = {str(e).lower() for e in _secret("roles").get("editors", [])}
        return User(email or "?", EDITOR if email in editors else VIEWER, "oidc")
    if local_configured() and st.session_state.get("_local_editor"):
        return User(_secret("local_auth").get("username", "editor"), EDITOR, "local")
    return User("anonymous", VIEWER, "anonymous")


def _local_login_form(lang: str) -> None:
    with st.form("local_login"):
        password = st.text_input(t("auth.password", lang), type="password")
        if st.form_submit_button(t("auth.login", lang)):
            if verify_password(password, _secret("local_auth")["password_hash"]):
                st.session_state["_local_editor"] = True
                st.rerun()
            st.error(t("auth.wrong_password", lang))


def require_editor(lang: str) -> User:
    """Stop the page unless the visitor is an editor; offer the configured way to log in."""
    user = current_user()
    if user.is_editor:
        return user
    st.warning(t("auth.editors_only", lang))
    if oidc_configured() and not st.user.get("is_logged_in"):
        st.button(t("auth.login", lang), on_click=st.login, type="primary")
    elif local_configured():
        _local_login_form(lang)
    elif user.method == "oidc":
        st.info(t("auth.not_an_editor", lang, name=user.name))
    else:
        st.info(t("auth.not_configured", lang))
    st.stop()


def account_box(lang: str) -> None:
    """Sidebar: who is logged in, and log out."""
    user = current_user()
    if user.method == "anonymous":
        return
    st.sidebar.caption(t("auth.logged_in_as", lang, name=user.name, role=t(f"auth.role_{user.role}", lang)))
    if user.method == "oidc":
        st.sidebar.button(t("auth.logout", lang), on_click=st.logout)
    elif st.sidebar.button(t("auth.logout", lang)):
        st.session_state.pop("_local_editor", None)
        st.rerun()


if __name__ == "__main__":  # python -m dashboard.core.auth hash
    if sys.argv[1:] != ["hash"]:
        sys.exit("usage: python -m dashboard.core.auth hash")
    first, second = getpass.getpass("New editor password: "), getpass.getpass("Again: ")
    if first != second or len(first) < 12:
        sys.exit("passwords differ or are shorter than 12 characters")
    print(f'[local_auth]\npassword_hash = "{hash_password(first)}"')
