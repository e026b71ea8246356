"""Väestö page, comparison: an indicator of the selected area and its comparison areas as an index (first
year = 100), per 1 000 residents or a count, and the population of every focus municipality and the
sub-region as small multiples."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import t
from dashboard.core.memo import memo
from dashboard.model import charts, derive, preliminary
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView
from dashboard.population.choices import (
    FLOWS,
    SHOWN,
    area_choices,
    areas_shown,
    indicator_label,
    line_alt_text,
    line_figure,
    missing_notes,
)

MODES = ("index", "per_1000", "count")


def mode_label(lang: str) -> Callable[[str], str]:
    """The text of each of MODES in `lang`: what the radio shows and the URL carries."""
    return lambda mode: t(f"population.mode_{mode}", lang)


def effective_mode(indicator_id: str, mode: str) -> tuple[str, str | None]:
    """The mode actually drawn, and the locale key of a note when the asked one does not apply.

    Population per 1 000 residents is always 1 000; an index of a net flow is meaningless (its base year can
    be zero or negative), so those fall back to the mode that does apply.
    """
    if indicator_id == "population" and mode == "per_1000":
        return "index", "population.note_population_per_1000"
    if indicator_id in FLOWS and mode == "index":
        return "per_1000", "population.note_flow_index"
    return mode, None


def compare_values(frame: pd.DataFrame, population: pd.DataFrame, mode: str, first: int, last: int,
                   rolling: bool = False) -> pd.DataFrame:  # fmt: skip
    """The comparison chart's values for years first..last.

    per_1000: value per 1 000 residents of the same area and year; rolling: trailing 3-year mean (computed
    before cutting to the years shown, so the first year shown has a mean); index: 100 × value / value in
    `first` (an area without a value in `first` gets no index). Missing years inside a series, and values
    computed from them, stay as gaps marked '..'; the ends the computation cannot fill (the first years of a
    rolling mean, years past the population series) are left out.
    """
    data = derive.fill_gaps(frame)
    if mode == "per_1000":
        data = derive.per_1000(data, population)
    if rolling:
        data = derive.rolling_mean(data, 3)
    data = data[data["period"].str[:4].astype(int).between(first, last)]
    if mode == "index":
        data = derive.index(data, base_period=str(first))
    data = derive.drop_leading_missing(data).copy()
    data.loc[data["value"].isna(), "status"] = data.loc[data["value"].isna(), "status"].fillna("..")
    data["is_derived"] = data["is_derived"].astype(bool) | (mode != "count") | rolling
    return data.reset_index(drop=True)


def mode_unit(mode: str, first: int, lang: str) -> str:
    return {"index": t("population.unit_index", lang, year=first), "per_1000": t("population.unit_per_1000", lang),
            "count": t("unit.persons", lang)}[mode]  # fmt: skip


@memo
def compare_block(lang: str, area: str, comparisons: list[str], indicator_id: str, mode: str, first: int,
                  last: int, rolling: bool = False) -> Block:  # fmt: skip
    """An indicator for the selected area and its comparisons as an index, per 1 000 residents or a count."""
    mode, note_key = effective_mode(indicator_id, mode)
    wanted = areas_shown(area, comparisons) if mode != "count" else [area]
    notes = [t(note_key, lang)] if note_key else []
    if mode == "count" and len(areas_shown(area, comparisons)) > 1:
        notes.append(t("population.note_count_single", lang))
    rolling = rolling and indicator_id in FLOWS
    frame = queries.series(indicator_id, wanted)
    population = queries.series("population", wanted)
    data = compare_values(frame, population, mode, first, last, rolling)
    notes += missing_notes(data, wanted, last, lang)
    if data["value"].notna().sum() == 0:
        return Block(None, (t("population.note_nothing_in_years", lang, first=first, last=last), *notes))
    names = queries.area_names(lang)
    order = {code: i for i, code in enumerate(wanted)}
    data = data.sort_values(["area_code", "period"], key=lambda s: s.map(order) if s.name == "area_code" else s)
    data["area_name"] = data["area_code"].map(names)
    unit = mode_unit(mode, first, lang)
    data["measure"] = unit + (f", {t('population.rolling_short', lang)}" if rolling else "")
    years = data.dropna(subset=["value"])["period"]
    title = f"{indicator_label(indicator_id, lang)} ({unit}) {years.min()}–{years.max()}"
    if rolling:
        title += f", {t('population.rolling_short', lang)}"
    decimals = 0 if mode == "count" else 1
    figure = line_figure(data, title, unit, lang, decimals, reference=100 if mode == "index" else None)
    used = (
        pd.concat([data, population[population["period"].between(str(first), str(last))]])
        if mode == "per_1000"
        else data
    )
    alt = line_alt_text(data, title, "ratio", decimals, lang)
    return Block(
        ChartView(
            figure,
            data[SHOWN].reset_index(drop=True),
            source_caption(used, lang),
            alt,
            (indicator_id,),
            tuple(wanted),
            "year",
        ),
        tuple(notes),
    )


@memo
def multiples_block(lang: str) -> Block:
    """Population of each focus municipality and the sub-region, every year, one small chart each."""
    codes = area_choices()
    names = queries.area_names(lang)
    data = queries.series("population", codes)
    order = {code: i for i, code in enumerate(codes)}
    data = data.sort_values(["area_code", "period"], key=lambda s: s.map(order) if s.name == "area_code" else s)
    data = data.assign(area_name=data["area_code"].map(names), x=data["period"].astype(int),
                       measure=t("unit.persons", lang))  # fmt: skip
    title = t(
        "population.multiples_title", lang, first=data["x"].min(), last=data["x"].max(), unit=t("unit.persons", lang)
    )
    figure = charts.small_multiples(data, queries.area_colors(), title, lang, columns=3,
                                    hover_unit=t("unit.persons", lang), preliminary=preliminary.hover_suffix(lang))  # fmt: skip
    table = derive.changes(data)
    falling = int((table["change_10y"] < 0).sum())
    alt = t(
        "population.multiples_alt", lang, n=len(codes), first=data["x"].min(), last=data["x"].max(), falling=falling
    ) + preliminary.alt_sentence(data, lang)
    return Block(
        ChartView(
            figure,
            data[SHOWN].reset_index(drop=True),
            source_caption(data, lang),
            alt,
            ("population",),
            tuple(codes),
            "year",
        )
    )
