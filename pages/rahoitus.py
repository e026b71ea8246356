"""Rahoitus (funding): projects by fund, period, municipality and spearhead; granted vs realised; euros
per resident; the project list and a project card."""

import streamlit as st

from dashboard.core import queries
from dashboard.core.i18n import t
from dashboard.funding import projects
from dashboard.funding import summary as funding
from dashboard.funding import views as funding_views
from dashboard.funding.card import card
from dashboard.funding.summary import Filters
from dashboard.ui.components import current_language, view_block

lang = current_language()
st.title(t("funding.title", lang))
st.markdown(t("funding.intro", lang, brand=queries.region()["brand"]))

names, spear = funding_views.filter_labels(lang)
one, two, three, four = st.columns(4)
periods = one.multiselect(t("funding.col_period", lang), funding.period_choices(), key="kausi", bind="query-params",
                          placeholder=t("funding.all_periods", lang))  # fmt: skip
funds = two.multiselect(t("funding.fund", lang), list(projects.FUND_GROUPS), key="rahasto", bind="query-params",
                        format_func=lambda g: t(f"funding.fund_{g.lower()}", lang),
                        placeholder=t("funding.all_funds", lang))  # fmt: skip
area = three.selectbox(t("funding.municipality", lang), list(names), key="kunta", bind="query-params",
                       format_func=names.get)  # fmt: skip
spearhead = four.selectbox(t("funding.spearhead", lang), list(spear), key="karki", bind="query-params",
                           format_func=spear.get)  # fmt: skip
unassigned = st.toggle(t("funding.include_unassigned", lang), key="kohdistamattomat", bind="query-params",
                       help=t("funding.include_unassigned_help", lang))  # fmt: skip
filters = Filters(tuple(periods), tuple(funds), area, spearhead, unassigned)

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
chosen = st.selectbox(t("funding.choose_project", lang), options, index=None, key="hanke", bind="query-params",
                      format_func=labels.get, placeholder=t("funding.choose_project_hint", lang))  # fmt: skip
if chosen:
    info = card(chosen, lang)
    with st.container(border=True):
        st.markdown(f"### {info.title}")
        if info.as_stated:
            st.info(t("funding.as_stated", lang, text=info.as_stated))
        st.markdown("\n".join(f"- **{name}:** {value}" for name, value in info.fields))
        st.markdown(t("funding.card_areas", lang, areas=info.areas, basis=info.basis))
        st.markdown(t("funding.card_spearheads", lang, tags=", ".join(info.spearheads) or "–"))
        if info.note:
            st.markdown(t("funding.card_note", lang, note=info.note))
        st.markdown(t("funding.card_sources", lang) + "\n" + "\n".join(f"- {line}" for line in info.sources))
        st.markdown(f"**{t('funding_impact.kpis', lang)}**")
        if info.kpis.empty:
            st.caption(t("funding_impact.no_kpis", lang))
        else:
            st.dataframe(info.kpis, hide_index=True)
        if info.indicators:
            st.markdown(t("funding.card_indicators", lang, indicators=", ".join(info.indicators)))
        st.page_link("pages/vaikuttavuus.py", label=t("funding.to_impact", lang), icon=":material/insights:")
