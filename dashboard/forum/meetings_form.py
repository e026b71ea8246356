"""The editor's forum-meetings section (Diat ja merkinnät): list, add, edit and delete meetings. Streamlit
widgets only; validation, storage and audit are meetings.py's."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core import clock
from dashboard.core.auth import User
from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.forum import decks, meetings
from dashboard.ui.components import plain

NEW = 0  # the choice "a new meeting" in the edit selector


def table(lang: str) -> pd.DataFrame:
    """The meetings as the editor's table (the minutes link as text: the column shows it, never runs it)."""
    rows = [{t("meetings.date", lang): m.meeting_date, t("meetings.title", lang): m.title,
             t("meetings.deck", lang): m.deck_name or "", t("meetings.minutes", lang): m.minutes_url or ""}
            for m in meetings.meetings()]  # fmt: skip
    return pd.DataFrame(rows)


def section(user: User, state: PageState, lang: str) -> None:
    """Heading, the meetings table, and one form that adds a meeting or edits the chosen one."""
    st.header(t("meetings.heading", lang))
    st.caption(t("meetings.intro", lang))
    saved = meetings.meetings()
    if saved:
        st.dataframe(table(lang), hide_index=True)
    else:
        st.info(t("meetings.none", lang))
    by_id = {m.id: m for m in saved}
    chosen = st.selectbox(t("meetings.choose", lang), [NEW, *by_id], key=state.key("kokous"),
                          format_func=lambda i: t("meetings.new", lang) if i == NEW else meetings.label(by_id[i]))  # fmt: skip
    current = by_id.get(chosen) or meetings.Meeting(clock.today(), "")
    names = decks.deck_names()
    with st.form(state.key(f"kokous_{chosen}")):  # a form per meeting: its fields start from that meeting
        left, right = st.columns(2)
        when = left.date_input(t("meetings.date", lang), value=current.meeting_date, format="DD.MM.YYYY")
        deck = right.selectbox(t("meetings.deck", lang), names,
                               index=names.index(current.deck_name) if current.deck_name in names else 0)  # fmt: skip
        title = st.text_input(t("meetings.title", lang), value=current.title, max_chars=meetings.MAX_TITLE)
        minutes = st.text_input(
            t("meetings.minutes", lang), value=current.minutes_url or "", max_chars=meetings.MAX_URL
        )
        if st.form_submit_button(t("meetings.save", lang), type="primary"):
            try:
                meetings.save(meetings.Meeting(when, title, deck, minutes, current.id), user.name)
                st.success(t("meetings.saved", lang))
            except meetings.MeetingError as exc:
                st.error(t("meetings.not_saved", lang, reason=plain(exc)))
    if current.id is not None and st.button(t("meetings.delete", lang), key=state.key("poista_kokous")):
        meetings.delete(current.id, user.name)
        st.session_state.pop(state.key("kokous"), None)
        st.rerun()
