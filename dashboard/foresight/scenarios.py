"""The foresight page's model: scenario controls, and the official projection beside the scenario for
each focus municipality and the region, by age group. The page only lays these out.

Outputs are built once per data version, language and scenario (`memo`), so a warm rerun costs
no model run and no figure building. Scenario figures are derived (a model calculation), never data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_percent, t
from dashboard.core.memo import memo
from dashboard.foresight import backtest, data, model
from dashboard.foresight import charts as fcharts
from dashboard.model import charts
from dashboard.model.sourcing import source_caption

HISTORY_FROM = 2000  # actual values shown from this year on, before the projection
# Slider ranges: wide enough for "what if", bounded so every setting stays demographically possible.
NET_MIGRATION = {"min_value": -400, "max_value": 400, "value": 0, "step": 10}
FERTILITY = {"min_value": 50, "max_value": 150, "value": 100, "step": 5}
MORTALITY = {"min_value": -3.0, "max_value": 3.0, "value": 0.0, "step": 0.5, "format": "%.1f"}


@dataclass(frozen=True)
class Chart:
    """What chart_block needs, built together once per data version, language and selection."""

    figure: go.Figure
    data: pd.DataFrame  # exactly what the figure shows (the download)
    caption: str
    alt: str


@dataclass(frozen=True)
class Controls:
    """The page's option lists and labels, cached so a rerun does not rebuild them."""

    projection: str
    area_codes: tuple[str, ...]
    area_names: dict[str, str]
    target_years: tuple[int, ...]
    migration_context: str


def scenario(net_migration: float, profile: str, fertility: float, mortality: float) -> model.Scenario:
    """A scenario from widget (or stored) values, clamped to the slider ranges."""

    def clamp(value: float, spec: dict) -> float:
        return float(min(max(value, spec["min_value"]), spec["max_value"]))

    return model.Scenario(clamp(net_migration, NET_MIGRATION), profile if profile in model.PROFILES else "population",
                          clamp(fertility, FERTILITY), clamp(mortality, MORTALITY))  # fmt: skip


def describe(s: model.Scenario, lang: str) -> str:
    """'Nettomuutto +100 henkeä/v (nuoret aikuiset) · syntyvyys 110 % · kuolleisuus −1,0 %/v'."""
    if s.is_official():
        return t("foresight.no_changes", lang)
    return t("foresight.describe", lang, net=fmt_number(s.net_migration, 0, lang, signed=True),
             profile=_inline(t(f"foresight.profile_{s.profile}", lang)), fertility=fmt_percent(s.fertility, 0, lang),
             mortality=fmt_number(s.mortality, 1, lang, signed=True))  # fmt: skip


def _inline(text: str) -> str:
    return text[:1].lower() + text[1:]


def group_label(group: str, lang: str, inline: bool = False) -> str:
    """The group's name; `inline` lower-cases its first letter for use inside a sentence."""
    text = t(f"foresight.group_{group}", lang)
    return _inline(text) if inline else text


def area_codes() -> list[str]:
    """The region total first, then the focus municipalities that have a projection."""
    return [data.total_code(), *data.official().codes]  # both cached per data version


@memo
def area_names(lang: str) -> dict[str, str]:
    """{area code: name in `lang`}; map a column with it rather than calling area_name per row."""
    return {**queries.area_names(lang), data.TOTAL: t("foresight.focus_total", lang)}


def area_name(code: str, lang: str) -> str:
    """Area name in `lang` (format_func of the area selector: called per option on every rerun, so cached)."""
    return area_names(lang).get(code, code)


def area_colors() -> dict[str, str]:
    return {data.TOTAL: charts.NEUTRALS[0], **queries.area_colors()}


def _long(values: dict[str, np.ndarray], codes: list[str], years: tuple[int, ...], series: str) -> pd.DataFrame:
    """{group: (areas, years)} → one tidy frame, built from whole arrays (this runs on every slider move)."""
    groups = list(values)
    cells = len(codes) * len(years)
    return pd.DataFrame({
        "series": series, "group": np.repeat(groups, cells), "area_code": np.tile(np.repeat(codes, len(years)), len(groups)),
        "year": np.tile(years, len(codes) * len(groups)), "value": np.stack([values[g] for g in groups]).ravel(),
    })  # fmt: skip


def _frame(cube: np.ndarray, official: data.Official, series: str) -> pd.DataFrame:
    codes = [*official.codes, data.total_code()]
    out = _long(model.group_values(np.concatenate([cube, cube.sum(0, keepdims=True)])), codes, official.years, series)
    # Derived: the scenario always, the official figures where summed or computed (total, dependency ratio).
    derived = (out["series"] == "scenario") | (out["area_code"] == codes[-1]) | (out["group"] == "dependency_ratio")
    return out.assign(is_derived=derived, source_table=official.source_table, vintage=official.vintage)


@memo
def _official_results() -> pd.DataFrame:
    official = data.official()
    return _frame(official.cube, official, "official")


@memo
def results(s: model.Scenario) -> pd.DataFrame:
    """Official projection and (if it differs) the scenario: series, group, area_code, year, value, …"""
    frame = _official_results()
    if s.is_official():
        return frame
    official = data.official()
    return pd.concat([frame, _frame(model.project(official.rates, s), official, "scenario")], ignore_index=True)


def decimals(group: str) -> int:
    return 1 if group == "dependency_ratio" else 0


def unit(group: str, lang: str) -> str:
    return t("foresight.unit_ratio" if group == "dependency_ratio" else "unit.persons", lang)


@memo
def outlook_data(lang: str, group: str, s: model.Scenario) -> pd.DataFrame:
    """Exactly what the outlook chart shows (and its download)."""
    actual = data.actual()
    actual = actual[(actual["group"] == group) & (actual["year"] >= HISTORY_FROM)].assign(series="actual")
    modelled = results(s)
    frame = pd.concat([actual, modelled[modelled["group"] == group]], ignore_index=True)
    order = {code: i for i, code in enumerate(area_codes())}
    frame = frame[frame["area_code"].isin(order)]
    series_order = frame["series"].map({"actual": 0, "official": 1, "scenario": 2})
    frame = frame.assign(area_name=frame["area_code"].map(area_names(lang)), _o=frame["area_code"].map(order),
                         _s=series_order).sort_values(["_o", "_s", "year"])  # fmt: skip
    return frame[
        ["area_code", "area_name", "group", "series", "year", "value", "is_derived", "source_table", "vintage"]
    ]


def series_names(lang: str) -> dict[str, str]:
    return {"actual": t("foresight.series_actual", lang),
            "official": t("foresight.series_official", lang, projection=data.official().projection),
            "scenario": t("foresight.series_scenario", lang)}  # fmt: skip


def outlook_title(lang: str, group: str) -> str:
    years = data.official().years
    return t("foresight.outlook_title", lang, group=group_label(group, lang), first=HISTORY_FROM, last=years[-1],
             unit=unit(group, lang))  # fmt: skip


def shown_areas(area: str, every: bool) -> tuple[str, ...]:
    """The outlook's panels: every area side by side, or the chosen area beside the region total (the total
    alone when it is the one chosen). Nine panels take a browser about twice as long to draw as one."""
    codes = area_codes()  # the region total first
    return tuple(codes) if every else tuple(code for code in codes if code in (codes[0], area))


def _shown(frame: pd.DataFrame, areas: tuple[str, ...] | None) -> pd.DataFrame:
    return frame if areas is None else frame[frame["area_code"].isin(areas)]


@memo
def outlook_figure(lang: str, group: str, s: model.Scenario, areas: tuple[str, ...] | None = None) -> go.Figure:
    frame = _shown(outlook_data(lang, group, s), areas)
    count = frame["area_code"].nunique()
    return fcharts.outlook_multiples(frame, area_colors(), series_names(lang), outlook_title(lang, group), lang,
                                     decimals=decimals(group), columns=max(1, min(3, count)))  # fmt: skip


@memo
def outlook_caption(lang: str, group: str) -> str:
    """Sources of the outlook chart, what the data cannot give for `group`, and that a scenario is a model."""
    # The scenario adds no source: its rows carry the projection's table and vintage, and the region total
    # is derived in any case, so the caption of the official view is the caption of every scenario.
    caption = source_caption(outlook_data(lang, group, model.Scenario()), lang)
    if group not in set(data.actual()["group"]):
        caption += " " + t("foresight.no_actual_group", lang)
    return caption + " " + t("foresight.scenario_is_model", lang)


def outlook_alt(lang: str, group: str, s: model.Scenario) -> str:
    """One sentence: the region's first and last projected value, the change, and the scenario beside it."""
    frame = outlook_data(lang, group, s)
    total = frame[(frame["area_code"] == data.total_code()) & (frame["series"] != "actual")]
    official = total[total["series"] == "official"].set_index("year")["value"]
    first, last = official.index.min(), official.index.max()
    d = decimals(group)
    text = t("foresight.outlook_alt", lang, area=area_name(data.total_code(), lang),
             group=group_label(group, lang, inline=True),
             first=first, last=last, first_value=fmt_number(official[first], d, lang),
             last_value=fmt_number(official[last], d, lang),
             change=fmt_percent(100 * (official[last] / official[first] - 1), 1, lang, signed=True))  # fmt: skip
    if "scenario" in set(total["series"]):
        value = total[total["series"] == "scenario"].set_index("year")["value"][last]
        text += " " + t("foresight.outlook_alt_scenario", lang, value=fmt_number(value, d, lang),
                        diff=fmt_number(value - official[last], d, lang, signed=True), last=last)  # fmt: skip
    return text


@memo
def outlook_chart(lang: str, group: str, s: model.Scenario, areas: tuple[str, ...] | None = None) -> Chart:
    """The outlook chart: one panel per area (`areas`, default all; the region total always among them),
    actual + official projection + scenario for one group; its data are the panels' rows."""
    return Chart(outlook_figure(lang, group, s, areas), _shown(outlook_data(lang, group, s), areas),
                 outlook_caption(lang, group), outlook_alt(lang, group, s))  # fmt: skip


@memo
def controls(lang: str) -> Controls:
    official = data.official()
    codes = tuple(area_codes())
    return Controls(official.projection, codes, {c: area_name(c, lang) for c in codes},
                    tuple(y for y in model.SERVICE_YEARS if y in official.years), migration_context(lang))  # fmt: skip


def migration_context(lang: str) -> str:
    """What the official projection implies about net migration, beside what happened (for the slider)."""
    summary = backtest.evidence().summary
    history = summary["history"]
    return t("foresight.migration_context", lang, implied=fmt_number(summary["implied_net_migration"], 0, lang),
             first=summary["implied_first"], last=summary["implied_last"],
             total=fmt_number(history["total_mean"], 0, lang), total_first=history["total_first"],
             total_last=history["total_last"], inter=fmt_number(history["inter_mean"], 0, lang),
             inter_first=history["inter_first"], inter_last=history["inter_last"])  # fmt: skip
