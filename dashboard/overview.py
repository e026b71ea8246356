"""The overview page's content: headline figures, population small multiples, data freshness.

Plain functions over `queries`; the page only lays them out. Figures are built once per data version
and language (see `figure_cache`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, db, queries
from dashboard.i18n import fmt_period, fmt_value, label, t
from dashboard.sourcing import source_caption

# Figures are cached as shared objects with st.cache_resource: st.cache_data would unpickle a copy on
# every rerun (~20 ms per figure, measured), five times the cost of rendering it. Builders never mutate
# a figure after returning it, and the data version is part of every key.
figure_cache = st.cache_resource(show_spinner=False, max_entries=256)


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: str
    delta: str | None
    delta_color: str  # st.metric: normal (up is good) | inverse (down is good) | off
    caption: str  # period and comparison
    source: str


def area_name(code: str, lang: str) -> str:
    areas = queries.areas()
    return label(areas.loc[code].to_dict(), lang, "name") if code in areas.index else code


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


def headlines(lang: str) -> list[Headline]:
    """Population, unemployment rate, jobs and net migration of the sub-region, with changes."""
    meta = queries.region()
    sub, reg, country = meta["subregion"], meta["region"], meta["country"]
    catalog = queries.indicators()
    latest = queries.latest(["population", "unemployment_rate", "jobs", "net_migration"], [sub, reg, country])
    cards = []
    for ind in ("population", "unemployment_rate", "jobs", "net_migration"):
        rows = latest[(latest["indicator_id"] == ind) & (latest["area_code"] == sub)]
        entry = catalog.loc[ind]
        if rows.empty:
            cards.append(Headline(ind, label(entry.to_dict(), lang), t("common.no_data", lang), None, "off",
                                  area_name(sub, lang), ""))  # fmt: skip
            continue
        row = rows.iloc[0]
        unit, decimals = entry["unit"], int(entry["decimals"])
        hib = entry["higher_is_better"]
        color = "off" if pd.isna(hib) else ("normal" if hib else "inverse")
        caption = f"{area_name(sub, lang)} {fmt_period(row['period'], lang)}"
        if ind == "unemployment_rate":
            others = latest[(latest["indicator_id"] == ind) & (latest["period"] == row["period"])]
            for code in (reg, country):
                match = others[others["area_code"] == code]
                if not match.empty:
                    caption += f" · {area_name(code, lang)} {fmt_value(match.iloc[0]['value'], unit, decimals, lang)}"
        delta = _delta(row, unit, decimals, lang, five=ind in ("jobs",))
        cards.append(Headline(ind, label(entry.to_dict(), lang), fmt_value(row["value"], unit, decimals, lang),
                              delta, color, caption, source_caption(rows, lang)))  # fmt: skip
    return cards


def population_data(lang: str) -> pd.DataFrame:
    """Population of each focus municipality, every year: exactly what the small multiples show."""
    focus = queries.focus_codes()
    data = queries.series("population", focus)
    data = data.assign(area_name=data["area_code"].map(lambda c: area_name(c, lang)), x=data["period"].astype(int))
    order = {code: i for i, code in enumerate(focus)}
    return data.sort_values(["area_code", "x"], key=lambda s: s.map(order) if s.name == "area_code" else s)


def population_title(lang: str) -> str:
    data = population_data(lang)
    return t("overview.population_multiples", lang, first=data["x"].min(), last=data["x"].max()) + \
        f" ({t('unit.persons', lang)})"  # fmt: skip


@figure_cache
def _population_figure(version: str, lang: str) -> go.Figure:
    meta = queries.region()
    colors = charts.area_colors(queries.focus_codes(), meta["comparison_areas"].split(","))
    return charts.small_multiples(population_data(lang), colors, population_title(lang), lang,
                                  hover_unit=t("unit.persons", lang))  # fmt: skip


def population_figure(lang: str) -> go.Figure:
    return _population_figure(db.version(), lang)


def population_alt_text(lang: str) -> str:
    data = population_data(lang)
    last_year = data["x"].max()
    last = data[data["x"] == last_year].set_index("area_name")["value"]
    first = data[data["x"] == data["x"].min()].set_index("area_name")["value"]
    declined = bool((last < first.reindex(last.index)).all())
    return t("overview.population_multiples_alt", lang, n=len(last), first=data["x"].min(), last=last_year,
             largest=last.idxmax(), largest_value=fmt_value(last.max(), "persons", 0, lang),
             smallest=last.idxmin(), smallest_value=fmt_value(last.min(), "persons", 0, lang),
             all_declined=t("overview.yes" if declined else "overview.no", lang))  # fmt: skip


def population_download(lang: str) -> pd.DataFrame:
    data = population_data(lang)
    return data[["area_code", "area_name", "period", "value", "status", "is_derived", "source_table", "vintage"]]


def freshness(lang: str) -> pd.DataFrame:
    """Newest period and vintage per source, for the data-freshness box."""
    rows = queries.run("freshness")
    return pd.DataFrame({
        t("sources.statistic", lang): rows["statistic_fi" if lang == "fi" else "statistic_en"],
        t("sources.table", lang): rows["source_table"],
        t("overview.newest_period", lang): rows["newest_period"].map(lambda p: fmt_period(p, lang)),
        t("overview.vintage", lang): rows["vintage"],
    })  # fmt: skip


def population_source(lang: str) -> str:
    return source_caption(population_data(lang), lang)
