"""Väestö (population), in four parts chosen above them (one drawn at a time): population over time and its
change, comparison as an index or per 1 000 residents; population by municipality; age structure now (mean
age, shares under 15 and 65+) and over time, dependency ratio; vital events of the newest year across the
areas, migration and natural increase over time. Every selection is in the URL."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.model.views import Block
from dashboard.population import age as population_age
from dashboard.population import choices as population
from dashboard.population import compare as population_compare
from dashboard.population import flows as population_flows
from dashboard.population import profile as population_profile
from dashboard.population import summary as population_summary
from dashboard.ui import selectors
from dashboard.ui.components import block_view, current_language, figures_table, metric_cards

# The page's parts (URL values: their ids or their labels), each with its heading.
SECTIONS = {"vertailu": "population.section_compare", "kunnittain": "population.section_municipalities",
            "ikarakenne": "population.section_age", "muutos": "population.section_change"}  # fmt: skip

lang = current_language()
state = PageState("vaesto", lang)
options = population.options(lang)


def show(block: Block, key: str) -> None:
    block_view(block, key, lang)  # notes, then the chart with its furniture and any dated notes


def newest_figures(part: str, cards, columns: int, measures, key: str, bars, table, download_key: str) -> None:
    """The newest year across the areas ('age' or 'events'): cards, a measure chooser, its bars, the table."""
    st.subheader(t(f"population.{part}_now_heading", lang))
    metric_cards(cards, columns=columns)
    measure = st.selectbox(t(f"population.{part}_measure", lang), measures, key=key, bind="query-params",
                           format_func=options.labels.get, persist_state="page")  # fmt: skip
    show(bars(lang, measure, area), f"{download_key}_nyt")
    figures_table(t(f"population.{part}_table_title", lang), table, f"{download_key}_taulukko", lang)


st.title(t("population.title", lang))
st.markdown(t("population.intro", lang))

chosen = selectors.area_selection(state, options, options.years, "population.rolling_help")
area, comparisons, first, last, rolling = chosen.area, chosen.comparisons, chosen.first, chosen.last, chosen.rolling
indicator_key = state.choice("indikaattori", options.indicators, options.labels.get)
mode_label = population_compare.mode_label(lang)
mode_key = state.choice("tila", population_compare.MODES, mode_label)
age_key = state.choice("rakenne", population_profile.AGE, options.labels.get)
event_key = state.choice("muutos", population_profile.EVENTS, options.labels.get)
parts = selectors.Parts(state, SECTIONS)
selectors.notices(state)

metric_cards(population_summary.cards(lang, area))

part = parts.choose()
st.header(parts.label(part))
if part == "vertailu":
    left, right = st.columns([1, 2])
    indicator = left.selectbox(t("population.indicator", lang), options.indicators, key=indicator_key,
                               bind="query-params", format_func=options.labels.get, persist_state="page")  # fmt: skip
    mode = right.radio(t("population.mode", lang), population_compare.MODES, key=mode_key, bind="query-params",
                       horizontal=True, format_func=mode_label, persist_state="page")  # fmt: skip
    show(population_compare.compare_block(lang, area, comparisons, indicator, mode, first, last, rolling),
         "vaesto_vertailu")  # fmt: skip
elif part == "kunnittain":
    show(population_compare.multiples_block(lang), "vaesto_kunnittain")
    figures_table(t("population.changes_title", lang), population_summary.changes_table(lang), "vaesto_muutokset",
                  lang)  # fmt: skip
elif part == "ikarakenne":
    newest_figures("age", population_profile.age_cards(lang, area), 3, population_profile.AGE, age_key,
                   population_profile.age_bars, population_profile.age_table(lang), "vaesto_ikarakenne")  # fmt: skip
    st.subheader(t("population.age_over_time_heading", lang))
    show(population_age.structure_block(lang, area, comparisons, last), "vaesto_ikarakenne")
    show(population_age.shares_block(lang, area, first, last), "vaesto_ikaryhmat")
    show(population_age.dependency_block(lang, area, comparisons, first, last), "vaesto_huoltosuhde")
else:
    newest_figures("events", population_profile.event_cards(lang, area), 5, population_profile.EVENTS, event_key,
                   population_profile.event_bars, population_profile.event_table(lang), "vaesto_muutos")  # fmt: skip
    st.subheader(t("population.events_over_time_heading", lang))
    show(population_flows.migration_block(lang, area, first, last, rolling), "vaesto_muuttoliike")
    show(population_flows.natural_block(lang, area, first, last, rolling), "vaesto_luonnollinen")
