"""Työ ja elinkeinot (work and business) page, unemployment: headline cards for the latest month, the
monthly chart (rate or counts; as published, 12-month rolling mean, or change from the same month a year
earlier) against the comparison areas, and unemployed jobseekers beside open vacancies.

Jobs, employment rate and self-sufficiency are in work_jobs.py; jobs by industry in work_industry.py.
Areas, colours, volatility and the Block type come from population.py (shared by both pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_percent, fmt_period, fmt_value, t
from dashboard.core.memo import memo
from dashboard.model import changes, charts, derive
from dashboard.model.sourcing import short_source, source_caption
from dashboard.model.views import Block, ChartView, Headline
from dashboard.population.choices import (
    SHOWN,
    areas_shown,
    indicator_label,
    legend_below,
    line_alt_text,
    line_figure,
    missing_notes,
)

MONTHLY = ("unemployment_rate", "unemployed_jobseekers", "open_vacancies")
MODES = ("month", "rolling12", "yoy")
RATES = ("unemployment_rate",)
VACANCY_COLOR = "#E69F00"  # Okabe–Ito orange: no area uses it, so it never reads as a municipality


def mode_label(lang: str) -> Callable[[str], str]:
    """The text of each of MODES in `lang`: what the radio shows and the URL carries."""
    return lambda mode: t(f"work.mode_{mode}", lang)


def monthly_values(frame: pd.DataFrame, mode: str, first: int, last: int, rate: bool) -> pd.DataFrame:
    """Monthly values for years first..last: as published, a trailing 12-month mean, or the change from the same
    month a year earlier (percentage points for a rate, percent for a count). Means and changes are computed
    before cutting to the years shown; a missing month stays missing (status '..') and empties any 12-month
    window or year-on-year change it touches."""
    data = derive.fill_gaps(frame)
    if mode == "rolling12":
        data = derive.rolling_mean(data, 12)
    elif mode == "yoy":
        data = derive.year_on_year(data)
        if not rate:
            data["value"] = 100 * data["value"] / data["previous_value"].where(data["previous_value"] != 0)
        data = data.drop(columns="previous_value")
    data = derive.drop_leading_missing(data[data["period"].str[:4].astype(int).between(first, last)]).copy()
    data["is_derived"] = data["is_derived"].astype(bool) | (mode != "month")
    data.loc[data["value"].isna(), "status"] = data.loc[data["value"].isna(), "status"].fillna("..")
    return data.reset_index(drop=True)


def unit_text(indicator_id: str, mode: str, lang: str) -> str:
    rate = indicator_id in RATES
    if mode == "yoy":
        return t("work.unit_yoy_pp" if rate else "work.unit_yoy_pct", lang)
    return "%" if rate else t("unit.persons", lang)


@memo
def unemployment_block(lang: str, area: str, comparisons: list[str], indicator_id: str, mode: str, first: int,
                       last: int) -> Block:  # fmt: skip
    """Unemployment rate, unemployed jobseekers or open vacancies, monthly, in the chosen mode."""
    rate = indicator_id in RATES
    comparable = rate or mode == "yoy"  # counts of areas of different size only compare as changes
    wanted = areas_shown(area, comparisons) if comparable else [area]
    notes = [] if comparable or len(areas_shown(area, comparisons)) == 1 else [t("work.note_count_single", lang)]
    data = monthly_values(queries.series(indicator_id, wanted), mode, first, last, rate)
    notes += missing_notes(data, wanted, last, lang)
    if data["value"].notna().sum() == 0:
        return Block(None, (t("population.note_nothing_in_years", lang, first=first, last=last), *notes))
    names = queries.area_names(lang)
    order = {code: i for i, code in enumerate(wanted)}
    data = data.sort_values(["area_code", "period"], key=lambda s: s.map(order) if s.name == "area_code" else s)
    unit = unit_text(indicator_id, mode, lang)
    measure = unit + (f", {t('work.rolling12', lang)}" if mode == "rolling12" else "")
    data = data.assign(area_name=data["area_code"].map(names), measure=measure)
    known = data.dropna(subset=["value"])["period"]
    title = f"{indicator_label(indicator_id, lang)} ({measure}) {fmt_period(known.min(), lang)}–{fmt_period(known.max(), lang)}"
    decimals = 0 if not rate and mode == "month" else 1
    figure = line_figure(data, title, unit, lang, decimals, reference=0 if mode == "yoy" else None)
    figure.update_traces(hovertemplate=f"%{{x|%m/%Y}}: %{{y:,.{decimals}f}}<extra>%{{fullData.name}}</extra>")
    alt = line_alt_text(data, title, "percent" if rate and mode != "yoy" else "ratio", decimals, lang)
    shown = data[SHOWN].reset_index(drop=True)
    return Block(
        ChartView(figure, shown, source_caption(shown, lang), alt, (indicator_id,), tuple(wanted), "month"),
        tuple(notes),
    )


@memo
def labour_market_block(lang: str, area: str, first: int, last: int) -> Block:
    """Unemployed jobseekers and open vacancies of one area, monthly and as 12-month rolling means."""
    name = queries.area_names(lang)[area]
    parts = []
    for indicator_id in ("unemployed_jobseekers", "open_vacancies"):
        series = queries.series(indicator_id, [area])
        monthly = monthly_values(series, "month", first, last, rate=False).assign(measure=t("unit.persons", lang))
        mean = monthly_values(series, "rolling12", first, last, rate=False)
        parts += [monthly, mean.assign(measure=f"{t('unit.persons', lang)}, {t('work.rolling12', lang)}")]
    data = pd.concat(parts, ignore_index=True).assign(area_name=name)
    if data["value"].notna().sum() == 0:
        return Block(None, (t("population.note_nothing_in_years", lang, first=first, last=last),))
    palette = {
        "unemployed_jobseekers": queries.area_colors().get(area, charts.NEUTRALS[0]),
        "open_vacancies": VACANCY_COLOR,
    }
    fig = go.Figure()
    for (indicator_id, derived), rows in data.groupby(["indicator_id", "is_derived"], sort=False):
        label = indicator_label(indicator_id, lang) + (f", {t('work.rolling12', lang)}" if derived else "")
        fig.add_trace(go.Scatter(x=rows["period"], y=rows["value"], name=label, mode="lines", connectgaps=False,
                                 line={"color": palette[indicator_id], "width": 3 if derived else 1.2},
                                 opacity=1 if derived else 0.55,
                                 hovertemplate="%{x|%m/%Y}: %{y:,.0f}<extra>%{fullData.name}</extra>"))  # fmt: skip
    known = data.dropna(subset=["value"])["period"]
    title = t("work.labour_market_title", lang, area=name, first=fmt_period(known.min(), lang),
              last=fmt_period(known.max(), lang))  # fmt: skip
    fig = legend_below(charts.base_layout(fig, title, lang))
    fig.update_yaxes(title_text=t("unit.persons", lang), tickformat=",d", rangemode="tozero")
    latest = data[data["period"] == data.dropna(subset=["value"])["period"].max()].set_index(
        ["indicator_id", "is_derived"]
    )["value"]
    alt = t("work.labour_market_alt", lang, area=name, period=fmt_period(known.max(), lang),
            unemployed=fmt_number(latest.get(("unemployed_jobseekers", False)), 0, lang),
            unemployed_mean=fmt_number(latest.get(("unemployed_jobseekers", True)), 0, lang),
            vacancies=fmt_number(latest.get(("open_vacancies", False)), 0, lang),
            vacancies_mean=fmt_number(latest.get(("open_vacancies", True)), 0, lang))  # fmt: skip
    gaps = int(data.loc[~data["is_derived"], "value"].isna().sum())
    notes = (t("population.note_gaps", lang, n=gaps),) if gaps else ()
    shown = data[SHOWN].reset_index(drop=True)
    return Block(ChartView(fig, shown, source_caption(shown, lang), alt, MONTHLY[1:], (area,), "month"), notes)


@dataclass(frozen=True)
class MeanWindow:
    """The 12-month mean a card can show: the window ending at the series' newest month when all twelve
    months exist, else the latest window of twelve consecutive months that do (never one across a gap)."""

    newest: str  # the newest month of the series
    missing: int  # months missing from the twelve ending at `newest`
    first: str | None  # the window shown: its first and last month, None when no full window exists
    last: str | None
    mean: float | None
    previous: float | None  # the mean of the twelve months a year before `last`, when all of them exist


def mean_window(series: pd.DataFrame, months: int = 12) -> MeanWindow:
    """The newest mean over `months` consecutive months that all exist in `series` (one area, monthly)."""
    known = series.dropna(subset=["value"])
    newest = known["period"].max()
    wanted = pd.period_range(end=pd.Period(newest, "M"), periods=months, freq="M").strftime("%Y-%m")
    missing = len(set(wanted) - set(known["period"]))
    means = derive.rolling_mean(derive.fill_gaps(known), months).dropna(subset=["value"]).set_index("period")
    if means.empty:
        return MeanWindow(newest, missing, None, None, None, None)
    last = means.index[-1]
    first = (pd.Period(last, "M") - (months - 1)).strftime("%Y-%m")
    previous = means["value"].get(f"{int(last[:4]) - 1}{last[4:]}")
    return MeanWindow(newest, missing, first, last, float(means["value"].iloc[-1]),
                      None if previous is None else float(previous))  # fmt: skip


def _mean_card(lang: str, area: str, series: pd.DataFrame) -> Headline | None:
    """Unemployed jobseekers, 12-month mean, labelled with its window; when the twelve months ending at the
    newest month are not all in the data, the card says so and shows the latest full window instead."""
    window = mean_window(series)
    if window.mean is None:
        return None
    names = queries.area_names(lang)
    change = changes.compare(window.mean, window.previous, None, "persons", 0, False, lang)
    span = f"{fmt_period(window.first, lang)}–{fmt_period(window.last, lang)}"
    caption = [t("work.card_mean_caption", lang, area=names[area], first=fmt_period(window.first, lang),
                 last=fmt_period(window.last, lang))]  # fmt: skip
    if window.last != window.newest:
        newest_first = (pd.Period(window.newest, "M") - 11).strftime("%Y-%m")
        caption.insert(0, t("work.card_mean_unavailable", lang, first=fmt_period(newest_first, lang),
                            last=fmt_period(window.newest, lang), missing=window.missing))  # fmt: skip
    caption.append(t("work.card_mean_versus" if change.delta else "work.card_mean_no_previous", lang))
    used = series[series["period"].between(window.first, window.last)]
    return Headline("unemployed_mean", f"{t('work.card_mean', lang)} {span}", fmt_number(window.mean, 0, lang),
                    change.delta, change.color, change.arrow, " · ".join(caption),
                    short_source(used.assign(is_derived=True), lang))  # fmt: skip


@memo
def cards(lang: str, area: str) -> tuple[Headline, ...]:
    """Latest month's unemployment rate (with region and country), unemployed and vacancies, each against the
    same month a year earlier (or saying that month is missing), and the 12-month mean of the unemployed."""
    meta = queries.region()
    others = [c for c in (meta["region"], meta["country"]) if c != area]
    names = queries.area_names(lang)
    latest = queries.latest(MONTHLY, [area, *others])
    mine = latest[latest["area_code"] == area].set_index("indicator_id", drop=False)
    cards = []
    for indicator_id in MONTHLY:
        if indicator_id not in mine.index:
            cards.append(Headline(indicator_id, indicator_label(indicator_id, lang), t("common.no_data", lang), None,
                                  "gray", "off", names[area], ""))  # fmt: skip
            continue
        row = mine.loc[indicator_id]
        rate = indicator_id in RATES
        unit, decimals = ("percent", 1) if rate else ("persons", 0)
        change = changes.from_latest(row, unit, decimals, queries.indicators().loc[indicator_id, "higher_is_better"],
                                     lang)  # fmt: skip
        caption = [f"{names[area]} {fmt_period(row['period'], lang)}", change.note]
        if rate:
            same = latest[
                (latest["indicator_id"] == indicator_id)
                & (latest["period"] == row["period"])
                & latest["area_code"].isin(others)
            ]
            caption += [f"{names[r.area_code]} {fmt_percent(r.value, 1, lang)}" for r in same.itertuples()]
        value = fmt_value(row["value"], unit, decimals, lang)
        label = f"{indicator_label(indicator_id, lang)} {fmt_period(row['period'], lang)}"
        cards.append(Headline(indicator_id, label, value, change.delta, change.color, change.arrow,
                              " · ".join(caption), short_source(mine.loc[[indicator_id]], lang)))  # fmt: skip
    mean = _mean_card(lang, area, queries.series("unemployed_jobseekers", [area]))
    if mean is not None:
        cards.insert(2, mean)
    return tuple(cards)


@memo
def year_range() -> tuple[int, int]:
    """First and last year of the page's series (jobs from 1987, unemployment to the latest month)."""
    held = queries.indicators().reindex(["jobs", "employed_residents", *MONTHLY]).dropna(subset=["first_period"])
    return int(held["first_period"].str[:4].astype(int).min()), int(held["last_period"].str[:4].astype(int).max())
