"""Vaikuttavuus (project impact): a project's KPIs, target vs achieved, and the development of outcome
indicators before, during and after it, against the region's other small municipalities."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.funding import impact as projects_impact
from dashboard.funding import impact_views as projects_impact_views
from dashboard.funding import views as funding_views
from dashboard.funding.card import card
from dashboard.ui.components import current_language, view_block

lang = current_language()
st.title(t("funding_impact.title", lang))
st.markdown(t("funding_impact.intro", lang))
st.warning(t("funding_impact.caveat", lang))

choices = projects_impact.project_choices()
if not choices:
    st.info(t("funding_impact.no_projects", lang))
    st.stop()
project_id = st.selectbox(t("funding.choose_project", lang), choices, key="hanke", bind="query-params",
                          format_func=funding_views.project_labels(tuple(choices)).get)  # fmt: skip
project_id = project_id if project_id in choices else choices[0]  # a stale ?hanke= from another page
info = card(project_id, lang)
st.caption(t("funding_impact.project_line", lang, areas=info.areas, basis=info.basis,
             tags=", ".join(info.spearheads) or "–"))  # fmt: skip

st.header(t("funding_impact.kpis", lang))
if info.kpis.empty:
    st.info(t("funding_impact.no_kpis", lang))
else:
    st.dataframe(info.kpis, hide_index=True)
    st.caption(t("funding_impact.kpi_note", lang))

st.header(t("funding_impact.development", lang))
indicators = projects_impact.indicator_choices(project_id)
labels = projects_impact.indicator_labels(project_id, lang)
indicator = st.selectbox(t("funding_impact.indicator", lang), indicators, key="indikaattori", bind="query-params",
                         format_func=labels.get)  # fmt: skip
indicator = indicator if indicator in indicators else indicators[0]  # a stale ?indikaattori= from another page
if not any(label.endswith(" ★") for label in labels.values()):
    st.caption(t("funding_impact.no_links", lang))
view_block(projects_impact_views.development_view(lang, project_id, indicator), "vaikuttavuus_kehitys", lang)
st.markdown(f"**{t('funding_impact.phases', lang)}**")
st.dataframe(projects_impact_views.phase_table(lang, project_id, indicator), hide_index=True)
st.caption(t("funding_impact.phases_note", lang))
