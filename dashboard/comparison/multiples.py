"""Kuntavertailu small multiples: one indicator over time, one panel per chosen municipality and per
comparison area with data, each on its own y axis (the areas differ a hundredfold in size)."""

from __future__ import annotations

import pandas as pd

from dashboard.commuting.balance import volatile_codes
from dashboard.comparison.table import in_focus_order, indicator_label, options
from dashboard.core import queries
from dashboard.core.i18n import fmt_period, fmt_value, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView

SMOOTHING_WINDOW = 3
SHOWN = ["area_code", "area_name", "period", "value", "published_value", "status", "is_derived", "source_table",
         "vintage"]  # fmt: skip


def can_smooth(indicator: str) -> bool:
    """The 3-year rolling mean is offered for yearly series (a 3-month mean would be another statistic)."""
    return indicator in options("fi").yearly


def multiples_view(indicator: str, codes: list[str], smooth: bool, lang: str) -> Block:
    return _multiples_view(indicator, in_focus_order(codes), smooth and can_smooth(indicator), lang)


@memo
def _multiples_view(indicator: str, codes: tuple[str, ...], smooth: bool, lang: str) -> Block:
    entry = queries.indicators().loc[indicator]
    unit, decimals, monthly = entry["unit"], int(entry["decimals"]), entry["frequency"] == "month"
    wanted = [*codes, *queries.comparison_codes()]
    area_names = queries.area_names(lang)
    rows = queries.series(indicator, wanted)
    rows = rows.assign(published_value=rows["value"])
    notes = []
    missing = [c for c in wanted if c not in set(rows.loc[rows["value"].notna(), "area_code"])]
    if missing:
        notes.append(t("comparison.no_data_for", lang, areas=", ".join(area_names.get(c, c) for c in missing)))
    rows = rows[~rows["area_code"].isin(missing)]
    if rows.empty:
        return Block(None, tuple(notes))
    if smooth:
        rows = derive.rolling_mean(rows, SMOOTHING_WINDOW)
        rows = rows.assign(is_derived=True)
    volatile = set(volatile_codes(codes))
    if volatile:
        notes.append(
            t("comparison.volatile_note", lang, areas=", ".join(area_names[c] for c in codes if c in volatile))
        )
    order = {code: i for i, code in enumerate(wanted)}
    rows = rows.sort_values(["area_code", "period"], key=lambda s: s.map(order) if s.name == "area_code" else s)
    rows["area_name"] = rows["area_code"].map(lambda c: area_names.get(c, c))
    panels = rows.assign(
        area_name=rows["area_name"] + rows["area_code"].map(lambda c: " *" if c in volatile else ""),
        # Date strings, not datetime64: plotly reads them as dates, and they serialise ten times faster.
        x=rows["period"] + "-01" if monthly else rows["period"].astype(int),
    )  # fmt: skip
    unit_text = "%" if unit == "percent" else t(f"unit.{unit}", lang)
    first, last = fmt_period(rows["period"].min(), lang), fmt_period(rows["period"].max(), lang)
    years = first if first == last else f"{first}–{last}"  # one year of data (11ra, 14ww): not "2025–2025"
    title = t("comparison.multiples_title", lang, indicator=indicator_label(indicator, lang), years=years,
              unit=unit_text)  # fmt: skip
    if smooth:
        title += t("comparison.smoothed_suffix", lang, window=SMOOTHING_WINDOW)
    colors = queries.area_colors()
    figure = charts.small_multiples(panels, colors, title, lang, hover_unit=unit_text)
    shown_decimals = max(decimals, 1) if smooth else decimals
    hover = f"%{{x}}: %{{y:,.{shown_decimals}f}} {unit_text}<extra>%{{fullData.name}}</extra>"
    figure.update_traces(hovertemplate=hover, xhoverformat="%m/%Y" if monthly else None)
    figure.update_yaxes(tickformat=",~f")  # '12 000', '12,5': locale separators, no trailing zeros, no SI 'k'
    alt = _alt(rows, entry, unit, shown_decimals, lang)
    view = ChartView(figure, rows[SHOWN].reset_index(drop=True), source_caption(rows, lang), alt,
                     indicators=(indicator,), areas=tuple(rows["area_code"].unique()),
                     time_axis="month" if monthly else "year")  # fmt: skip
    return Block(view, tuple(notes))


def _alt(rows: pd.DataFrame, entry: pd.Series, unit: str, decimals: int, lang: str) -> str:
    valued = rows.dropna(subset=["value"])
    latest = valued.sort_values("period").groupby("area_code", sort=False).tail(1)
    earliest = valued.sort_values("period").groupby("area_code", sort=False).head(1).set_index("area_code")
    parts = []
    for row in latest.itertuples():
        change = row.value - earliest.loc[row.area_code, "value"]
        change_text = (f"{fmt_value(change, 'ratio', decimals, lang, signed=True)} {t('common.pp', lang)}"
                       if unit == "percent" else fmt_value(change, unit, decimals, lang, signed=True))  # fmt: skip
        parts.append(t("comparison.multiples_alt_area", lang, area=row.area_name,
                       period=fmt_period(row.period, lang), value=fmt_value(row.value, unit, decimals, lang),
                       since=fmt_period(earliest.loc[row.area_code, "period"], lang), change=change_text))  # fmt: skip
    return t("comparison.multiples_alt", lang, indicator=indicator_label(entry.name, lang), areas="; ".join(parts))
