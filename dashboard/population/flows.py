"""Väestö page, population change: inter-municipal in-, out- and net migration, and natural increase
(births − deaths; births and deaths separately when a live fetch of table 12dy has brought them)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_period, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView
from dashboard.population.choices import SHOWN, indicator_label

MIGRATION = ("in_migration", "out_migration", "net_migration")
NATURAL = ("natural_increase", "live_births", "deaths")
BAR_COLORS = {"in_migration": "#5b5b5b", "out_migration": "#b3b3b3", "live_births": "#5b5b5b", "deaths": "#b3b3b3"}


def yearly(frames: list[pd.DataFrame], first: int, last: int, rolling: bool) -> pd.DataFrame:
    """The series for years first..last, as published or as trailing 3-year means (gaps stay gaps)."""
    parts = []
    for frame in frames:
        if frame.empty:
            continue
        data = derive.fill_gaps(frame)
        if rolling:
            data = derive.rolling_mean(data, 3).assign(is_derived=True)
        data = derive.drop_leading_missing(data[data["period"].astype(int).between(first, last)]).copy()
        data.loc[data["value"].isna(), "status"] = ".."  # not published, or a mean over a missing year
        parts.append(data)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["indicator_id", "period", "value"])


def _shown(data: pd.DataFrame, area: str, lang: str, rolling: bool) -> pd.DataFrame:
    measure = t("unit.persons", lang) + (f", {t('population.rolling_short', lang)}" if rolling else "")
    return data.assign(area_code=area, area_name=queries.area_names(lang)[area], measure=measure)[SHOWN].reset_index(
        drop=True
    )


def _bars(fig: go.Figure, data: pd.DataFrame, indicator_id: str, lang: str, sign: int = 1) -> None:
    rows = data[data["indicator_id"] == indicator_id]
    if rows.empty:
        return
    fig.add_trace(go.Bar(x=rows["period"].astype(int), y=sign * rows["value"], name=indicator_label(indicator_id, lang),
                         marker_color=BAR_COLORS[indicator_id], customdata=rows["value"],
                         hovertemplate="%{x}: %{customdata:,.0f}<extra>%{fullData.name}</extra>"))  # fmt: skip


def _net(fig: go.Figure, data: pd.DataFrame, indicator_id: str, color: str, lang: str) -> None:
    """The net flow: a line over the gross bars, or bars of its own when there are no gross flows to show."""
    rows = data[data["indicator_id"] == indicator_id]
    name, hover = indicator_label(indicator_id, lang), "%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>"
    if fig.data:
        fig.add_trace(go.Scatter(x=rows["period"].astype(int), y=rows["value"], name=name, mode="lines+markers",
                                 line={"color": color, "width": 2.5}, connectgaps=False, hovertemplate=hover))  # fmt: skip
    else:
        fig.add_trace(go.Bar(x=rows["period"].astype(int), y=rows["value"], name=name, marker_color=color,
                             hovertemplate=hover))  # fmt: skip
    fig.update_layout(showlegend=True)  # a lone series still says what it is


def _alt(data: pd.DataFrame, indicator_id: str, subject: str, lang: str) -> str:
    rows = data[(data["indicator_id"] == indicator_id)].dropna(subset=["value"])
    if rows.empty:
        return t("common.no_data", lang)
    last = rows.iloc[-1]
    return t("population.flow_alt", lang, subject=subject, period=fmt_period(last["period"], lang),
             value=fmt_number(last["value"], 0, lang, signed=True), first=rows["period"].iloc[0],
             total=fmt_number(rows["value"].sum(), 0, lang, signed=True), negative=int((rows["value"] < 0).sum()),
             n=len(rows))  # fmt: skip


def _flow_figure(data: pd.DataFrame, ids: tuple[str, str, str], title_key: str, area: str, name: str, lang: str,
                 rolling: bool) -> go.Figure:  # fmt: skip
    """Inflow as bars up, outflow as bars down, and the net as a line: migration and natural increase alike."""
    inflow, outflow, net = ids
    fig = go.Figure()
    _bars(fig, data, inflow, lang)
    _bars(fig, data, outflow, lang, sign=-1)
    _net(fig, data, net, queries.area_colors().get(area, charts.NEUTRALS[0]), lang)
    years = data.dropna(subset=["value"])["period"]
    title = t(title_key, lang, area=name, first=years.min(), last=years.max())
    title += f", {t('population.rolling_short', lang)}" if rolling else ""
    fig = charts.base_layout(fig, title, lang)
    fig.update_layout(barmode="relative")
    fig.update_yaxes(title_text=t("unit.persons", lang), tickformat=",d")
    fig.add_hline(y=0, line_width=1, line_color="#888")
    return fig


@memo
def migration_block(lang: str, area: str, first: int, last: int, rolling: bool = False) -> Block:
    """In- and out-migration as bars (out downwards) and net migration as a line, for one area."""
    frames = [queries.series(i, [area]) for i in MIGRATION]
    data = yearly(frames, first, last, rolling)
    notes = []
    if frames[0].empty or frames[1].empty:
        notes.append(t("population.note_gross_migration", lang))
    if data["value"].notna().sum() == 0:
        return Block(None, (t("population.note_nothing_in_years", lang, first=first, last=last), *notes))
    name = queries.area_names(lang)[area]
    # out-migration drawn downwards: people leaving
    fig = _flow_figure(data, ("in_migration", "out_migration", "net_migration"), "population.migration_title",
                       area, name, lang, rolling)  # fmt: skip
    shown = _shown(data, area, lang, rolling)
    if data["value"].isna().any():
        notes.append(t("population.note_gaps", lang, n=int(data["value"].isna().sum())))
    alt = _alt(data, "net_migration", f"{indicator_label('net_migration', lang)}, {name}", lang)
    return Block(ChartView(fig, shown, source_caption(shown, lang), alt, MIGRATION, (area,), "year"), tuple(notes))


@memo
def natural_block(lang: str, area: str, first: int, last: int, rolling: bool = False) -> Block:
    """Natural increase (births − deaths) of one area, every year with data."""
    frames = [queries.series(i, [area]) for i in NATURAL if i in queries.indicators().index]
    data = yearly(frames, first, last, rolling)
    notes = (
        []
        if any(i in set(data["indicator_id"]) for i in ("live_births", "deaths"))
        else [t("population.note_births_deaths", lang)]
    )
    if data["value"].notna().sum() == 0:
        return Block(None, (t("population.note_nothing_in_years", lang, first=first, last=last), *notes))
    name = queries.area_names(lang)[area]
    fig = _flow_figure(data, ("live_births", "deaths", "natural_increase"), "population.natural_title", area, name,
                       lang, rolling)  # fmt: skip
    shown = _shown(data, area, lang, rolling)
    alt = _alt(data, "natural_increase", f"{indicator_label('natural_increase', lang)}, {name}", lang)
    return Block(ChartView(fig, shown, source_caption(shown, lang), alt, NATURAL, (area,), "year"), tuple(notes))
