"""Regional forum meetings: date, title, the deck shown, a link to the minutes. Kept in the app's own store
(`forum_meeting`), every add, edit and delete audited like the other editor data.

The newest meeting on or before today is the default baseline of "Mitä on muuttunut" (dashboard/changes):
what changed since the forum last met. Without any meeting the baseline falls back to FALLBACK_DAYS ago.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pandas as pd

from dashboard.core import store as state
from dashboard.core.memo import memo

MAX_TITLE = 200
MAX_URL = 500
FALLBACK_DAYS = 90  # no meeting saved yet: "since three months ago", said as such on the page


class MeetingError(ValueError):
    """A meeting that cannot be saved (no title, a date far off, a link that is not http(s))."""


@dataclass(frozen=True)
class Meeting:
    meeting_date: date
    title: str
    deck_name: str | None = None
    minutes_url: str | None = None
    id: int | None = None  # None: not saved yet


@memo  # shared by the page, the deck's intro slides and the export: one read per store revision
def all_meetings() -> pd.DataFrame:
    """Every meeting, newest first (an empty frame with the columns while the store is unavailable)."""
    return state.query("meetings")


@memo  # the overview's forum panel reads it on every rerun: built once per store revision, not per run
def meetings() -> tuple[Meeting, ...]:
    return tuple(Meeting(pd.Timestamp(r.meeting_date).date(), r.title, r.deck_name if isinstance(r.deck_name, str) else None,
                    r.minutes_url if isinstance(r.minutes_url, str) else None, int(r.id))
            for r in all_meetings().itertuples())  # fmt: skip


def check_url(url: str | None) -> str | None:
    """The minutes link, stripped; None when empty. Only absolute http(s) links without spaces or control
    characters: a `javascript:` or `data:` link must never reach a page as a link."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if (len(url) > MAX_URL or parts.scheme.lower() not in ("http", "https") or not parts.netloc
            or any(ch.isspace() or ord(ch) < 32 or ch in "<>\"'`" for ch in url)):  # fmt: skip
        raise MeetingError(f"the minutes link must be an http(s) address of at most {MAX_URL} characters")
    return url


def validate(meeting: Meeting) -> Meeting:
    """A cleaned copy of `meeting`, or MeetingError saying what is wrong."""
    title = meeting.title.strip()
    if not title or len(title) > MAX_TITLE:
        raise MeetingError(f"a meeting needs a title of 1–{MAX_TITLE} characters")
    if not isinstance(meeting.meeting_date, date) or not 2000 <= meeting.meeting_date.year <= 2100:
        raise MeetingError("a meeting needs a date between 2000 and 2100")
    deck = (meeting.deck_name or "").strip() or None
    return Meeting(meeting.meeting_date, title, deck, check_url(meeting.minutes_url), meeting.id)


def _record(meeting: Meeting) -> dict:
    return {"meeting_date": meeting.meeting_date, "title": meeting.title, "deck_name": meeting.deck_name,
            "minutes_url": meeting.minutes_url}  # fmt: skip


def _before(meeting_id: int) -> dict | None:
    found = [m for m in meetings() if m.id == meeting_id]
    return _record(found[0]) if found else None


def save(meeting: Meeting, actor: str) -> None:
    """Add the meeting (id None) or replace the saved one with its id; audited."""
    clean = validate(meeting)
    row = _record(clean) | {"updated_by": actor, "updated_at": datetime.now(UTC)}
    if clean.id is None:
        state.write(actor, "create", "forum_meeting", clean.meeting_date.isoformat(), [("meeting_insert", row)],
                    after=_record(clean))  # fmt: skip
        return
    before = _before(clean.id)
    if before is None:
        raise MeetingError(f"no meeting with id {clean.id}")
    state.write(actor, "update", "forum_meeting", str(clean.id), [("meeting_update", row | {"id": clean.id})],
                before=before, after=_record(clean))  # fmt: skip


def delete(meeting_id: int, actor: str) -> None:
    state.write(actor, "delete", "forum_meeting", str(meeting_id), [("meeting_delete", {"id": meeting_id})],
                before=_before(meeting_id))  # fmt: skip


def last_meeting(today: date) -> Meeting | None:
    """The newest meeting held on or before `today` (a planned one is not a baseline yet)."""
    past = [m for m in meetings() if m.meeting_date <= today]
    return max(past, key=lambda m: (m.meeting_date, m.id or 0)) if past else None


def default_baseline(today: date) -> date:
    """The date of the last meeting, else FALLBACK_DAYS before `today`."""
    last = last_meeting(today)
    return last.meeting_date if last else today - timedelta(days=FALLBACK_DAYS)


def label(meeting: Meeting) -> str:
    return f"{meeting.meeting_date:%d.%m.%Y} · {meeting.title}"
