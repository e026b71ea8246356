"""Työ ja elinkeinot (work and business), in four parts chosen above them (one drawn at a time): unemployment
monthly and open vacancies; employment rate, jobs and employed residents, job self-sufficiency; jobs by
industry with location quotients; income and education of the newest year across the areas. Selections in
the URL."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.model.views import Block
from dashboard.population import choices as population
from dashboard.ui import selectors
from dashboard.ui.components import block_view, current_language, downloads, figures_table, metric_cards
from dashboard.work import industry as work_industry
from dashboard.work import jobs as work_jobs
from dashboard.work import livelihood as work_livelihood
from dashboard.work import unemployment as work

# The page's parts (URL values: their ids or their labels), each with its heading.
SECTIONS = {"tyottomyys": "work.section_unemployment", "tyopaikat": "work.section_jobs",
            "toimialat": "work.section_industry", "tulot": "work.section_livelihood"}  # fmt: skip

lang = current_language()
state = PageState("tyo_ja_elinkeinot", lang)
options = population.options(lang)


def show(block: Block, key: str) -> None:
    block_view(block, key, lang)  # notes, then the chart with its furniture and any dated notes


st.title(t("work.title", lang))
st.markdown(t("work.intro", lang))

chosen = selectors.area_selection(state, options, work.year_range(), "work.rolling_help")
area, comparisons, first, last, rolling = chosen.area, chosen.comparisons, chosen.first, chosen.last, chosen.rolling
indicator_key = state.choice("indikaattori", work.MONTHLY, options.labels.get)
mode_label = work.mode_label(lang)
mode_key = state.choice("tila", work.MODES, mode_label)
livelihood_key = state.choice("tulot_koulutus", work_livelihood.INDICATORS, options.labels.get)
parts = selectors.Parts(state, SECTIONS)
selectors.notices(state)

part = parts.choose()
st.header(parts.label(part))
if part == "tyottomyys":
    metric_cards(work.cards(lang, area))
    left, right = st.columns([1, 2])
    indicator = left.selectbox(t("population.indicator", lang), work.MONTHLY, key=indicator_key,
                               bind="query-params", format_func=options.labels.get, persist_state="page")  # fmt: skip
    mode = right.radio(t("population.mode", lang), work.MODES, key=mode_key, bind="query-params", horizontal=True,
                       format_func=mode_label, persist_state="page")  # fmt: skip
    show(work.unemployment_block(lang, area, comparisons, indicator, mode, first, last), "tyo_tyottomyys")
    show(work.labour_market_block(lang, area, first, last), "tyo_tyonhakijat_avoimet")
elif part == "tyopaikat":
    show(work_jobs.employment_rate_block(lang, area, comparisons), "tyo_tyollisyysaste")
    show(work_jobs.jobs_block(lang, area, first, last, rolling), "tyo_tyopaikat")
    show(work_jobs.self_sufficiency_block(lang, area, comparisons, first, last, rolling), "tyo_omavaraisuus")
elif part == "toimialat":
    show(work_industry.shares_block(lang, area, comparisons), "tyo_toimialat")
    show(work_industry.lq_block(lang, area, comparisons), "tyo_sijaintiosamaara")
    table, table_data, table_caption = work_industry.table_view(lang, area, comparisons)
    if not table.empty:
        st.markdown(f"**{t('work.table_title', lang)}**")
        st.dataframe(table, hide_index=True, height="content")
        st.caption(table_caption)
        downloads(table_data, "tyo_toimialataulukko", lang)
else:
    st.markdown(t("work.livelihood_intro", lang))
    metric_cards(work_livelihood.cards(lang, area))
    measure = st.selectbox(t("work.livelihood_measure", lang), work_livelihood.INDICATORS, key=livelihood_key,
                           bind="query-params", format_func=options.labels.get, persist_state="page")  # fmt: skip
    show(work_livelihood.bars(lang, measure, area), "tyo_tulot_koulutus")
    figures_table(t("work.livelihood_table_title", lang), work_livelihood.table(lang), "tyo_tulot_koulutus_taulukko",
                  lang)  # fmt: skip
