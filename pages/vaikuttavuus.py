"""Vaikuttavuus (project impact): a project's KPIs, target vs achieved, and the development of outcome
indicators before, during and after it, against the region's other small municipalities."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.funding import impact, impact_views, panels
from dashboard.funding import views as funding_views
from dashboard.funding.card import card
from dashboard.ui.components import current_language, view_block

lang = current_language()
state = PageState("vaikuttavuus", lang)
st.title(t("funding_impact.title", lang))
st.markdown(t("funding_impact.intro", lang))
st.warning(t("funding_impact.caveat", lang))

choices = impact.project_choices()
if not choices:
    st.info(t("funding_impact.no_projects", lang))
    st.stop()
labels = funding_views.project_labels(tuple(choices))
project_id = st.selectbox(t("funding.choose_project", lang), choices, key=state.choice("hanke", choices, labels.get),
                          bind="query-params", format_func=labels.get)  # fmt: skip
info = card(project_id, lang)
st.caption(panels.project_line(info, lang))

st.header(t("funding_impact.kpis", lang))
if info.kpis.empty:
    st.info(t("funding_impact.no_kpis", lang))
else:
    st.dataframe(info.kpis, hide_index=True)
    st.caption(t("funding_impact.kpi_note", lang))

st.header(t("funding_impact.development", lang))
indicators = impact.indicator_choices(project_id)
names = impact.indicator_labels(project_id, lang)
indicator = st.selectbox(t("funding_impact.indicator", lang), indicators, bind="query-params",
                         key=state.choice("indikaattori", indicators, names.get), format_func=names.get)  # fmt: skip
panels.notices(state.notices())
if not impact.has_links(project_id):
    st.caption(t("funding_impact.no_links", lang))
missing = impact_views.missing_notice(lang, project_id, indicator)
if missing:
    st.info(missing)
view_block(impact_views.development_view(lang, project_id, indicator), "vaikuttavuus_kehitys", lang)
st.markdown(f"**{t('funding_impact.phases', lang)}**")
st.dataframe(impact_views.phase_table(lang, project_id, indicator), hide_index=True)
st.caption(t("funding_impact.phases_note", lang))
