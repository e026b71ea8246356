"""Service-need outlook and the age-group table of the foresight page.

How the groups that drive municipal services — day care (0–6), basic education (7–15), working age
(15–64), 75+ and 85+ — change from the projection's first year to 2030 and 2040 (2045 when the projection
reaches it), per municipality and for the region, in the official projection and in the scenario.
All changes are derived figures.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.i18n import fmt_number, fmt_percent, t
from dashboard.core.memo import memo
from dashboard.foresight import charts as fcharts
from dashboard.foresight import data, model
from dashboard.foresight import scenarios as fs
from dashboard.model.sourcing import source_caption


def base_year() -> int:
    return data.official().years[0]


def target_years() -> list[int]:
    years = data.official().years
    return [y for y in model.SERVICE_YEARS if y in years]


@memo
def changes(lang: str, s: model.Scenario, groups: tuple[str, ...] = model.SERVICE_GROUPS) -> pd.DataFrame:
    """Long frame: area, group, series, base_year, base_value, year, value, change, change_pct."""
    results = fs.results(s)
    base, targets = base_year(), target_years()
    rows = results[results["group"].isin(groups)][["area_code", "group", "series", "year", "value"]]
    keys = ["area_code", "group", "series"]
    start = rows[rows["year"] == base].drop(columns=["year"]).rename(columns={"value": "base_value"})
    long = rows[rows["year"].isin(targets)].merge(start, on=keys)
    long["change"] = long["value"] - long["base_value"]
    long["change_pct"] = 100 * long["change"] / long["base_value"]
    order = {code: i for i, code in enumerate(fs.area_codes())}
    gorder = {g: i for i, g in enumerate(groups)}
    long = long.assign(area_name=long["area_code"].map(fs.area_names(lang)), base_year=base,
                       _a=long["area_code"].map(order), _g=long["group"].map(gorder))  # fmt: skip
    long = long.sort_values(["_a", "_g", "year", "series"]).drop(columns=["_a", "_g"])
    meta = results[["is_derived", "source_table", "vintage"]].iloc[0]
    return long.assign(is_derived=True, source_table=meta["source_table"], vintage=meta["vintage"])


@memo
def service_table(lang: str, s: model.Scenario) -> pd.DataFrame:
    """Display table: one row per area and service group, the change to each target year per series."""
    frame = changes(lang, s)
    base = base_year()
    out = frame.drop_duplicates(["area_code", "group"])[["area_code", "area_name", "group", "base_value"]].copy()
    out[t("common.area", lang)] = out["area_name"]
    out[t("foresight.group", lang)] = out["group"].map(lambda g: fs.group_label(g, lang))
    out[str(base)] = out["base_value"].map(lambda v: fmt_number(v, 0, lang))
    names = fs.series_names(lang)
    row_of = {(a, g): i for i, (a, g) in enumerate(zip(out["area_code"], out["group"]))}
    for (year, series), part in frame.groupby(["year", "series"], sort=True):
        column = t("foresight.change_column", lang, first=base, last=year, series=names[series])
        texts = [""] * len(out)
        for a, g, change, pct in zip(part["area_code"], part["group"], part["change"], part["change_pct"]):
            texts[row_of[(a, g)]] = (
                f"{fmt_number(change, 0, lang, signed=True)} ({fmt_percent(pct, 1, lang, signed=True)})"
            )
        out[column] = texts
    return out.drop(columns=["area_code", "area_name", "group", "base_value"]).reset_index(drop=True)


def service_download(lang: str, s: model.Scenario) -> pd.DataFrame:
    return changes(lang, s)[["area_code", "area_name", "group", "series", "base_year", "base_value", "year", "value",
                             "change", "change_pct", "is_derived", "source_table", "vintage"]]  # fmt: skip


def service_title(lang: str, year: int) -> str:
    return t("foresight.service_title", lang, first=base_year(), last=year)


@memo
def service_figure(lang: str, year: int, s: model.Scenario) -> go.Figure:
    frame = changes(lang, s)
    frame = frame[frame["year"] == year]
    groups = {g: fs.group_label(g, lang) for g in model.SERVICE_GROUPS}
    return fcharts.change_bars(frame, groups, fs.series_names(lang), service_title(lang, year), lang)


def service_chart_data(lang: str, year: int, s: model.Scenario) -> pd.DataFrame:
    frame = service_download(lang, s)
    return frame[frame["year"] == year].reset_index(drop=True)


@memo
def service_caption(lang: str) -> str:
    # Every change is derived and comes from the projection alone, with or without a scenario.
    return source_caption(changes(lang, model.Scenario()), lang) + " " + t("foresight.scenario_is_model", lang)


def service_alt(lang: str, year: int, s: model.Scenario) -> str:
    """The region's change in each service group to `year` (official projection), in one sentence."""
    frame = changes(lang, s)
    rows = frame[(frame["area_code"] == data.total_code()) & (frame["year"] == year) & (frame["series"] == "official")]
    parts = [f"{fs.group_label(r['group'], lang, inline=True)} {fmt_percent(r['change_pct'], 1, lang, signed=True)}"
             for _, r in rows.iterrows()]  # fmt: skip
    return t("foresight.service_alt", lang, area=fs.area_name(data.total_code(), lang), first=base_year(), last=year,
             changes=", ".join(parts))  # fmt: skip


@memo
def groups_table(lang: str, area: str, s: model.Scenario) -> pd.DataFrame:
    """Every age group of one area: the first year and each target year, official and scenario."""
    results = fs.results(s)
    base, targets = base_year(), target_years()
    rows = results[(results["area_code"] == area) & results["year"].isin([base, *targets])]
    names = fs.series_names(lang)
    out = pd.DataFrame({t("foresight.group", lang): [fs.group_label(g, lang) for g in model.GROUPS]})
    lookup = rows.set_index(["group", "series", "year"])["value"]
    columns = [(base, "official"), *[(y, s) for y in targets for s in ("official", "scenario")]]
    for year, series in columns:
        if (model.GROUPS[0], series, year) not in lookup.index:
            continue
        column = str(year) if year == base else t("foresight.year_series", lang, year=year, series=names[series])
        out[column] = [fmt_number(lookup[(g, series, year)], fs.decimals(g), lang) for g in model.GROUPS]
    return out


def groups_download(area: str, s: model.Scenario) -> pd.DataFrame:
    results = fs.results(s)
    years = [base_year(), *target_years()]
    return results[(results["area_code"] == area) & results["year"].isin(years)].reset_index(drop=True)


@memo
def groups_view(lang: str, area: str, s: model.Scenario) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(display table, download) of every age group in one area."""
    return groups_table(lang, area, s), groups_download(area, s)


@memo
def service_view(lang: str, year: int, s: model.Scenario) -> tuple[fs.Chart, pd.DataFrame]:
    """(chart of the change to `year`, table of every change) for the service-need outlook."""
    chart = fs.Chart(service_figure(lang, year, s), service_chart_data(lang, year, s), service_caption(lang),
                     service_alt(lang, year, s))  # fmt: skip
    return chart, service_table(lang, s)
