"""Who is using the app and may they edit: roles, login, and the guard every restricted page calls.

Two ways to become an editor, chosen by `.streamlit/secrets.toml` (README: editors; read in auth_config):
- OIDC (`[auth]` for st.login): editors are the addresses in `[roles] editors = [...]`, compared
  case-insensitively with the e-mail the provider has verified (`email_verified`); an unverified address
  is never an editor.
- A local password for a single-machine install: `[local_auth] password_hash = "pbkdf2_sha256$…"` (make one
  with `python -m dashboard.core.auth hash`; the password itself is never stored). Throttled process-wide
  (auth_throttle: growing delay, lockout), every attempt in the store's audit log. Refused outright when
  OIDC is configured, unless `[local_auth] allow_with_oidc = true`.
The editor role ends after `[roles] idle_minutes` without activity and on logout (auth_session).
Everyone else is a viewer. Hiding a page from navigation is not access control: each restricted page
calls `require_editor()` itself, before it reads or writes anything.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import logging
import math
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st

from dashboard.core import auth_config as config
from dashboard.core import auth_session as session
from dashboard.core import auth_throttle as throttle
from dashboard.core import store as state
from dashboard.core.i18n import t

EDITOR, VIEWER = "editor", "viewer"
ITERATIONS = 600_000  # OWASP 2023 recommendation for PBKDF2-HMAC-SHA256
HELSINKI = ZoneInfo("Europe/Helsinki")  # lockout times are shown as the coordinator's clock says
_NOTICE = "_auth_notice"  # a message for the next guard: the role just ended (idle) or a login failed
_MARKDOWN = re.compile(r"([\\`*_\[\]~$#|])")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class User:
    name: str
    role: str
    method: str  # oidc | local | anonymous
    reason: str = ""  # why a logged-in user is not an editor: not_listed | unverified | expired | ended

    @property
    def is_editor(self) -> bool:
        return self.role == EDITOR


ANONYMOUS = User("anonymous", VIEWER, "anonymous")


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


def oidc_configured() -> bool:
    return config.oidc_configured()


def local_configured() -> bool:
    """The local password can be used (set, and not switched off by OIDC)."""
    return config.local_enabled()


def _text(value: str) -> str:
    """A provider's value (an e-mail address) inside a message that Streamlit renders as Markdown: as text."""
    return _MARKDOWN.sub(r"\\\1", value)


def _user_info() -> dict:
    return {key: st.user.get(key) for key in ("sub", "email", "email_verified", "iat", "nonce")}


def _audit(actor: str, action: str, method: str, **details: object) -> None:
    """A line in the store's audit log. Never the password; a store that cannot be written does not
    stop the login (the server log says so instead)."""
    try:
        state.audit(actor, action, "login", method, details)
    except Exception as exc:  # noqa: BLE001 - any store failure: log it, carry on
        _log.warning("login audit line not written (%s: %s)", type(exc).__name__, str(exc).splitlines()[0][:200])


def _oidc_user() -> User:
    info = _user_info()
    email = str(info["email"] or "").strip().lower()
    name = email or str(info["sub"] or "?")
    verified = info["email_verified"] is True or str(info["email_verified"]).lower() == "true"
    listed = email in config.editors()
    state, first_seen = session.oidc_state(info, config.idle_seconds())
    if state == session.ACTIVE and verified and listed:
        user = User(name, EDITOR, "oidc")
    else:
        reason = state if state != session.ACTIVE else ("unverified" if listed else "not_listed")
        user = User(name, VIEWER, "oidc", reason)
    if first_seen and state == session.ACTIVE:  # one line per login (an expired one returning is no login)
        _audit(name, "login_success" if user.is_editor else "login_refused", "oidc", role=user.role,
               reason=user.reason or None)  # fmt: skip
    return user


@config.read_once
def current_user() -> User:
    """The visitor's identity and role, from OIDC or the local editor login."""
    visitor = ANONYMOUS
    if config.oidc_configured() and st.user.get("is_logged_in"):
        visitor = _oidc_user()
        if visitor.is_editor or not config.local_enabled():
            return visitor
    if config.local_enabled():
        state = session.local_state(st.session_state, config.idle_seconds())
        if state == session.ACTIVE:
            return User(config.local_username(), EDITOR, "local")
        if state == session.EXPIRED:
            st.session_state[_NOTICE] = "expired"
            _audit(config.local_username(), "logout_idle", "local")
    else:
        session.end_local(st.session_state)  # e.g. OIDC was configured meanwhile: the local role ends
    return visitor


def local_time(timestamp: float, lang: str) -> str:
    """A clock time as the coordinator reads it (Helsinki time): '14.05' (fi, sv) or '14:05' (en), with
    the date when it is not today."""
    moment = datetime.fromtimestamp(timestamp, HELSINKI)
    clock = moment.strftime("%H:%M" if lang == "en" else "%H.%M")
    if moment.date() == datetime.fromtimestamp(throttle.clock(), HELSINKI).date():
        return clock
    return f"{moment.day}.{moment.month}.{moment.year} {clock}"


def _refusal(decision: throttle.Decision, lang: str) -> str:
    wait = max(1, math.ceil(decision.retry_at - throttle.clock()))
    if decision.outcome == throttle.LOCKED:
        return t("auth.locked", lang, time=local_time(decision.retry_at, lang))
    if decision.outcome == throttle.BUSY:
        return t("auth.busy", lang)
    return t("auth.wait", lang, seconds=wait)


def check_local_password(password: str, lang: str) -> tuple[bool, str]:
    """Throttle, then check `password`: (logged in, message to show). The throttle decides first, so a
    refused attempt costs no hashing; every checked attempt and every lockout is an audit line."""
    stored = config.local_password_hash()
    gate = throttle.throttle_for(stored, config.throttle_settings())
    decision = gate.acquire()
    if not decision.allowed:
        return False, _refusal(decision, lang)
    try:
        ok = verify_password(password, stored)
    except BaseException:
        gate.abandon()
        raise
    result = gate.finish(ok)
    user = config.local_username()
    retry = datetime.fromtimestamp(result.retry_at, HELSINKI).isoformat(timespec="seconds")
    if ok:
        _audit(user, "login_success", "local", refused_before=result.refused)
        return True, ""
    locked = result.outcome == throttle.LOCKED
    _audit("anonymous", "login_failure", "local", failures=result.failures, refused_before=result.refused,
           **({} if locked else {"next_try": retry}))  # fmt: skip
    if locked:  # the failure that locks is also a line of its own: the lockout and until when
        _audit("anonymous", "login_lockout", "local", failures=result.failures, until=retry)
        return False, t("auth.locked", lang, time=local_time(result.retry_at, lang))
    wait = max(1, math.ceil(result.retry_at - throttle.clock()))
    return False, f"{t('auth.wrong_password', lang)} {t('auth.wait', lang, seconds=wait)}"


def _local_login_form(lang: str) -> None:
    # clear_on_submit: the password does not stay in the session's widget state after a try.
    with st.form("local_login", clear_on_submit=True):
        password = st.text_input(t("auth.password", lang), type="password")
        submitted = st.form_submit_button(t("auth.login", lang))
    if submitted:
        ok, message = check_local_password(password, lang)
        if ok:
            session.start_local(st.session_state)
            st.rerun()
        st.error(message)


def _start_oidc_login() -> None:
    """The login button's callback: st.login, with its configuration errors as a message, not a trace."""
    from streamlit.errors import StreamlitAuthError

    if not config.provider_reachable(str(config.secret("auth").get("server_metadata_url", ""))):
        _log.warning("OIDC provider metadata did not answer: login not started")
        st.session_state[_NOTICE] = "provider_unreachable"
        return
    try:
        st.login()
    except StreamlitAuthError as exc:
        _log.warning("st.login failed: %s", str(exc).splitlines()[0][:300])
        st.session_state[_NOTICE] = "login_failed"


def _oidc_offer(user: User, lang: str) -> None:
    """What the guard says and offers about OIDC: what is wrong with [auth], why this user is refused,
    or the login button."""
    problems = config.oidc_problems()
    if problems:
        listed = "; ".join(
            t(f"auth.problem_{kind}", lang, name=key, n=config.MIN_COOKIE_SECRET) for kind, key in problems
        )
        st.error(t("auth.oidc_incomplete", lang, missing=listed))
        return
    if user.method == "oidc" and user.reason in ("not_listed", "unverified"):
        st.info(t(f"auth.refused_{user.reason}", lang, name=_text(user.name)))
        return
    if user.method == "oidc" and user.reason in ("expired", "ended"):
        st.info(t(f"auth.{user.reason}", lang, minutes=round(config.idle_seconds() / 60)))
    st.button(t("auth.login", lang), on_click=_start_oidc_login, type="primary", key="auth_oidc_login")


@config.read_once
def require_editor(lang: str) -> User:
    """Stop the page unless the visitor is an editor; offer the configured way to log in."""
    user = current_user()
    if user.is_editor:
        return user
    st.warning(t("auth.editors_only", lang))
    notice = st.session_state.pop(_NOTICE, None)
    if notice == "expired":
        st.info(t("auth.expired", lang, minutes=round(config.idle_seconds() / 60)))
    elif notice in ("login_failed", "provider_unreachable"):
        st.error(t(f"auth.{notice}", lang))
    if config.oidc_configured():
        _oidc_offer(user, lang)
    if config.local_enabled():
        _local_login_form(lang)
    elif config.oidc_configured() and config.local_password_hash():
        st.caption(t("auth.local_disabled", lang))
    if not config.oidc_configured() and not config.local_enabled():
        st.info(t("auth.not_configured", lang))
    st.stop()


def _logout_oidc() -> None:
    info = _user_info()
    session.end_oidc(info)
    _audit(str(info["email"] or info["sub"] or "?").lower(), "logout", "oidc")
    st.logout()


@config.read_once
def account_box(lang: str) -> None:
    """Sidebar: who is logged in, and log out."""
    user = current_user()
    if user.method == "anonymous":
        return
    role = t(f"auth.role_{user.role}", lang)
    st.sidebar.caption(t("auth.logged_in_as", lang, name=_text(user.name), role=role))
    if user.method == "oidc":
        st.sidebar.button(t("auth.logout", lang), on_click=_logout_oidc, key="auth_logout")
    elif st.sidebar.button(t("auth.logout", lang), key="auth_logout"):
        session.end_local(st.session_state)
        _audit(user.name, "logout", "local")
        st.rerun()


if __name__ == "__main__":  # python -m dashboard.core.auth hash
    if sys.argv[1:] != ["hash"]:
        sys.exit("usage: python -m dashboard.core.auth hash")
    first, second = getpass.getpass("New editor password: "), getpass.getpass("Again: ")
    if first != second or len(first) < 12:
        sys.exit("passwords differ or are shorter than 12 characters")
    print(f'[local_auth]\npassword_hash = "{hash_password(first)}"')
