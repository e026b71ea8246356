"""Työssäkäynti (commuting) page, part 1: the choices, an indicator over time and the commuting balance.

The employment statistics (tables 115n/115p, 1987–2017) give per municipality the employed residents, the
jobs, the out- and in-commuters and the residents working in their home municipality. Out- and
in-commuters and home-municipality workers are not additive: summed over municipalities they would count
the trips between them, so the warehouse holds no sub-region figure for them and this page shows none. The
balance (jobs − employed residents) and job self-sufficiency are valid for any area.

Stocks and flows are in commuting_flows.py, the employment area in commuting_area.py. Every public builder
returns a Block computed once per data version, language and selection (`memo`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView

INDICATORS = (
    "home_municipality_work_share",
    "out_commuters",
    "in_commuters",
    "commuting_balance",
    "job_self_sufficiency",
    "jobs",
    "employed_residents",
    "residents_working_in_home_municipality",
)
MODES = ("count", "index")
SMOOTHING_WINDOW = 3  # years, for small municipalities whose yearly figures swing
SHOWN = ["area_code", "area_name", "indicator_id", "period", "value", "published_value", "status", "is_derived",
         "source_table", "vintage"]  # fmt: skip


def mode_label(lang: str) -> Callable[[str], str]:
    """The text of each of MODES in `lang`: what the radio shows and the URL carries."""
    return lambda mode: t(f"commuting.mode_{mode}", lang)


# --- choices -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommutingChoices:
    """What the Työssäkäynti page's widgets offer, built once per data version and language: a warm rerun
    then formats its options from these dicts instead of unpickling the catalogue for every option label.
    (The population and work pages' area selectors offer other things: population.choices.AreaChoices.)"""

    municipalities: tuple[str, ...]
    comparisons: tuple[str, ...]
    names: Mapping[str, str]  # area code → unique name (queries.area_names)
    indicators: tuple[str, ...]
    labels: dict[str, str]
    years: tuple[str, ...]
    indexable: frozenset[str]


@memo
def options(lang: str) -> CommutingChoices:
    catalog = queries.indicators()
    ids = tuple(i for i in INDICATORS if i in catalog.index and isinstance(catalog.loc[i, "last_period"], str))
    covered = catalog.loc[list(ids)]
    years = tuple(str(y) for y in range(int(covered["first_period"].min()), int(covered["last_period"].max()) + 1))
    return CommutingChoices(
        municipalities=tuple(queries.focus_codes()), comparisons=tuple(queries.comparison_codes()),
        names=queries.area_names(lang), indicators=ids,
        labels={i: label(catalog.loc[i].to_dict(), lang) for i in ids}, years=years, indexable=_indexable(),
    )  # fmt: skip


def all_codes() -> list[str]:
    """Focus municipalities, comparison areas, every municipality of the region (for the centres) and of the
    focus municipalities' employment areas (which may reach over the region's border)."""
    focus = queries.focus_codes()
    region = queries.run("compare_region_members", region=queries.region()["region"])["area_code"]
    employment = queries.run("commuting_employment_areas", area_codes=focus)["area_code"]
    return list(dict.fromkeys([*focus, *queries.comparison_codes(), *region, *employment]))


def values() -> pd.DataFrame:
    """Every commuting indicator for all_codes(), every year (one cached query)."""
    return queries.run("commuting_values", indicator_ids=list(INDICATORS), area_codes=all_codes())


@memo
def _indexable() -> frozenset[str]:
    rows = values()
    catalog = queries.indicators()
    positive = rows.groupby("indicator_id")["value"].min() > 0  # a signed series (the balance) has no index
    return frozenset(i for i, ok in positive.items() if ok and catalog.loc[i, "unit"] == "persons")


def indexable(indicator: str) -> bool:
    """Counts that stay positive can be shown as an index (first year = 100) next to bigger areas."""
    return indicator in options("fi").indexable


@memo
def _latest_population() -> dict[str, float]:
    rows = queries.latest(["population"], queries.focus_codes())
    return dict(zip(rows["area_code"], rows["value"]))


def volatile_codes(codes: tuple[str, ...]) -> tuple[str, ...]:
    """Municipalities under 2 000 residents (latest population): their yearly figures swing by chance."""
    population = _latest_population()
    return tuple(c for c in codes if derive.is_volatile(population.get(c)))


def _ordered(chosen: list[str], order: list[str]) -> tuple[str, ...]:
    """The chosen areas in the configured order, however they were clicked: stable legends, one cache entry."""
    return tuple(c for c in order if c in set(chosen))


def unit_text(unit: str, lang: str) -> str:
    return "%" if unit == "percent" else t(f"unit.{unit}", lang)


# --- the indicator over time ---------------------------------------------------------------------------


def series_view(indicator: str, codes: list[str], comparisons: list[str], years: tuple[str, str], mode: str,
                smooth: bool, lang: str) -> Block:  # fmt: skip
    """The chosen indicator for the chosen municipalities (and comparison areas where they make sense)."""
    opts = options(lang)
    codes, comparisons = _ordered(codes, opts.municipalities), _ordered(comparisons, opts.comparisons)
    return _series_view(indicator, codes, comparisons, tuple(years), mode, smooth, lang)


@memo
def _series_view(indicator: str, codes: tuple[str, ...], comparisons: tuple[str, ...],
                 years: tuple[str, str], mode: str, smooth: bool, lang: str) -> Block:  # fmt: skip
    entry = queries.indicators().loc[indicator]
    unit, decimals, first, last = entry["unit"], int(entry["decimals"]), years[0], years[1]
    mode = mode if indexable(indicator) else "count"
    area_names = queries.area_names(lang)
    notes = []
    # Counts of places of very different size share no axis; rates and indices do.
    shown_comparisons = comparisons if unit != "persons" or mode == "index" else ()
    if comparisons and not shown_comparisons:
        notes.append(t("commuting.comparison_counts_note", lang))
    wanted = [*codes, *shown_comparisons]
    rows = values()
    rows = rows[(rows["indicator_id"] == indicator) & rows["area_code"].isin(wanted)].copy()
    missing = [c for c in wanted if c not in set(rows["area_code"])]
    if missing:
        notes.append(t("commuting.no_data_for", lang, areas=", ".join(area_names.get(c, c) for c in missing)))
    rows["published_value"] = rows["value"]
    if smooth:  # over the whole series first, so the first years of the range get a full window
        rows = derive.rolling_mean(rows, SMOOTHING_WINDOW)
    rows = rows[(rows["period"] >= first) & (rows["period"] <= last)]
    if mode == "index":
        rows = derive.index(rows, base_period=first)
    rows = rows.assign(is_derived=rows["is_derived"].astype(bool) | smooth | (mode == "index"))
    if rows["value"].notna().sum() == 0:
        return Block(None, tuple(notes))
    volatile = set(volatile_codes(codes))
    order = {code: i for i, code in enumerate(wanted)}
    rows = rows.sort_values(["area_code", "period"], key=lambda s: s.map(order) if s.name == "area_code" else s)
    rows["area_name"] = rows["area_code"].map(lambda c: area_names.get(c, c))
    rows["x"] = rows["period"].astype(int)
    if volatile:
        notes.append(t("commuting.volatile_note", lang, areas=", ".join(area_names[c] for c in codes if c in volatile)))
    title, y_title = _series_title(entry, unit, first, last, mode, smooth, lang)
    marked = rows.assign(area_name=rows["area_name"] + rows["area_code"].map(lambda c: " *" if c in volatile else ""))
    figure = charts.line_chart(marked, queries.area_colors(), title, y_title, lang, dashed=volatile)
    # Eleven legend entries wrap to two rows: below the plot they cannot run into the title.
    figure.update_layout(height=500, legend={"orientation": "h", "y": -0.1, "yanchor": "top", "x": 0})
    shown_decimals = 1 if mode == "index" or smooth else decimals
    figure.update_traces(hovertemplate=f"%{{x}}: %{{y:,.{shown_decimals}f}}<extra>%{{fullData.name}}</extra>")
    alt = _series_alt(rows, entry, unit, shown_decimals if mode == "count" else 1, mode, lang)
    view = ChartView(figure, rows[SHOWN].reset_index(drop=True), source_caption(rows, lang), alt,
                     indicators=(indicator,), areas=tuple(wanted), time_axis="year")  # fmt: skip
    return Block(view, tuple(notes))


def _series_title(entry: pd.Series, unit: str, first: str, last: str, mode: str, smooth: bool,
                  lang: str) -> tuple[str, str]:  # fmt: skip
    name = label(entry.to_dict(), lang)
    unit_part = t("commuting.index_unit", lang, first=first) if mode == "index" else unit_text(unit, lang)
    title = t("commuting.series_title", lang, indicator=name, first=first, last=last, unit=unit_part)
    if smooth:
        title += t("commuting.smoothed_suffix", lang, window=SMOOTHING_WINDOW)
    return title, unit_part


def _series_alt(rows: pd.DataFrame, entry: pd.Series, unit: str, decimals: int, mode: str, lang: str) -> str:
    shown_unit = "ratio" if mode == "index" else unit
    fmt = lambda v: fmt_value(v, shown_unit, decimals, lang)  # noqa: E731 - one local formatter

    def fmt_change(v: float | None) -> str:  # a change of a rate is in percentage points
        if shown_unit == "percent":
            return f"{fmt_value(v, 'ratio', decimals, lang, signed=True)} {t('common.pp', lang)}"
        return fmt_value(v, shown_unit, decimals, lang, signed=True)

    last_year = rows.dropna(subset=["value"])["period"].max()
    latest = rows[(rows["period"] == last_year) & rows["value"].notna()].set_index("area_code")
    focus = latest[latest.index.isin(queries.focus_codes())]
    pool = focus if not focus.empty else latest
    top, bottom = pool["value"].idxmax(), pool["value"].idxmin()
    first_year = rows.dropna(subset=["value"])["period"].min()
    start = rows[rows["period"] == first_year].set_index("area_code")["value"]
    change = latest["value"] - start.reindex(latest.index)
    others = ", ".join(f"{latest.loc[c, 'area_name']} {fmt(latest.loc[c, 'value'])}"
                       for c in latest.index if c not in pool.index)  # fmt: skip
    text = t("commuting.series_alt", lang, indicator=label(entry.to_dict(), lang), year=last_year,
             top=latest.loc[top, "area_name"], top_value=fmt(latest.loc[top, "value"]),
             bottom=latest.loc[bottom, "area_name"], bottom_value=fmt(latest.loc[bottom, "value"]),
             first=first_year, top_change=fmt_change(change.get(top)),
             bottom_change=fmt_change(change.get(bottom)))  # fmt: skip
    if others:
        text += " " + t("commuting.series_alt_comparison", lang, areas=others)
    return text


# --- the commuting balance in one year -----------------------------------------------------------------

BALANCE_IDS = ("jobs", "employed_residents", "commuting_balance", "job_self_sufficiency")


def wide(year: str, codes: list[str], ids: tuple[str, ...] = BALANCE_IDS) -> pd.DataFrame:
    """One row per area for one year: the indicators as columns, plus provenance (for tables and downloads)."""
    rows = values()
    rows = rows[(rows["period"] == year) & rows["area_code"].isin(codes) & rows["indicator_id"].isin(ids)]
    table = rows.pivot_table(index="area_code", columns="indicator_id", values="value", aggfunc="first")
    table = table.reindex(index=[c for c in codes if c in table.index], columns=list(ids))
    meta = rows.groupby("area_code").agg(
        is_derived=("is_derived", "any"),
        source_table=("source_table", lambda s: ", ".join(sorted({x.strip() for v in s for x in v.split(",")}))),
        vintage=("vintage", lambda s: ", ".join(sorted(set(s)))),
    )
    return table.join(meta).reset_index().assign(period=year)


def balance_view(codes: list[str], comparisons: list[str], year: str, lang: str) -> Block:
    opts = options(lang)
    codes, comparisons = _ordered(codes, opts.municipalities), _ordered(comparisons, opts.comparisons)
    return _balance_view(codes, comparisons, year, lang)


@memo
def _balance_view(codes: tuple[str, ...], comparisons: tuple[str, ...], year: str,
                  lang: str) -> Block:  # fmt: skip
    areas = queries.areas()
    # A balance is a head count: the region's and the country's (zero by definition, bar cross-border
    # commuting) would only dwarf the bars; the sub-region is the municipalities' own total.
    shown = [*codes, *(c for c in comparisons if c in areas.index and areas.loc[c, "level"] == "subregion")]
    data = wide(year, shown)
    data = data[data["commuting_balance"].notna()]
    if data.empty:
        return Block(None, (t("commuting.no_year_data", lang, year=year),))
    area_names = queries.area_names(lang)
    data.insert(1, "area_name", data["area_code"].map(area_names))
    data = data.sort_values("commuting_balance", ignore_index=True)
    labels = [
        f"{fmt_number(b, 0, lang, signed=True)} · {fmt_value(s, 'percent', 1, lang)}"
        for b, s in zip(data["commuting_balance"], data["job_self_sufficiency"])
    ]
    title = t("commuting.balance_title", lang, year=year)
    figure = charts.horizontal_bars(data["area_name"], data["commuting_balance"], labels,
                                    [queries.area_colors().get(c, charts.NEUTRALS[0]) for c in data["area_code"]],
                                    title, t("unit.persons", lang), lang)  # fmt: skip
    lowest, highest = data.iloc[0], data.iloc[-1]
    alt = t("commuting.balance_alt", lang, year=year, n=len(data),
            positive=", ".join(data.loc[data["commuting_balance"] > 0, "area_name"]) or t("commuting.none", lang),
            lowest=lowest["area_name"], lowest_value=fmt_number(lowest["commuting_balance"], 0, lang, signed=True),
            lowest_share=fmt_value(lowest["job_self_sufficiency"], "percent", 1, lang),
            highest=highest["area_name"],
            highest_value=fmt_number(highest["commuting_balance"], 0, lang, signed=True),
            highest_share=fmt_value(highest["job_self_sufficiency"], "percent", 1, lang))  # fmt: skip
    columns = ["area_code", "area_name", "period", *BALANCE_IDS, "is_derived", "source_table", "vintage"]
    return Block(ChartView(figure, data[columns], source_caption(data.assign(is_derived=True), lang), alt))
