"""Shared by the Väestö (population) and Työ ja elinkeinot (work) pages: the areas and indicators their
selectors offer, colours and small-municipality volatility, the `Block` every builder returns, and the line
chart, text alternative and missing-data notes the builders have in common.

The page content itself: population_compare.py (comparison, small multiples), population_summary.py (cards,
changes table), population_age.py, population_flows.py; work.py, work_jobs.py, work_industry.py. Each public
builder returns a `Block` (a ChartView plus plain notes about missing data), computed once per data version,
language and selection (`memo`), so a warm rerun only looks the result up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_period, fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive, preliminary

STOCKS = ("population", "working_age_population")  # levels: an index (first year = 100) makes sense
FLOWS = ("in_migration", "out_migration", "net_migration", "natural_increase", "live_births", "deaths")
SHOWN = ["area_code", "area_name", "indicator_id", "measure", "period", "value", "status", "is_derived",
         "is_preliminary", "source_table", "vintage"]  # fmt: skip


# --- areas ---------------------------------------------------------------------------------------------


def area_choices() -> list[str]:
    """What a page can focus on: the focus municipalities, then their sub-region."""
    return [*queries.focus_codes(), queries.region()["subregion"]]


def comparison_choices() -> list[str]:
    """Comparison areas (sub-region, region, country), then the focus municipalities."""
    return list(dict.fromkeys([*queries.comparison_codes(), *queries.focus_codes()]))


def areas_shown(area: str, comparisons: tuple[str, ...]) -> list[str]:
    """The selected area first, then the comparisons in the order chosen, without repeats."""
    return list(dict.fromkeys([area, *comparisons]))


@memo
def _latest_population() -> dict[str, tuple[str, float]]:
    rows = queries.latest(["population"], queries.areas()["area_code"].tolist())
    return {r.area_code: (r.period, r.value) for r in rows.itertuples()}


def latest_population(code: str) -> tuple[str, float] | None:
    """(year, population) of the newest year with data."""
    return _latest_population().get(code)


def is_volatile(code: str) -> bool:
    """A municipality under 2 000 residents: its yearly figures swing by chance (derive.is_volatile)."""
    if not code.startswith("KU"):
        return False
    latest = latest_population(code)
    return derive.is_volatile(latest[1] if latest else None)


def volatile_note(code: str, lang: str) -> str:
    year, value = latest_population(code)
    return t("population.volatile_note", lang, area=queries.area_names(lang)[code], year=year,
             population=fmt_number(value, 0, lang))  # fmt: skip


@memo
def indicator_labels(lang: str) -> dict[str, str]:
    """{indicator id: label in `lang`} for the whole catalogue."""
    return {i: label(row.to_dict(), lang) for i, row in queries.indicators().iterrows()}


def indicator_label(indicator_id: str, lang: str) -> str:
    return indicator_labels(lang)[indicator_id]


def indicator_choices() -> list[str]:
    """Population indicators the comparison chart offers: those the warehouse holds data for."""
    held = queries.indicators()
    return [i for i in (*STOCKS, *FLOWS) if i in held.index and pd.notna(held.loc[i, "last_period"])]


@dataclass(frozen=True)
class AreaChoices:
    """What the area, comparison and year selectors of the population and work pages offer (ui/selectors.py),
    looked up once per data version and language, so a rerun does not query the catalogue for every option
    it formats. (Työssäkäynti and Kuntavertailu offer other things: CommutingChoices, ComparisonChoices.)"""

    areas: tuple[str, ...]
    comparisons: tuple[str, ...]
    default_comparisons: tuple[str, ...]
    names: Mapping[str, str]  # area code → unique name (queries.area_names)
    labels: dict[str, str]  # indicator id → label
    indicators: tuple[str, ...]  # population indicators with data
    years: tuple[int, int]  # the population series' first and last year
    volatile: frozenset[str]  # municipalities under 2 000 residents


@memo
def options(lang: str) -> AreaChoices:
    entry = queries.indicators().loc["population"]
    return AreaChoices(tuple(area_choices()), tuple(comparison_choices()), tuple(queries.comparison_codes()),
                   queries.area_names(lang), indicator_labels(lang), tuple(indicator_choices()),
                   (int(entry["first_period"]), int(entry["last_period"])),
                   frozenset(c for c in queries.focus_codes() if is_volatile(c)))  # fmt: skip


# --- text ----------------------------------------------------------------------------------------------


def line_alt_text(data: pd.DataFrame, subject: str, unit: str, decimals: int, lang: str) -> str:
    """One sentence: the first area's latest value and change over the period shown, then the others' latest."""
    known = data.dropna(subset=["value"])
    parts = []
    for i, (_code, rows) in enumerate(known.groupby("area_code", sort=False)):
        last, first = rows.iloc[-1], rows.iloc[0]
        text = (
            f"{last['area_name']} {fmt_value(last['value'], unit, decimals, lang)} ({fmt_period(last['period'], lang)})"
        )
        if i == 0 and len(rows) > 1:
            change = fmt_value(last["value"] - first["value"], unit, decimals, lang, signed=True)
            text += t("population.alt_change", lang, first=fmt_period(first["period"], lang), change=change)
        parts.append(text)
    if not parts:
        return t("common.no_data", lang)
    return (
        f"{subject}: {parts[0]}" + (f"; {t('common.vs', lang)} " + ", ".join(parts[1:]) if len(parts) > 1 else "") + "."
    ) + preliminary.alt_sentence(data, lang)


def missing_notes(data: pd.DataFrame, wanted: list[str], last: int, lang: str) -> list[str]:
    """Say which chosen areas have no data, or data that stops early, rather than dropping them silently."""
    names = queries.area_names(lang)
    notes = []
    known = data.dropna(subset=["value"])
    newest = known["period"].str[:4].astype(int).max() if not known.empty else last
    for code in wanted:
        years = known.loc[known["area_code"] == code, "period"].str[:4].astype(int)
        if years.empty:
            notes.append(t("population.note_no_data_for", lang, area=names.get(code, code)))
        elif years.max() < newest:
            notes.append(t("population.note_ends_early", lang, area=names.get(code, code), year=years.max()))
    gaps = int(data["value"].isna().sum())
    if gaps:
        notes.append(t("population.note_gaps", lang, n=gaps))
    return notes


# --- builders ------------------------------------------------------------------------------------------


def line_figure(data: pd.DataFrame, title: str, y_title: str, lang: str, decimals: int,
                reference: float | None = None) -> go.Figure:  # fmt: skip
    """Lines per area in the product's area colours; volatile municipalities dotted and marked in the legend;
    preliminary points hollow, with 'ennakkotieto' in their hover text."""
    volatile = {code for code in data["area_code"].unique() if is_volatile(code)}
    plotted = data.assign(x=data["period"].map(lambda p: int(p) if len(p) == 4 else p))
    mark = t("population.volatile_short", lang)
    plotted["area_name"] = [
        f"{n} ({mark})" if c in volatile else n for c, n in zip(plotted["area_code"], plotted["area_name"])
    ]
    fig = charts.line_chart(plotted, queries.area_colors(), title, y_title, lang, dashed=volatile,
                            hover=f"%{{x}}: %{{y:,.{decimals}f}}", preliminary=preliminary.hover_suffix(lang))  # fmt: skip
    fig.update_traces(connectgaps=False)
    if reference is not None:
        fig.add_hline(y=reference, line_width=1, line_dash="dash", line_color="#bbb")
    return legend_below(fig)


def legend_below(fig: go.Figure) -> go.Figure:
    """Move a legend that would wrap onto the title to below the plot (more than three or long entries)."""
    names = [trace.name or "" for trace in fig.data if trace.showlegend is not False]
    if len(names) > 3 or sum(len(n) + 6 for n in names) > 90:
        fig.update_layout(legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0})
    return fig
