"""Rahoitusasema (funding position): the special position's per-resident level vs what is committed, the
2021–27 allocations by fund with committed and paid, the share of the period elapsed, aid areas."""

from datetime import date

import streamlit as st

from dashboard.core import queries
from dashboard.core.i18n import fmt_percent, t
from dashboard.funding import position
from dashboard.funding import summary as funding
from dashboard.funding import views as funding_views
from dashboard.ui.components import current_language, view_block

lang = current_language()
today = date.today()
meta = queries.region()
st.title(t("funding_pos.title", lang))
st.markdown(t("funding_pos.intro", lang, subregion=funding.area_name(meta["subregion"], lang),
              region=funding.area_name(meta["region"], lang)))  # fmt: skip

pos = position.position(today, lang)
share = position.elapsed_share(today)
one, two, three = st.columns(3)
one.metric(t("funding_pos.elapsed", lang, period=position.PERIOD), fmt_percent(100 * share, 0, lang))
one.caption(t("funding_pos.elapsed_note", lang, today=today.strftime("%-d.%-m.%Y")))
for column, row in zip((two, three), pos.itertuples()):
    column.metric(t("funding_pos.level_of", lang, area=row.area_name), funding.eur(row.level, 0, lang))
    if row.level_by == "coordinator":
        column.caption(t("funding_pos.level_coordinator", lang, url=row.source_url))
    elif row.source_url:
        column.caption(t("funding_pos.level_source", lang, text=row.level_as_stated, url=row.source_url))
    else:
        column.caption(t("funding_pos.level_missing", lang))

view_block(funding_views.position_view(lang, today), "rahoitusasema_taso", lang)
sub = pos.iloc[0]
if not sub["with_amount"]:
    st.warning(t("funding_pos.no_commitments_help", lang, period=position.PERIOD, n=int(sub["projects"])))
else:
    st.caption(t("funding_pos.commitments_note", lang, n=int(sub["projects"]), with_amount=int(sub["with_amount"]),
                 year=sub["population_year"]))  # fmt: skip

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
