"""Työ ja elinkeinot page, jobs: the employment rate of the focus municipalities, jobs in the area beside
employed residents, and job self-sufficiency against the comparison areas."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, t
from dashboard.core.memo import memo
from dashboard.model import charts
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView
from dashboard.population.choices import (
    SHOWN,
    areas_shown,
    indicator_label,
    line_alt_text,
    line_figure,
    missing_notes,
)
from dashboard.population.flows import yearly


def _ordered(data: pd.DataFrame, wanted: list[str], lang: str, measure: str) -> pd.DataFrame:
    order = {code: i for i, code in enumerate(wanted)}
    data = data.sort_values(["area_code", "period"], key=lambda s: s.map(order) if s.name == "area_code" else s)
    return data.assign(area_name=data["area_code"].map(queries.area_names(lang)), measure=measure)


def _span(data: pd.DataFrame) -> tuple[str, str]:
    known = data.dropna(subset=["value"])["period"]
    return known.min(), known.max()


@memo
def employment_rate_block(lang: str, area: str, comparisons: list[str]) -> Block:
    """Employment rate of every focus municipality, the selected first, and of each comparison area that has a
    published rate (none in the bundled data; a live fetch of table 115x brings them)."""
    focus = queries.focus_codes()
    towns = [area, *[c for c in focus if c != area]] if area in focus else focus
    others = [c for c in areas_shown(area, comparisons) if c not in focus]
    data = queries.series("employment_rate", [*towns, *others])
    held = set(data["area_code"])
    wanted = [*towns, *[c for c in others if c in held]]  # the bundled data has municipalities only
    names = queries.area_names(lang)
    missing = [names[c] for c in others if c not in held]
    notes = (t("work.note_employment_rate", lang, areas=", ".join(missing)),) if missing else ()
    if data.empty:
        return Block(None, notes)
    data = _ordered(data, wanted, lang, "%")
    first, last = _span(data)
    title = t("work.employment_rate_title", lang, first=first, last=last)
    fig = line_figure(data, title, "%", lang, 1)
    if area in focus:  # the selected municipality stands out; the other municipalities stay for context
        context = {names[c] for c in focus if c != area}
        for trace in fig.data:
            if trace.name.split(" (")[0] in context:
                trace.line.width, trace.opacity = 1.5, 0.6
    alt = line_alt_text(data, title, "percent", 1, lang)
    shown = data[SHOWN].reset_index(drop=True)
    view = ChartView(fig, shown, source_caption(shown, lang), alt, ("employment_rate",), tuple(wanted), "year")
    return Block(view, notes)


@memo
def jobs_block(lang: str, area: str, first: int, last: int, rolling: bool = False) -> Block:
    """Jobs in the area and employed persons living there, every year (or as 3-year rolling means)."""
    frames = [queries.series(i, [area]) for i in ("jobs", "employed_residents")]
    data = yearly(frames, first, last, rolling)
    if data["value"].notna().sum() == 0:
        return Block(None, (t("population.note_nothing_in_years", lang, first=first, last=last),))
    measure = t("unit.persons", lang) + (f", {t('population.rolling_short', lang)}" if rolling else "")
    data = data.assign(area_name=queries.area_names(lang)[area], measure=measure)
    color = queries.area_colors().get(area, charts.NEUTRALS[0])
    fig = go.Figure()
    for indicator_id, dash in (("jobs", "solid"), ("employed_residents", "dot")):
        rows = data[data["indicator_id"] == indicator_id]
        fig.add_trace(go.Scatter(x=rows["period"].astype(int), y=rows["value"], name=indicator_label(indicator_id, lang),
                                 mode="lines", connectgaps=False, line={"color": color, "width": 2.5, "dash": dash},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>"))  # fmt: skip
    start, end = _span(data)
    title = t("work.jobs_title", lang, area=data["area_name"].iloc[0], first=start, last=end)
    title += f", {t('population.rolling_short', lang)}" if rolling else ""
    fig = charts.base_layout(fig, title, lang)
    fig.update_yaxes(title_text=t("unit.persons", lang), tickformat=",d", rangemode="tozero")
    wide = data.dropna(subset=["value"]).pivot_table(index="period", columns="indicator_id", values="value")
    latest, earliest = wide.iloc[-1], wide.iloc[0]
    alt = t("work.jobs_alt", lang, area=data["area_name"].iloc[0], year=wide.index[-1], first=wide.index[0],
            jobs=fmt_number(latest.get("jobs"), 0, lang), jobs_then=fmt_number(earliest.get("jobs"), 0, lang),
            employed=fmt_number(latest.get("employed_residents"), 0, lang),
            employed_then=fmt_number(earliest.get("employed_residents"), 0, lang))  # fmt: skip
    shown = data[SHOWN].reset_index(drop=True)
    return Block(
        ChartView(fig, shown, source_caption(shown, lang), alt, ("jobs", "employed_residents"), (area,), "year"),
        tuple(missing_notes(data, [area], last, lang)),
    )


@memo
def self_sufficiency_block(lang: str, area: str, comparisons: list[str], first: int, last: int,
                           rolling: bool = False) -> Block:  # fmt: skip
    """Jobs per 100 employed residents for the selected area and its comparisons (100 = as many jobs as workers)."""
    wanted = areas_shown(area, comparisons)
    data = yearly([queries.series("job_self_sufficiency", wanted)], first, last, rolling)
    if data["value"].notna().sum() == 0:
        return Block(None, (t("population.note_nothing_in_years", lang, first=first, last=last),))
    measure = "%" + (f", {t('population.rolling_short', lang)}" if rolling else "")
    data = _ordered(data, wanted, lang, measure)
    start, end = _span(data)
    title = t("work.self_sufficiency_title", lang, first=start, last=end)
    title += f", {t('population.rolling_short', lang)}" if rolling else ""
    fig = line_figure(data, title, "%", lang, 1, reference=100)
    alt = line_alt_text(data, title, "percent", 1, lang)
    shown = data[SHOWN].reset_index(drop=True)
    notes = (t("work.note_self_sufficiency", lang), *missing_notes(data, wanted, last, lang))
    return Block(
        ChartView(fig, shown, source_caption(shown, lang), alt, ("job_self_sufficiency",), tuple(wanted), "year"), notes
    )
