"""Väestö page headline: the selected area's population with its change over 1, 5 and 10 years and the
demographic dependency ratio (cards), and the same changes for every area in a table."""

from __future__ import annotations

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_percent, fmt_value, t
from dashboard.core.memo import memo
from dashboard.model import derive, preliminary
from dashboard.model.sourcing import short_source, source_caption
from dashboard.model.views import Headline
from dashboard.overview.headlines import trend
from dashboard.population.choices import area_choices

SPANS = (1, 5, 10)


def _signed_change(change: float | None, pct: float | None, lang: str) -> str | None:
    if change is None or pd.isna(change):
        return None
    text = fmt_number(change, 0, lang, signed=True)
    return text if pct is None or pd.isna(pct) else f"{text} ({fmt_percent(pct, 1, lang, signed=True)})"


@memo
def cards(lang: str, area: str) -> tuple[Headline, ...]:
    """Population (change in a year), change over 5 and 10 years, demographic dependency ratio."""
    names = queries.area_names(lang)
    rows = queries.series("population", [area])
    if rows.dropna(subset=["value"]).empty:
        return ()
    table = derive.changes(rows, SPANS).iloc[0]
    year = int(table["period"])
    source = short_source(rows, lang)
    cards = []
    marked = set(preliminary.periods(rows))  # a change from a preliminary year says so

    def flagged(text: str, *years: int) -> str:
        return text + (f" ({t('preliminary.word', lang)})" if marked & {str(y) for y in years} else "")

    arrow, color = trend(table["change_1y"], None)
    cards.append(Headline("population", t("population.card_population", lang, year=year),
                          fmt_number(table["value"], 0, lang), _signed_change(table["change_1y"], table["change_1y_pct"], lang),
                          color, arrow, flagged(f"{names[area]} · {t('population.change_from', lang, year=year - 1)}",
                                                year, year - 1), source))  # fmt: skip
    for span in SPANS[1:]:
        change, pct = table[f"change_{span}y"], table[f"change_{span}y_pct"]
        arrow, color = trend(change, None)
        value = fmt_number(change, 0, lang, signed=True) if pd.notna(change) else t("common.no_data", lang)
        delta = fmt_percent(pct, 1, lang, signed=True) if pd.notna(pct) else None
        cards.append(Headline(f"change_{span}y", t("population.card_change", lang, first=year - span, last=year),
                              value, delta, color, arrow, flagged(names[area], year, year - span), source))  # fmt: skip
    ratio = derive.dependency_ratio(
        queries.series("population", [area]), queries.series("working_age_population", [area])
    )
    if not ratio.empty:
        last = ratio.iloc[-1]
        before = ratio[ratio["period"] == str(int(last["period"]) - 5)]
        change = last["value"] - before["value"].iloc[0] if not before.empty else None
        arrow, color = trend(change, False)  # more dependants per worker-age person: a heavier load
        delta = fmt_value(change, "ratio", 1, lang, signed=True) if change is not None else None
        cards.append(Headline("dependency", t("population.card_dependency", lang, year=last["period"]),
                              fmt_number(last["value"], 1, lang), delta, color, arrow,
                              f"{names[area]} · {t('population.dependency_short', lang, year=int(last['period']) - 5)}",
                              short_source(ratio.assign(is_derived=True), lang)))  # fmt: skip
    return tuple(cards)


@memo
def changes_table(lang: str) -> tuple[pd.DataFrame, pd.DataFrame, str, tuple[str, ...]]:
    """(table as shown, the same rows as numbers for download, source caption, notes) for all areas."""
    codes = list(dict.fromkeys([*area_choices(), *queries.comparison_codes()]))
    names = queries.area_names(lang)
    rows = queries.series("population", codes)
    table = derive.changes(rows, SPANS)
    table = table.set_index("area_code").reindex([c for c in codes if c in set(table["area_code"])]).reset_index()
    data = table.assign(area_name=table["area_code"].map(names), is_derived=True)
    data = data[["area_code", "area_name", "period", "value", *[f"change_{s}y{p}" for s in SPANS for p in ("", "_pct")],
                 "is_derived"]]  # fmt: skip
    shown = pd.DataFrame({t("common.area", lang): data["area_name"], t("population.col_year", lang): data["period"],
                          t("population.col_population", lang): data["value"].map(lambda v: fmt_number(v, 0, lang))})  # fmt: skip
    for span in SPANS:
        shown[t("population.col_change", lang, span=span)] = [
            _signed_change(c, p, lang) or t("common.no_data", lang)
            for c, p in zip(data[f"change_{span}y"], data[f"change_{span}y_pct"])
        ]
    newest = data["period"].max()
    notes = tuple(t("population.note_ends_early", lang, area=n, year=p)
                  for n, p in zip(data["area_name"], data["period"]) if p < newest)  # fmt: skip
    compared = {str(int(newest) - span) for span in SPANS} | {newest}
    marked = [p for p in preliminary.periods(rows) if p in compared]
    if marked:  # the changes of the newest year reach back to a preliminary figure
        notes += (t("population.note_preliminary_changes", lang, periods=preliminary.period_text(marked, lang)),)
    return shown, data.reset_index(drop=True), source_caption(rows.assign(is_derived=True), lang), notes
