"""The what-changed page's state and text: the baseline date bound to the URL (`muutokset.alkaen`, ISO date),
and each section's items as a Markdown list of links whose text is escaped (register and user text)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.changes.report import Section
from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.forum import meetings
from dashboard.ui.components import plain

PAGE = "muutokset"
LOW = date(2000, 1, 1)  # the earliest baseline offered: older than any release date in the warehouse


@dataclass(frozen=True)
class BaselineChoice:
    key: str
    state: PageState
    default: date
    low: date
    caption: str  # which meeting the default is, or that there is none


def baseline_choice(lang: str, today: date) -> BaselineChoice:
    """The key of the baseline date input, its default (the last meeting) and range. A link's date that is
    not a date in the range is dropped with a notice before the widget reads it."""
    state = PageState(PAGE, lang)
    key = state.param("alkaen")
    asked = st.query_params.get(key)
    if asked and not _fits(asked, today):
        state._drop("alkaen", asked)
        with contextlib.suppress(KeyError, StreamlitAPIException):
            del st.query_params[key]
    current = st.session_state.get(key)
    if current is not None and not (isinstance(current, date) and LOW <= current <= today):
        del st.session_state[key]
    last = meetings.last_meeting(today)
    default = meetings.default_baseline(today)
    if key not in st.session_state:
        st.session_state[key] = _parse(asked) if asked and _fits(asked, today) else default
    caption = (t("changes.since_meeting", lang, meeting=meetings.label(last)) if last
               else t("changes.since_fallback", lang, days=meetings.FALLBACK_DAYS))  # fmt: skip
    return BaselineChoice(key, state, default, LOW, caption)


def _parse(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if len(text) == 10 else None
    except ValueError:
        return None


def _fits(text: str, today: date) -> bool:
    day = _parse(text)
    return day is not None and LOW <= day <= today


def items_markdown(section: Section, lang: str) -> str:
    """'- [text](/page?keys)' per item (text escaped; the link is built by our code), or the empty sentence."""
    if not section.items:
        return f"*{plain(section.empty)}*"
    lines = [f"- [{plain(item.text)}]({item.link})" for item in section.items]
    if section.more:
        lines.append(f"- {plain(t('changes.more', lang, n=section.more))}")
    return "\n".join(lines)
