"""How long an editor login lasts: it ends after an idle time and on logout (no Streamlit imports).

- Local login: lives in the session (`_local_editor`) with the time of its last rerun; a reload starts a
  new session, which is logged out anyway.
- OIDC: st.user comes from a cookie that Streamlit keeps for 30 days, and every new session (a reload, a
  new tab) reads it again, so a session-only timer would restart on reload. The last activity of each
  login is therefore kept per process, keyed by the login itself (subject, issue time and nonce of the ID
  token: a new st.login is a new key). A login the process has not seen yet counts from its ID token's
  issue time, so after a server restart an old cookie is not an editor either. Logging out marks the key
  ended: a copy of the cookie gives no editor role afterwards.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Mapping, MutableMapping

ACTIVE, EXPIRED, ENDED = "active", "expired", "ended"
LOCAL_FLAG, LOCAL_SEEN = "_local_editor", "_local_editor_seen"

_now = time.time  # the clock; tests replace it to walk through an idle time without waiting
_logins: dict[str, tuple[float, bool, bool]] = {}  # login key → (last activity, ended, has an issue time)
_lock = threading.Lock()


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def login_key(user_info: Mapping) -> str:
    """Identifies one OIDC login (hashed: the map holds no e-mail addresses)."""
    parts = [str(user_info.get(k, "")) for k in ("sub", "email", "iat", "nonce")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def oidc_state(user_info: Mapping, idle_s: float, now: float | None = None) -> tuple[str, bool]:
    """(ACTIVE (activity recorded) | EXPIRED (idle too long) | ENDED (logged out), first time seen)."""
    now = _now() if now is None else now
    key = login_key(user_info)
    with _lock:
        _prune(now, idle_s)
        first = key not in _logins
        issued = _number(user_info.get("iat"))
        dated = issued is not None
        last, ended, _ = _logins.get(key, (issued if dated else now, False, dated))
        if ended:
            return ENDED, first
        if now - last > idle_s:
            _logins[key] = (last, True, dated)  # stays expired, whichever session asks next
            return EXPIRED, first
        _logins[key] = (now, False, dated)
        return ACTIVE, first


def end_oidc(user_info: Mapping, now: float | None = None) -> None:
    """Logout: this login gives no editor role any more, in any session."""
    with _lock:
        dated = _number(user_info.get("iat")) is not None
        _logins[login_key(user_info)] = (_now() if now is None else now, True, dated)


def _prune(now: float, idle_s: float) -> None:
    # An entry idle for longer than idle_s may go if its login has an issue time: should the login come
    # back, it counts from that time, which is older still, so it is refused the same way. Logins without
    # one (a provider that sends no iat) are kept, or a pruned one would count from now again.
    for key in [k for k, (last, _ended, dated) in _logins.items() if dated and now - last > idle_s]:
        del _logins[key]


def local_state(session: MutableMapping, idle_s: float, now: float | None = None) -> str:
    """The session's local login: ACTIVE (activity recorded), EXPIRED (and forgotten) or ENDED (none)."""
    if not session.get(LOCAL_FLAG):
        return ENDED
    now = _now() if now is None else now
    last = _number(session.get(LOCAL_SEEN))
    if last is not None and now - last > idle_s:
        end_local(session)
        return EXPIRED
    session[LOCAL_SEEN] = now
    return ACTIVE


def start_local(session: MutableMapping, now: float | None = None) -> None:
    session[LOCAL_FLAG] = True
    session[LOCAL_SEEN] = _now() if now is None else now


def end_local(session: MutableMapping) -> None:
    session.pop(LOCAL_FLAG, None)
    session.pop(LOCAL_SEEN, None)


def reset() -> None:
    """Forget every OIDC login (tests)."""
    with _lock:
        _logins.clear()
