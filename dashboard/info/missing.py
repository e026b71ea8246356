"""What the data lacks, computed from the warehouse on a given day, for Tietolähteet: indicators whose newest
figure is old, periods missing inside a series, areas of the region without any figure, the tidy tables'
limits, and what `python -m etl fetch` would bring. Recomputed on every build, so it cannot turn false
after a fetch the way written prose does; the few rules of method that no fetch changes stay prose
(locale key info.method_text).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.core import clock, queries
from dashboard.core.i18n import fmt_period, t
from dashboard.core.memo import memo
from dashboard.info.freshness import fetch_command, fmt_date
from dashboard.model.preliminary import period_text

STALE_YEARS = 3  # a newest figure more than this many years before today's year is named as old
# What the live fetch loads into each tidy table (etl/statfin_tables.toml `targets`; a unit test holds them
# equal), so the page can say which command would fill a gap.
FETCH_BRINGS = {
    "population_age": ("11re",),
    "projection_age": ("14wx",),
    "jobs_industry": ("115h",),
    "commuting_flow": ("115n", "115p"),
}


def _areas() -> list[str]:
    meta = queries.region()
    return [*queries.focus_codes(), meta["subregion"], meta["region"], meta["country"]]


def gaps(periods: list[str]) -> list[str]:
    """The periods missing inside the span of `periods` (yearly 'YYYY' or monthly 'YYYY-MM')."""
    if not periods:
        return []
    first, last = min(periods), max(periods)
    if len(first) == 7:
        span = pd.period_range(first, last, freq="M").strftime("%Y-%m").tolist()
    else:
        span = [str(year) for year in range(int(first), int(last) + 1)]
    held = set(periods)
    return [p for p in span if p not in held]


def _names(codes: list[str], lang: str) -> str:
    names = queries.area_names(lang)
    return ", ".join(names.get(code, code) for code in codes)


@memo
def items_on(lang: str, today: date) -> tuple[str, ...]:
    """Plain sentences, one per thing the data lacks: indicators without any figure, old newest figures,
    the tidy tables' limits (with the fetch that would bring more), periods missing inside series, areas
    without figures."""
    areas = _areas()
    coverage = queries.run("info_indicator_coverage", area_codes=areas)
    label = f"label_{lang}"
    items: list[str] = []

    empty = coverage[coverage["periods"].map(len) == 0]
    if not empty.empty:
        items.append(t("info.lacks_nothing", lang, indicators="; ".join(empty[label])))
    held = coverage[coverage["periods"].map(len) > 0].assign(newest=lambda c: c["periods"].map(max))

    old = held[held["newest"].str[:4].astype(int) < today.year - STALE_YEARS]
    for newest, group in old.groupby("newest", sort=True):
        items.append(t("info.lacks_old", lang, period=fmt_period(newest, lang), indicators="; ".join(group[label])))

    tidy = queries.run("info_tidy_coverage", area_codes=areas).set_index("part")
    for part, brings in FETCH_BRINGS.items():
        row = tidy.loc[part]
        command = fetch_command(brings)
        if row["rows"] == 0:
            items.append(t(f"info.lacks_{part}_none", lang, command=command))
            continue
        lacking = [code for code in areas if code not in set(row["areas"])]
        if int(row["last"]) < today.year - STALE_YEARS or lacking:
            years = row["first"] if row["first"] == row["last"] else f"{row['first']}–{row['last']}"
            text = t(f"info.lacks_{part}", lang, years=years, last=row["last"], source=row["tables"])
            if lacking:
                text += " " + t("info.lacks_part_areas", lang, areas=_names(lacking, lang))
            items.append(f"{text} {t('info.lacks_fetch', lang, command=command)}")

    by_gap: dict[tuple[str, ...], list[str]] = {}  # indicators missing the same periods: one sentence
    for indicator in held.itertuples():
        missing = tuple(gaps(list(indicator.periods)))
        if missing:
            by_gap.setdefault(missing, []).append(getattr(indicator, label))
    for missing, labels in by_gap.items():
        items.append(t("info.lacks_gap", lang, indicators="; ".join(labels), periods=period_text(list(missing), lang),
                       n=len(missing)))  # fmt: skip

    by_area: dict[tuple[str, ...], list[str]] = {}
    for indicator in held.itertuples():
        lacking = tuple(code for code in areas if code not in set(indicator.areas))
        if lacking:
            by_area.setdefault(lacking, []).append(getattr(indicator, label))
    for lacking, labels in by_area.items():
        items.append(t("info.lacks_areas", lang, areas=_names(list(lacking), lang), indicators="; ".join(labels)))
    return tuple(items)


def items(lang: str) -> tuple[str, ...]:
    return items_on(lang, clock.today())


def intro(lang: str) -> str:
    """'Laskettu tietovarastosta 2.12.2026:' — the list is as of today's warehouse."""
    return t("info.missing_computed", lang, today=fmt_date(clock.today(), lang))
