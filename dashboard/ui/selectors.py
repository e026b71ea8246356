"""Selector blocks shared by pages: the same widgets, URL keys and small-municipality handling everywhere,
so a link copied from one page means the same thing on another."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.core.i18n import t
from dashboard.population import choices as population


@dataclass(frozen=True)
class AreaSelection:
    area: str
    comparisons: list[str]
    first: int
    last: int
    rolling: bool  # 3-year rolling mean chosen (offered only for small municipalities)


def area_selection(options: population.Options, years: tuple[int, int], lang: str,
                   rolling_help_key: str) -> AreaSelection:  # fmt: skip
    """Area, comparison areas and years, all bound to the URL (kunta, vertailu, vuodet, liukuva)."""
    first_year, last_year = years
    left, right = st.columns([1, 2])
    area = left.selectbox(t("population.area", lang), options.areas, index=len(options.areas) - 1, key="kunta",
                          bind="query-params", format_func=options.names.get)  # fmt: skip
    comparisons = right.multiselect(t("population.comparisons", lang), options.comparisons,
                                    default=options.default_comparisons, key="vertailu", bind="query-params",
                                    format_func=options.names.get)  # fmt: skip
    first, last = st.slider(t("population.years", lang), first_year, last_year, (first_year, last_year),
                            key="vuodet", bind="query-params")  # fmt: skip
    rolling = False
    if area in options.volatile:
        st.warning(population.volatile_note(area, lang))
        rolling = st.toggle(t("population.rolling", lang), key="liukuva", bind="query-params",
                            help=t(rolling_help_key, lang))  # fmt: skip
    return AreaSelection(area, comparisons, first, last, rolling)
