"""Väestö page, age structure: age-group shares by area, shares of broad age groups over time, and the
demographic dependency ratio.

The warehouse holds age groups 0–17, 18–24, …, 65–74, 75– (table 11re) and the 15–64-year-olds as a
separate series, so the shares shown over time are 0–17, 15–64, 65+ and 75+. The share of 0–14-year-olds
cannot be derived from these bands; its published value of the newest year (11ra) is in profile.py, and the
note here says where.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.core import queries
from dashboard.core.i18n import fmt_percent, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView
from dashboard.population.choices import areas_shown, line_alt_text, line_figure, missing_notes

BROAD = ("0-17", "15-64", "65+", "75+")  # what the bands and the 15–64 series give exactly
AGE_INDICATORS = ("population", "working_age_population")  # what dated notes on these charts are about
BROAD_COLORS = dict(zip(BROAD, ("#1b9e77", "#7570b3", "#d95f02", "#a6761d")))


def low_bound(band: str) -> int:
    """'65-74' → 65, '75-' → 75."""
    return int(band.split("-")[0])


def band_shares(age: pd.DataFrame) -> pd.DataFrame:
    """Each age group's share (%) of the area's population in that year (the bands sum to the population)."""
    return derive.shares(age, "share", ["area_code", "year"], value="population")


def broad_shares(age: pd.DataFrame, working_age: pd.DataFrame) -> pd.DataFrame:
    """Shares (%) of 0–17, 15–64, 65+ and 75+ per area and year.

    65+ and 75+ sum the bands starting at 65 or 75; 15–64 is the 15–64 series over the bands' total.
    """
    total = age.groupby(["area_code", "year"])["population"].sum()
    low = age["age_group"].map(low_bound)
    parts = {
        "0-17": age[age["age_group"] == "0-17"].groupby(["area_code", "year"])["population"].sum(),
        "65+": age[low >= 65].groupby(["area_code", "year"])["population"].sum(),
        "75+": age[low >= 75].groupby(["area_code", "year"])["population"].sum(),
        "15-64": working_age.assign(year=working_age["period"].astype(int)).set_index(["area_code", "year"])["value"],
    }
    rows = []
    for group in BROAD:
        share = (100 * parts[group] / total).dropna()
        rows.append(share.rename("value").reset_index().assign(group=group))
    out = pd.concat(rows, ignore_index=True)
    return out.assign(period=out["year"].astype(str))


def group_label(group: str, lang: str) -> str:
    return t(f"population.age_{group.replace('-', '_').replace('+', '_plus')}", lang)


@memo
def structure_block(lang: str, area: str, comparisons: list[str], year: int) -> Block:
    """Age-group shares of each chosen area in one year (the newest with age data, at most `year`)."""
    wanted = areas_shown(area, comparisons)
    age = queries.run("pop_age", area_codes=wanted)
    if age.empty:
        return Block(None, (t("population.note_no_age_data", lang),))
    year = min(year, int(age["year"].max()))
    data = band_shares(age[age["year"] == year])
    names = queries.area_names(lang)
    order = {code: i for i, code in enumerate(wanted)}
    data = data.assign(
        area_name=data["area_code"].map(names), _o=data["area_code"].map(order), _b=data["age_group"].map(low_bound)
    )
    data = data.sort_values(["_o", "_b"]).drop(columns=["_o", "_b"])
    bands = list(dict.fromkeys(data["age_group"]))
    palette = dict(zip(bands, sample_colorscale("Viridis", [i / max(len(bands) - 1, 1) for i in range(len(bands))])))
    fig = go.Figure()
    for band in bands:
        rows = data[data["age_group"] == band]
        fig.add_trace(go.Bar(y=rows["area_name"], x=rows["share"], name=band.replace("-", "–"), orientation="h",
                             marker_color=palette[band], hovertemplate="%{y}: %{x:.1f} %<extra>%{fullData.name}</extra>"))  # fmt: skip
    title = t("population.structure_title", lang, year=year)
    fig = charts.base_layout(fig, title, lang, height=140 + 45 * len(wanted))
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="%", range=[0, 100])
    shown = data.assign(period=str(year), is_derived=True)[["area_code", "area_name", "period", "age_group", "population",
                                                             "share", "is_derived", "source_table", "vintage"]]  # fmt: skip
    old = data[data["age_group"].map(low_bound) >= 65].groupby("area_code", sort=False)["share"].sum()
    others = ", ".join(f"{names[c]} {fmt_percent(v, 1, lang)}" for c, v in old.items() if c != area)
    alt = t("population.structure_alt", lang, year=year, area=names[area], value=fmt_percent(old.get(area), 1, lang),
            others=others or "–")  # fmt: skip
    notes = tuple(missing_notes(shown.rename(columns={"share": "value"}), wanted, year, lang))
    return Block(ChartView(fig, shown.reset_index(drop=True), source_caption(shown, lang), alt), notes)  # one year


@memo
def shares_block(lang: str, area: str, first: int, last: int) -> Block:
    """Shares of 0–17, 15–64, 65+ and 75+ in the selected area's population, every year."""
    age = queries.run("pop_age", area_codes=[area])
    data = broad_shares(age, queries.series("working_age_population", [area]))
    data = data[data["year"].between(first, last)]
    if data.empty:
        return Block(None, (t("population.note_nothing_in_years", lang, first=first, last=last),))
    name = queries.area_names(lang)[area]
    fig = go.Figure()
    for group in BROAD:
        rows = data[data["group"] == group]
        fig.add_trace(go.Scatter(x=rows["year"], y=rows["value"], name=group_label(group, lang), mode="lines",
                                 line={"color": BROAD_COLORS[group], "width": 2.5},
                                 hovertemplate="%{x}: %{y:.1f} %<extra>%{fullData.name}</extra>"))  # fmt: skip
    title = t("population.shares_title", lang, area=name, first=data["year"].min(), last=data["year"].max())
    fig = charts.base_layout(fig, title, lang)
    fig.update_yaxes(title_text="%")
    meta = age[["source_table", "vintage", "is_derived"]].drop_duplicates().iloc[0]
    shown = data.assign(area_code=area, area_name=name, group_label=data["group"].map(lambda g: group_label(g, lang)),
                        is_derived=True, source_table=meta["source_table"], vintage=meta["vintage"])  # fmt: skip
    shown = shown[
        ["area_code", "area_name", "period", "group", "group_label", "value", "is_derived", "source_table", "vintage"]
    ]
    newest = data[data["year"] == data["year"].max()].set_index("group")["value"]
    oldest = data[data["year"] == data["year"].min()].set_index("group")["value"]
    alt = t("population.shares_alt", lang, area=name, year=data["year"].max(), first=data["year"].min(),
            old=fmt_percent(newest.get("65+"), 1, lang), old_then=fmt_percent(oldest.get("65+"), 1, lang),
            young=fmt_percent(newest.get("0-17"), 1, lang), young_then=fmt_percent(oldest.get("0-17"), 1, lang))  # fmt: skip
    view = ChartView(
        fig, shown.reset_index(drop=True), source_caption(shown, lang), alt, AGE_INDICATORS, (area,), "year"
    )
    return Block(view, (t("population.note_age_bands", lang),))


@memo
def dependency_block(lang: str, area: str, comparisons: list[str], first: int, last: int) -> Block:
    """Demographic dependency ratio (under-15s and over-64s per 100 aged 15–64) of each chosen area."""
    wanted = areas_shown(area, comparisons)
    ratio = derive.dependency_ratio(
        queries.series("population", wanted), queries.series("working_age_population", wanted)
    )
    data = ratio[ratio["period"].astype(int).between(first, last)].copy()
    if data.empty:
        return Block(None, (t("population.note_nothing_in_years", lang, first=first, last=last),))
    names = queries.area_names(lang)
    order = {code: i for i, code in enumerate(wanted)}
    data = data.sort_values(["area_code", "period"], key=lambda s: s.map(order) if s.name == "area_code" else s)
    data = data.assign(
        area_name=data["area_code"].map(names), is_derived=True, measure=t("population.dependency_unit", lang)
    )
    title = t("population.dependency_title", lang, first=data["period"].min(), last=data["period"].max())
    fig = line_figure(data, title, t("population.dependency_unit", lang), lang, 1)
    alt = line_alt_text(data, t("population.dependency_subject", lang), "ratio", 1, lang)
    shown = data[
        [
            "area_code",
            "area_name",
            "indicator_id",
            "measure",
            "period",
            "value",
            "is_derived",
            "source_table",
            "vintage",
        ]
    ]
    notes = (t("population.dependency_definition", lang), *missing_notes(data, wanted, last, lang))
    view = ChartView(fig, shown.assign(indicator_id="dependency_ratio").reset_index(drop=True),
                     source_caption(shown, lang), alt, AGE_INDICATORS, tuple(wanted), "year")  # fmt: skip
    return Block(view, notes)
