"""Rahoitusasema (funding position): the special position's per-resident level vs what is committed, the
2021–27 allocations by fund with committed and paid, the share of the period elapsed, aid areas."""

import streamlit as st

from dashboard.core import queries
from dashboard.core.i18n import t
from dashboard.funding import position
from dashboard.funding import summary as funding
from dashboard.funding import views as funding_views
from dashboard.ui.components import current_language, view_block

lang = current_language()
meta = queries.region()
st.title(t("funding_pos.title", lang))
st.markdown(t("funding_pos.intro", lang, subregion=funding.area_name(meta["subregion"], lang),
              region=funding.area_name(meta["region"], lang)))  # fmt: skip

tracker = funding_views.tracker(lang)
for column, card in zip(st.columns(len(tracker.headlines)), tracker.headlines):
    column.metric(card.label, card.value)
    column.caption(card.caption)
view_block(tracker.view, "rahoitusasema_taso", lang)
kind, text = tracker.commitments
(st.warning if kind == "warning" else st.caption)(text)

st.header(t("funding_pos.allocations", lang, period=position.PERIOD))
view_block(funding_views.allocation_view(lang), "rahoitusasema_kehykset", lang)
st.caption(t("funding_pos.bases_note", lang))
entries = position.coordinator_entries(lang)
st.markdown(f"**{t('funding_pos.coordinator_entries', lang)}**")
if entries.empty:
    st.caption(t("funding_pos.no_coordinator_entries", lang))
else:
    st.dataframe(
        entries, hide_index=True, column_config={t("funding_pos.col_source", lang): st.column_config.LinkColumn()}
    )

st.header(t("funding_pos.aid_heading", lang))
st.markdown(t("funding_pos.aid_intro", lang))
link = {t("funding_pos.col_source", lang): st.column_config.LinkColumn()}
st.dataframe(position.aid_areas(lang), hide_index=True, column_config=link)
st.dataframe(position.aid_intensity(lang), hide_index=True, column_config=link)

st.header(t("funding_pos.facts_heading", lang))
st.markdown(t("funding_pos.facts_intro", lang))
st.dataframe(position.other_facts(lang), hide_index=True, column_config=link)
