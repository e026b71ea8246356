"""Kärkihankkeet (spearhead scorecard): indicators per spearhead with latest value, trend, target and
traffic light, and the projects under each spearhead with their money."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.funding import panels, scorecard
from dashboard.funding import summary as funding
from dashboard.funding import views as funding_views
from dashboard.ui.components import current_language

lang = current_language()
state = PageState("karkihankkeet", lang)
st.title(t("funding_score.title", lang))
st.markdown(t("funding_score.intro", lang))
areas = scorecard.area_choices()
area_name = lambda c: funding.area_name(c, lang)  # noqa: E731
area = st.selectbox(t("funding_score.area", lang), areas, key=state.choice("alue", areas, area_name),
                    bind="query-params", format_func=area_name)  # fmt: skip
panels.notices(state.notices())
st.caption(t("funding_score.lights_note", lang))

money = funding_views.money_columns(lang)
for section in scorecard.sections(area, lang):
    st.header(section.title)
    lights, config = scorecard.coloured(section.indicators, lang)
    st.dataframe(lights, hide_index=True, column_config=config)
    st.markdown(section.projects_line)
    if section.projects.empty:
        st.caption(t("funding_score.no_projects", lang))
    else:
        st.dataframe(section.projects, hide_index=True, column_config=money)
