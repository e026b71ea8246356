"""Spearhead scorecard: the catalogue's indicators per spearhead (etl/catalog.toml `spearhead`) with the
latest value, trend, the editor's target and a traffic light, and the projects tagged to each spearhead
with their money.

Traffic light (derived, stated on the page): green = target reached; yellow = not reached but the latest
change (5 years, else 1 year) points towards it; red = not reached and not moving towards it; grey = no
target set or no data. Where the catalogue has no better direction (higher_is_better empty), the target
itself gives the direction, compared with the value five (else one) years earlier.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard.core import queries
from dashboard.core.i18n import fmt_period, fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.funding import projects
from dashboard.funding import summary as funding
from dashboard.funding.views import spearhead_name

# Marks every text font has (emoji such as 🟢 are empty boxes without an emoji font, e.g. in server-side
# exports with Debian's Chromium): a fill meter — full, half, empty, none — always with its word; the colour
# is only a help (`styled`).
LIGHTS = {  # color: a Streamlit Markdown colour (the word carries the meaning without it)
    "green": {"symbol": "●", "color": "green"},
    "yellow": {"symbol": "◐", "color": "orange"},
    "red": {"symbol": "○", "color": "red"},
    "grey": {"symbol": "–", "color": "gray"},
}


def mark(colour: str, lang: str) -> str:
    """'● saavutettu': the light's mark and its word."""
    return f"{LIGHTS[colour]['symbol']} {t(f'funding_score.light_{colour}', lang)}"


def coloured(table: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """(table, column_config) for st.dataframe: each light's mark in its colour, as a Markdown column of the
    marks this module writes (the word says the same without colour). Not a pandas Styler: its styles are
    computed again on every rerun (14 of 20 ms of the page's warm rerun, measured)."""
    column = t("funding_score.col_light", lang)
    if column not in table:
        return table, {}
    colours = {mark(colour, lang): f":{spec['color']}[**{mark(colour, lang)}**]" for colour, spec in LIGHTS.items()}
    shown = table.assign(**{column: table[column].map(lambda v: colours.get(v, v))})
    return shown, {column: st.column_config.MarkdownColumn(column)}


def area_choices() -> list[str]:
    return [queries.region()["subregion"], *queries.focus_codes()]


def light(value: float | None, target: float | None, earlier: float | None, higher_is_better: object) -> str:
    if value is None or target is None or pd.isna(value) or pd.isna(target):
        return "grey"
    if higher_is_better is None or pd.isna(higher_is_better):
        reference = value if earlier is None or pd.isna(earlier) else earlier
        up = target >= reference
    else:
        up = bool(higher_is_better)
    if (value >= target) if up else (value <= target):
        return "green"
    change = None if earlier is None or pd.isna(earlier) else value - earlier
    return "yellow" if change and (change > 0) == up else "red"


@memo
def scorecard(area: str, lang: str) -> dict[str, pd.DataFrame]:
    """{spearhead: one row per tagged indicator} for `area`."""
    catalog = queries.indicators()
    tagged = catalog[catalog["spearhead"].isin(projects.SPEARHEADS)]
    latest = queries.latest(tagged.index.tolist(), [area]).set_index("indicator_id")
    targets = projects.store().targets
    targets = targets[targets["area_code"] == area].set_index("indicator_id")
    out = {}
    for spearhead in projects.SPEARHEADS:
        rows = []
        for indicator_id, entry in tagged[tagged["spearhead"] == spearhead].iterrows():
            unit, decimals = entry["unit"], int(entry["decimals"])
            row = latest.loc[indicator_id] if indicator_id in latest.index else None
            value = None if row is None else row["value"]
            earlier = None if row is None else (row["value_5y"] if pd.notna(row["value_5y"]) else row["value_1y"])
            span = (
                None
                if row is None
                else ("5y" if pd.notna(row["value_5y"]) else "1y" if pd.notna(row["value_1y"]) else None)
            )
            target = targets.loc[indicator_id] if indicator_id in targets.index else None
            colour = light(
                value, None if target is None else target["target_value"], earlier, entry["higher_is_better"]
            )
            rows.append({
                "indicator_id": indicator_id, t("funding_score.col_indicator", lang): label(entry.to_dict(), lang),
                t("funding_score.col_latest", lang): fmt_value(value, unit, decimals, lang) if value is not None else t("common.no_data", lang),
                t("funding_score.col_period", lang): fmt_period(row["period"], lang) if row is not None else "–",
                t("funding_score.col_trend", lang): _trend(value, earlier, span, unit, decimals, lang),
                t("funding_score.col_target", lang): _target(target, unit, decimals, lang),
                t("funding_score.col_light", lang): mark(colour, lang),
                t("funding_score.col_source", lang): "–" if row is None else
                    f"{row['source_table']} · {t('common.data_as_of', lang)} {row['vintage']}" +
                    (f" · {t('common.derived_short', lang)}" if row["is_derived"] else ""),
            })  # fmt: skip
        out[spearhead] = pd.DataFrame(rows)
    return out


def _trend(value: object, earlier: object, span: str | None, unit: str, decimals: int, lang: str) -> str:
    if value is None or earlier is None or pd.isna(earlier) or span is None:
        return "–"
    change = value - earlier
    arrow = "↗" if change > 0 else "↘" if change < 0 else "→"
    text = fmt_value(change, "ratio" if unit == "percent" else unit, decimals, lang, signed=True)
    suffix = f" {t('common.pp', lang)}" if unit == "percent" else ""
    return f"{arrow} {text}{suffix} ({t(f'funding_score.span_{span}', lang)})"


def _target(target: pd.Series | None, unit: str, decimals: int, lang: str) -> str:
    if target is None:
        return t("funding_score.no_target", lang)
    year = f" ({int(target['target_year'])})" if pd.notna(target["target_year"]) else ""
    return fmt_value(target["target_value"], unit, decimals, lang) + year


@memo
def spearhead_projects(lang: str) -> dict[str, pd.DataFrame]:
    """{spearhead: the projects tagged to it, with granted and realised EUR as stated}."""
    frame = projects.catalogue()
    frame = frame[~frame["not_ours"]]
    out = {}
    for spearhead in projects.SPEARHEADS:
        part = frame[frame["spearheads"].map(lambda tags, s=spearhead: s in tags)]
        out[spearhead] = pd.DataFrame({
            t("funding.col_name", lang): part["name"], t("funding.col_period", lang): part["programme_period"],
            t("funding.fund", lang): part["fund_group"].map(lambda g: t(f"funding.fund_{g.lower()}", lang)),
            t("funding.col_areas", lang): part["areas"].map(lambda a: ", ".join(funding.area_name(c, lang) for c in a)),
            t("funding.granted", lang): part["granted"], t("funding.realised", lang): part["realised"],
            t("funding.col_as_stated", lang): part["funding_as_stated"].fillna(""),
        }).reset_index(drop=True)  # fmt: skip
    return out


def spearhead_title(spearhead: str, lang: str) -> str:
    return spearhead_name(spearhead, lang)


def projects_line(table: pd.DataFrame, lang: str) -> str:
    """'Tagged projects: n · granted in total x €' (a derived sum; blanks are not counted as zero)."""
    granted = funding.eur(table[t("funding.granted", lang)].sum(min_count=1), 0, lang)
    return t("funding_score.projects_line", lang, n=len(table), granted=granted)


class Section(NamedTuple):
    """One spearhead as the scorecard page shows it."""

    title: str
    indicators: pd.DataFrame  # display columns only
    projects_line: str
    projects: pd.DataFrame


@memo
def sections(area: str, lang: str) -> tuple[Section, ...]:
    """The page's sections in spearhead order, built once per data version (the page only draws them)."""
    tagged = spearhead_projects(lang)
    return tuple(Section(spearhead_title(spearhead, lang), table.drop(columns=["indicator_id"]),
                         projects_line(tagged[spearhead], lang), tagged[spearhead])
                 for spearhead, table in scorecard(area, lang).items())  # fmt: skip
