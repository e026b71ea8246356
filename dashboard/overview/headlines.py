"""The overview page's content: headline figures and the population small multiples (the data-freshness
box is dashboard/info/freshness.py, shared with Tietolähteet).

Plain functions over `queries`; the page only lays them out. Figures are built once per data version
and language (see `memo`).
"""

from __future__ import annotations

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.model import changes, charts, preliminary
from dashboard.model.changes import trend  # noqa: F401 - the cards of other pages import it from here
from dashboard.model.registry import register
from dashboard.model.sourcing import short_source, source_caption
from dashboard.model.views import ChartView, Headline

HEADLINE_IDS = ["population", "unemployment_rate", "jobs", "net_migration"]


def service_title(lang: str) -> str:
    """The service's name in `lang` from region.toml (Finnish where it gives none): the overview's title."""
    meta = queries.region()
    return meta.get(f"title_{lang}", meta["title_fi"])


def intro(lang: str) -> str:
    """The page's opening sentence: the cooperation's brand and how many municipalities it has."""
    return t("overview.intro", lang, brand=queries.region()["brand"], n=len(queries.focus_codes()))


@memo
def headlines(lang: str) -> tuple[Headline, ...]:
    """Population, unemployment rate, jobs and net migration of the sub-region, each labelled with its own
    date (31.12.2025, 6/2026, 2017 …), with changes.

    The delta compares like with like (changes.from_latest: the same month a year earlier for monthly
    figures), or the caption says the earlier figure is missing; a preliminary figure on either side is
    named. The caption adds the five-year change, the comparison areas for the unemployment rate, and the
    source.
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
        unit, decimals, better = entry["unit"], int(entry["decimals"]), entry["higher_is_better"]
        dated = changes.when(ind, row["period"], lang)
        first = f"{names[sub]} {dated}"
        if row["is_preliminary"]:
            first += f" ({t('preliminary.word', lang)})"
        lines = [first]
        year = changes.from_latest(row, unit, decimals, better, lang)
        if ind != "net_migration":  # a change of a net flow says little; its level is the news
            lines.append(year.note)
            five = changes.from_latest(row, unit, decimals, better, lang, years=5)
            if five.delta:
                lines.append(f"{t('common.change_5y_short', lang)} {five.delta}")
        if ind == "unemployment_rate":
            others = latest[(latest["indicator_id"] == ind) & (latest["period"] == row["period"])]
            for code in (reg, country):
                match = others[others["area_code"] == code]
                if not match.empty:
                    lines.append(f"{names[code]} {fmt_value(match.iloc[0]['value'], unit, decimals, lang)}")
        delta, arrow, color = (None, "off", "gray") if ind == "net_migration" else (year.delta, year.arrow, year.color)
        cards.append(Headline(ind, f"{label(entry.to_dict(), lang)} {dated}", fmt_value(row["value"], unit, decimals,
                              lang), delta, color, arrow, " · ".join(lines), short_source(rows, lang)))  # fmt: skip
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
             all_declined=t("overview.yes" if declined else "overview.no", lang)) + preliminary.alt_sentence(data, lang)  # fmt: skip


@register("population_by_municipality", "overview.population", indicators=("population",))
@memo
def population_view(lang: str) -> ChartView:
    """The population small multiples with their caption, text alternative and downloadable rows."""
    data = population_data(lang)
    title = t("overview.population_multiples", lang, first=data["x"].min(), last=data["x"].max())
    title += f" ({t('unit.persons', lang)})"
    colors = queries.area_colors()
    figure = charts.small_multiples(data, colors, title, lang, hover_unit=t("unit.persons", lang),
                                    preliminary=preliminary.hover_suffix(lang))  # fmt: skip
    shown = data[["area_code", "area_name", "period", "value", "status", "is_derived", "is_preliminary",
                  "source_table", "vintage"]]  # fmt: skip
    return ChartView(
        figure,
        shown.reset_index(drop=True),
        source_caption(data, lang),
        population_alt_text(data, lang),
        indicators=("population",),
        areas=tuple(queries.focus_codes()),
        time_axis="year",
    )
