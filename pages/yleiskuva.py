"""Yleiskuva (overview): headline figures, population by municipality, data freshness."""

import streamlit as st

from dashboard.core import queries
from dashboard.core.i18n import t
from dashboard.overview import headlines as overview
from dashboard.ui.components import current_language, view_block

lang = current_language()
meta = queries.region()
st.title(meta.get(f"title_{lang}", meta["title_fi"]))
st.markdown(t("overview.intro", lang, brand=meta["brand"], n=len(queries.focus_codes())))

st.header(t("overview.headline", lang))
for column, card in zip(st.columns(4), overview.headlines(lang)):
    with column.container(border=True):
        st.metric(card.label, card.value, card.delta, delta_color=card.delta_color, delta_arrow=card.delta_arrow)
        st.caption(card.caption)
        st.caption(card.source)

view_block(overview.population_view(lang), key="vakiluku_kunnittain", lang=lang)

with st.container(border=True):
    st.header(t("overview.freshness", lang))
    st.caption(t("overview.freshness_intro", lang))
    st.dataframe(overview.freshness(lang), hide_index=True)
