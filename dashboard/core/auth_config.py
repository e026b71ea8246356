"""The login settings in `.streamlit/secrets.toml`, read and checked (README: editors).

- `[auth]`: OIDC for st.login. `oidc_problems()` names what is missing or wrong, so the login page can say
  it instead of st.login raising a traceback.
- `[roles] editors`: e-mail addresses of the editors (compared case-insensitively).
- `[local_auth]`: the local password hash and its throttle, idle time and the flag that allows it next
  to OIDC. Numbers that are not numbers fall back to the defaults (a typo must not open the door wider).
"""

from __future__ import annotations

import contextvars
import functools
import importlib.util
import json
import math
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import TypeVar

import streamlit as st

from dashboard.core.auth_throttle import ThrottleSettings

# What st.login needs for the default provider (streamlit/auth_util.py validate_auth_credentials).
OIDC_REQUIRED = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
MIN_COOKIE_SECRET = 32  # characters; Streamlit only warns below 14 bytes, a signing key deserves more
IDLE_MINUTES = 30  # default idle time after which the editor role ends
F = TypeVar("F", bound=Callable)


def _read() -> Mapping[str, object]:
    """All of secrets.toml ({} when there is no file: a public, view-only install)."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:
        return {}


# Without a secrets.toml, Streamlit looks for the file again on every read (it must notice one added later):
# ~0.1 ms a read, and deciding a visitor's role takes about ten. Within `read_once`, the file is read once.
_snapshot: contextvars.ContextVar[Mapping[str, object] | None] = contextvars.ContextVar(
    "tilannekuva_secrets_snapshot", default=None
)


def read_once(func: F) -> F:
    """Decorator: every secret() within `func` (and what it calls) reads one snapshot of secrets.toml, taken
    when it starts. Nothing is kept after it returns, so an edited secrets.toml counts from the next call."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if _snapshot.get() is not None:  # called from within another read_once function: its snapshot holds
            return func(*args, **kwargs)
        token = _snapshot.set(_read())
        try:
            return func(*args, **kwargs)
        finally:
            _snapshot.reset(token)

    return wrapper  # type: ignore[return-value]


def secret(section: str) -> dict:
    """One section of secrets.toml as a plain dict ({} when the file or the section is missing)."""
    secrets = _snapshot.get()
    value = (secrets if secrets is not None else _read()).get(section, {})
    try:
        return dict(value)
    except (TypeError, ValueError):  # `auth = "x"`: not a section
        return {}


def oidc_configured() -> bool:
    """An [auth] section exists: the installation means to use OIDC (even if it is incomplete)."""
    return bool(secret("auth"))


def oidc_problems() -> list[tuple[str, str]]:
    """What keeps st.login from working: (kind, key) with kind missing | redirect | cookie | authlib.
    Key names only, never their values (the guard shows these to every visitor)."""
    auth = secret("auth")
    problems = [("missing", key) for key in OIDC_REQUIRED if not str(auth.get(key, "")).strip()]
    redirect = str(auth.get("redirect_uri", ""))
    if redirect and not redirect.endswith("/oauth2callback"):  # Streamlit's callback route, exactly
        problems.append(("redirect", "redirect_uri"))
    cookie = str(auth.get("cookie_secret", ""))
    if cookie and len(cookie) < MIN_COOKIE_SECRET:
        problems.append(("cookie", "cookie_secret"))
    if importlib.util.find_spec("authlib") is None:
        problems.append(("authlib", "Authlib"))
    return problems


_reachable: dict[str, float] = {}  # metadata URL → until when a successful check is trusted
_reachable_lock = threading.Lock()
REACHABLE_TTL_S = 300.0


def provider_reachable(url: str, timeout: float = 3.0) -> bool:
    """Does the provider's discovery document answer? Checked when the login button is pressed: if not,
    the guard says so, where st.login would send the browser to a bare "Authentication error" page. A
    success is trusted for five minutes, so a burst of clicks costs no burst of requests."""
    with _reachable_lock:
        if _reachable.get(url, 0.0) > time.monotonic():
            return True
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # the URL comes from secrets.toml
            ok = "authorization_endpoint" in json.loads(response.read(1_000_000))
    except (OSError, ValueError, urllib.error.URLError):
        ok = False
    if ok:
        with _reachable_lock:
            _reachable[url] = time.monotonic() + REACHABLE_TTL_S
    return ok


def editors() -> set[str]:
    """The editors' e-mail addresses, lower-cased (a lone string is read as one address)."""
    listed = secret("roles").get("editors", [])
    if isinstance(listed, str):
        listed = [listed]
    return {str(e).strip().lower() for e in listed if str(e).strip()}


def local_password_hash() -> str:
    return str(secret("local_auth").get("password_hash", ""))


def local_allowed_with_oidc() -> bool:
    """`[local_auth] allow_with_oidc = true`: both logins on purpose. Otherwise OIDC alone."""
    return secret("local_auth").get("allow_with_oidc") is True


def local_enabled() -> bool:
    """The local password may be used: a hash is set, and OIDC is not configured unless both are allowed."""
    return bool(local_password_hash()) and (not oidc_configured() or local_allowed_with_oidc())


def _number(section: dict, key: str, default: float, minimum: float) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return default
    return max(float(value), minimum)


def throttle_settings() -> ThrottleSettings:
    """`[local_auth] max_failures, window_minutes, lockout_minutes, delay_seconds, max_delay_seconds`."""
    local, d = secret("local_auth"), ThrottleSettings()
    return ThrottleSettings(
        max_failures=int(_number(local, "max_failures", d.max_failures, 1)),
        window_s=_number(local, "window_minutes", d.window_s / 60, 1) * 60,
        lockout_s=_number(local, "lockout_minutes", d.lockout_s / 60, 1) * 60,
        delay_s=_number(local, "delay_seconds", d.delay_s, 0.5),
        max_delay_s=_number(local, "max_delay_seconds", d.max_delay_s, 1),
    )


def idle_seconds() -> float:
    """`[roles] idle_minutes` (default 30): the editor role ends after this long without a rerun."""
    return _number(secret("roles"), "idle_minutes", IDLE_MINUTES, 1) * 60


def local_username() -> str:
    return str(secret("local_auth").get("username", "editor"))
