"""Yleiskuva (overview): headline figures, population by municipality, data freshness."""

import streamlit as st

from dashboard.core import queries
from dashboard.core.i18n import t
from dashboard.overview import headlines as overview
from dashboard.ui.components import current_language, metric_cards, view_block

lang = current_language()
meta = queries.region()
st.title(meta.get(f"title_{lang}", meta["title_fi"]))
st.markdown(t("overview.intro", lang, brand=meta["brand"], n=len(queries.focus_codes())))

st.header(t("overview.headline", lang))
metric_cards(overview.headlines(lang))

view_block(overview.population_view(lang), key="vakiluku_kunnittain", lang=lang)

with st.container(border=True):
    st.header(t("overview.freshness", lang))
    st.caption(t("overview.freshness_intro", lang))
    st.dataframe(overview.freshness(lang), hide_index=True)
