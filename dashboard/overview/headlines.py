"""The overview page's content: headline figures, population small multiples, data freshness.

Plain functions over `queries`; the page only lays them out. Figures are built once per data version
and language (see `memo`).
"""

from __future__ import annotations

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_period, fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.model import charts
from dashboard.model.registry import register
from dashboard.model.sourcing import short_source, source_caption
from dashboard.model.views import ChartView, Headline

HEADLINE_IDS = ["population", "unemployment_rate", "jobs", "net_migration"]


def trend(change: float | None, higher_is_better: bool | None) -> tuple[str, str]:
    """(arrow, colour) for a change: the arrow follows the sign, the colour whether that is good news."""
    if change is None or pd.isna(change) or change == 0:
        return "off", "gray"
    arrow = "up" if change > 0 else "down"
    if higher_is_better is None or pd.isna(higher_is_better):
        return arrow, "gray"
    return arrow, "green" if (change > 0) == bool(higher_is_better) else "red"


def _delta(row: pd.Series, unit: str, decimals: int, lang: str, five: bool = False) -> str | None:
    previous = row["value_5y"] if five else row["value_1y"]
    if pd.isna(previous):
        return None
    diff = row["value"] - previous
    if unit == "percent":  # a change of a rate is in percentage points
        return f"{fmt_value(diff, 'ratio', decimals, lang, signed=True)} {t('common.pp', lang)}"
    relative = 100 * diff / previous if previous else None
    text = fmt_value(diff, unit, decimals, lang, signed=True)
    if relative is not None:
        text += f" ({fmt_value(relative, 'percent', 1, lang, signed=True)})"
    return text


def service_title(lang: str) -> str:
    """The service's name in `lang` from region.toml (Finnish where it gives none): the overview's title."""
    meta = queries.region()
    return meta.get(f"title_{lang}", meta["title_fi"])


def intro(lang: str) -> str:
    """The page's opening sentence: the cooperation's brand and how many municipalities it has."""
    return t("overview.intro", lang, brand=queries.region()["brand"], n=len(queries.focus_codes()))


@memo
def headlines(lang: str) -> tuple[Headline, ...]:
    """Population, unemployment rate, jobs and net migration of the sub-region, with changes.

    The delta is the change over one year (same month a year earlier for monthly figures); the caption adds
    the five-year change, the comparison areas for the unemployment rate, and the source.
    """
    meta = queries.region()
    sub, reg, country = meta["subregion"], meta["region"], meta["country"]
    catalog = queries.indicators()
    latest = queries.latest(HEADLINE_IDS, [sub, reg, country])
    names = queries.area_names(lang)
    cards = []
    for ind in HEADLINE_IDS:
        rows = latest[(latest["indicator_id"] == ind) & (latest["area_code"] == sub)]
        entry = catalog.loc[ind]
        if rows.empty:
            cards.append(Headline(ind, label(entry.to_dict(), lang), t("common.no_data", lang), None, "gray",
                                  "off", names[sub], ""))  # fmt: skip
            continue
        row = rows.iloc[0]
        unit, decimals = entry["unit"], int(entry["decimals"])
        lines = [f"{names[sub]} {fmt_period(row['period'], lang)}"]
        five = _delta(row, unit, decimals, lang, five=True)
        if five and ind != "net_migration":  # a change of a net flow says little; its level is the news
            lines.append(f"{t('common.change_5y_short', lang)} {five}")
        if ind == "unemployment_rate":
            others = latest[(latest["indicator_id"] == ind) & (latest["period"] == row["period"])]
            for code in (reg, country):
                match = others[others["area_code"] == code]
                if not match.empty:
                    lines.append(f"{names[code]} {fmt_value(match.iloc[0]['value'], unit, decimals, lang)}")
        delta = None if ind == "net_migration" else _delta(row, unit, decimals, lang)
        arrow, color = trend(None if delta is None else row["value"] - row["value_1y"], entry["higher_is_better"])
        cards.append(Headline(ind, label(entry.to_dict(), lang), fmt_value(row["value"], unit, decimals, lang),
                              delta, color, arrow, " · ".join(lines), short_source(rows, lang)))  # fmt: skip
    return tuple(cards)


def population_data(lang: str) -> pd.DataFrame:
    """Population of each focus municipality, every year: exactly what the small multiples show."""
    focus = queries.focus_codes()
    names = queries.area_names(lang)
    data = queries.series("population", focus)
    data = data.assign(area_name=data["area_code"].map(names), x=data["period"].astype(int))
    order = {code: i for i, code in enumerate(focus)}
    return data.sort_values(["area_code", "x"], key=lambda s: s.map(order) if s.name == "area_code" else s)


def population_alt_text(data: pd.DataFrame, lang: str) -> str:
    last_year = data["x"].max()
    last = data[data["x"] == last_year].set_index("area_name")["value"]
    first = data[data["x"] == data["x"].min()].set_index("area_name")["value"]
    declined = bool((last < first.reindex(last.index)).all())
    return t("overview.population_multiples_alt", lang, n=len(last), first=data["x"].min(), last=last_year,
             largest=last.idxmax(), largest_value=fmt_value(last.max(), "persons", 0, lang),
             smallest=last.idxmin(), smallest_value=fmt_value(last.min(), "persons", 0, lang),
             all_declined=t("overview.yes" if declined else "overview.no", lang))  # fmt: skip


@register("population_by_municipality", "overview.population", indicators=("population",))
@memo
def population_view(lang: str) -> ChartView:
    """The population small multiples with their caption, text alternative and downloadable rows."""
    data = population_data(lang)
    title = t("overview.population_multiples", lang, first=data["x"].min(), last=data["x"].max())
    title += f" ({t('unit.persons', lang)})"
    colors = queries.area_colors()
    figure = charts.small_multiples(data, colors, title, lang, hover_unit=t("unit.persons", lang))
    shown = data[["area_code", "area_name", "period", "value", "status", "is_derived", "source_table", "vintage"]]
    return ChartView(
        figure,
        shown.reset_index(drop=True),
        source_caption(data, lang),
        population_alt_text(data, lang),
        indicators=("population",),
        areas=tuple(queries.focus_codes()),
        time_axis="year",
    )


@memo
def freshness(lang: str) -> pd.DataFrame:
    """Newest period and vintage per source, for the data-freshness box."""
    rows = queries.run("freshness")
    return pd.DataFrame({
        t("info.statistic", lang): rows[f"statistic_{lang}"],
        t("info.table", lang): rows["source_table"],
        t("overview.newest_period", lang): rows["newest_period"].map(lambda p: fmt_period(p, lang)),
        t("overview.vintage", lang): rows["vintage"],
    })  # fmt: skip
