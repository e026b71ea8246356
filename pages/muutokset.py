"""Mitä on muuttunut (what changed since the last forum): releases, unusual moves, projects, the funding
position then and now and dated notes after a baseline date (?muutokset.alkaen=YYYY-MM-DD; default: the
last meeting), each item with a permalink to the view behind it."""

import streamlit as st

from dashboard.changes import page as changes_page
from dashboard.changes import report as changes
from dashboard.core import clock
from dashboard.core.i18n import t
from dashboard.ui import selectors
from dashboard.ui.components import current_language, plain, store_notice

lang = current_language()
today = clock.today()
choice = changes_page.baseline_choice(lang, today)
st.title(t("changes.title", lang))
st.markdown(t("changes.intro", lang))
since = st.date_input(t("changes.since", lang), key=choice.key, bind="query-params", format="DD.MM.YYYY",
                      min_value=choice.low, max_value=today, help=t("changes.since_help", lang))  # fmt: skip
st.caption(plain(choice.caption))
selectors.notices(choice.state)
store_notice(lang)

result = changes.report(since, today, lang)
st.header(t("changes.heading", lang, date=f"{since:%d.%m.%Y}"))
for section in result.sections:
    st.subheader(section.title)
    st.markdown(changes_page.items_markdown(section, lang))
with st.expander(t("changes.method_title", lang)):
    st.markdown(t("changes.method", lang))
