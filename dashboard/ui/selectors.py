"""Selector blocks shared by pages: the same widgets and small-municipality handling on Väestö and Työ ja
elinkeinot, each page with its own keys (`PageState`: `vaesto.kunta`, `tyo_ja_elinkeinot.kunta`), so a
value chosen on one page can never reach the other's widget."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.population import choices as population
from dashboard.ui.components import plain


@dataclass(frozen=True)
class AreaSelection:
    area: str
    comparisons: list[str]
    first: int
    last: int
    rolling: bool  # 3-year rolling mean chosen (offered only for small municipalities)


def area_selection(state: PageState, options: population.AreaChoices, years: tuple[int, int],
                   rolling_help_key: str) -> AreaSelection:  # fmt: skip
    """Area, comparison areas and years, all bound to the URL (<page>.kunta, .vertailu, .vuodet, .liukuva)."""
    lang, names = state.lang, options.names.get
    first_year, last_year = years
    left, right = st.columns([1, 2])
    area = left.selectbox(t("population.area", lang), options.areas, index=len(options.areas) - 1,
                          key=state.choice("kunta", options.areas, names), bind="query-params",
                          format_func=names)  # fmt: skip
    comparisons = right.multiselect(t("population.comparisons", lang), options.comparisons,
                                    default=options.default_comparisons,
                                    key=state.choices("vertailu", options.comparisons, names), bind="query-params",
                                    format_func=names)  # fmt: skip
    first, last = st.slider(t("population.years", lang), first_year, last_year, (first_year, last_year),
                            key=state.span("vuodet", first_year, last_year), bind="query-params")  # fmt: skip
    rolling = False
    if area in options.volatile:
        st.warning(population.volatile_note(area, lang))
        rolling = st.toggle(t("population.rolling", lang), key=state.flag("liukuva"), bind="query-params",
                            help=t(rolling_help_key, lang))  # fmt: skip
    return AreaSelection(area, comparisons, first, last, rolling)


def notices(state: PageState) -> None:
    """What PageState dropped from the link or the session this run, one short note each (call it after the
    page's widget keys are made). A note quotes what the link asked for: shown as text, never as Markdown."""
    for notice in state.notices():
        st.info(plain(notice), icon=":material/link_off:")


class Parts:
    """The parts of a long page (id → locale key of its heading), drawn one at a time, chosen above them
    (URL key <page>.osio, a part's id or its heading as shown; the first part by default).

    Only the chosen part runs and is drawn: Väestö drew all nine of its charts on every visit and every
    page switch, and the browser's drawing of charts is what a switch costs (issue 12's switch benchmark).
    Make it with the page's other keys, before selectors.notices: a link to a part that does not exist is
    then named. A part's own controls keep their value while another part is shown (persist_state="page")."""

    def __init__(self, state: PageState, headings: Mapping[str, str]) -> None:
        self.lang, self.headings = state.lang, dict(headings)
        self.key = state.choice("osio", self.headings, self.label)

    def label(self, part: str) -> str:
        return t(self.headings[part], self.lang)

    def choose(self) -> str:
        """The segmented control above the parts; the part to draw."""
        options = list(self.headings)
        chosen = st.segmented_control(t("common.section", self.lang), options, default=options[0], required=True,
                                      key=self.key, bind="query-params", format_func=self.label)  # fmt: skip
        return chosen if chosen in options else options[0]
