"""Yleiskuva (overview): headline figures, population by municipality, data freshness, and the kuntakortti
downloads (a one-page PDF per municipality, or all in one file)."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.info import freshness
from dashboard.overview import headlines as overview
from dashboard.ui.cards import card_downloads
from dashboard.ui.components import current_language, metric_cards, plain, view_block

lang = current_language()
st.title(overview.service_title(lang))
st.markdown(overview.intro(lang))

st.header(t("overview.headline", lang))
metric_cards(overview.headlines(lang))

view_block(overview.population_view(lang), key="vakiluku_kunnittain", lang=lang)

with st.container(border=True):
    st.header(t("overview.freshness", lang))
    st.caption(t("overview.freshness_intro", lang))
    late = freshness.notice(lang)
    if late:
        st.warning(plain(late), icon=":material/schedule:")
    st.dataframe(freshness.table(lang), hide_index=True)

with st.container(border=True):
    st.header(t("card.section", lang))
    st.caption(t("card.intro", lang))
    card_downloads(lang, key_prefix="yleiskuva")
