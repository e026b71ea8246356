"""Rahoitus (funding): projects by fund, period, municipality and spearhead; granted vs realised; euros
per resident; the project list and a project card."""

import streamlit as st

from dashboard.core import queries
from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.funding import panels, projects
from dashboard.funding import summary as funding
from dashboard.funding import views as funding_views
from dashboard.funding.summary import Filters
from dashboard.ui.components import current_language, view_block

lang = current_language()
state = PageState("rahoitus", lang)
st.title(t("funding.title", lang))
st.markdown(t("funding.intro", lang, brand=queries.region()["brand"]))

names, spear = funding_views.filter_labels(lang)
fund_name = funding_views.fund_name(lang)
one, two, three, four = st.columns(4)
periods = one.multiselect(t("funding.col_period", lang), funding.period_choices(), bind="query-params",
                          key=state.choices("kausi", funding.period_choices()),
                          placeholder=t("funding.all_periods", lang))  # fmt: skip
funds = two.multiselect(t("funding.fund", lang), list(projects.FUND_GROUPS), bind="query-params",
                        key=state.choices("rahasto", projects.FUND_GROUPS, fund_name), format_func=fund_name,
                        placeholder=t("funding.all_funds", lang))  # fmt: skip
area = three.selectbox(t("funding.municipality", lang), list(names), key=state.choice("kunta", names, names.get),
                       bind="query-params", format_func=names.get)  # fmt: skip
spearhead = four.selectbox(t("funding.spearhead", lang), list(spear), key=state.choice("karki", spear, spear.get),
                           bind="query-params", format_func=spear.get)  # fmt: skip
unassigned = st.toggle(t("funding.include_unassigned", lang), key=state.flag("kohdistamattomat"), bind="query-params",
                       help=t("funding.include_unassigned_help", lang))  # fmt: skip
filters = Filters(tuple(periods), tuple(funds), area, spearhead, unassigned)
dropped = state.notices()
panels.notices(dropped)

summary = funding_views.summary(lang, filters)
for column, (caption, value) in zip(st.columns(3), summary):
    column.metric(caption, value)
st.caption(t("funding.sums_note", lang))

view_block(funding_views.fund_view(lang, filters), "rahoitus_rahastoittain", lang)

st.header(t("funding.per_resident_heading", lang))
st.markdown(t("funding.per_resident_intro", lang))
view_block(funding_views.per_resident_view(lang, tuple(periods), tuple(funds)), "rahoitus_asukasta_kohden", lang)

st.header(t("funding.list_heading", lang))
table = funding_views.project_table(lang, filters)
st.caption(t("funding.list_caption", lang, n=len(table)))
st.dataframe(table, hide_index=True, column_config=funding_views.money_columns(lang))

st.header(t("funding.card_heading", lang))
options = funding_views.project_options(filters)
labels = funding_views.project_labels(tuple(options))
chosen = st.selectbox(t("funding.choose_project", lang), options, index=None, bind="query-params",
                      key=state.choice("hanke", options, labels.get), format_func=labels.get,
                      placeholder=t("funding.choose_project_hint", lang))  # fmt: skip
panels.notices(state.notices()[len(dropped) :])
if chosen:
    panels.project_card(chosen, lang)
