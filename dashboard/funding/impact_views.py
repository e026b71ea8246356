"""Chart block and tables of the impact page (Vaikuttavuus), built once per data version and selection."""

from __future__ import annotations

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, label, t
from dashboard.core.memo import memo
from dashboard.funding import charts as fcharts
from dashboard.funding import impact
from dashboard.model.sourcing import source_caption
from dashboard.model.views import ChartView


@memo
def development_view(lang: str, project_id: str, indicator_id: str) -> ChartView:
    entry = queries.indicators().loc[indicator_id]
    name = label(entry.to_dict(), lang)
    shown = impact.development(project_id, indicator_id, lang)
    lines, years, base = shown.lines, shown.years, shown.base
    unit = t("funding_impact.index_unit", lang, year=base) if base else t(f"unit.{entry['unit']}", lang)
    first, last = (int(lines["x"].min()), int(lines["x"].max())) if len(lines) else years
    title = t("funding_impact.chart_title", lang, indicator=name, unit=unit, first=first, last=last)
    fig = fcharts.development(lines, queries.area_colors(), title, unit, years, t("funding_impact.project_years", lang),
                              lang)  # fmt: skip
    table = impact.phases(lines, years)
    decimals = 1 if base else int(entry["decimals"]) + 1
    own = table[table["area_code"] != impact.PEERS]
    peer = table[table["area_code"] == impact.PEERS]
    fmt = lambda v: fmt_number(v, decimals, lang, signed=True) if pd.notna(v) else "–"  # noqa: E731
    if own.empty:
        alt = t("funding_impact.no_data", lang)
    else:
        alt = t("funding_impact.chart_alt", lang, indicator=name, area=own.iloc[0]["area_name"],
                during=fmt(own.iloc[0]["during"]), before=fmt(own.iloc[0]["before"]),
                peers=fmt(peer.iloc[0]["during"]) if len(peer) else "–", unit=unit)  # fmt: skip
    notice = missing_notice(lang, project_id, indicator_id)
    alt = f"{alt} {notice}" if notice else alt
    source = queries.series(indicator_id, impact.lines_for(project_id, indicator_id) + impact.peer_codes())
    caption = source_caption(source.assign(is_derived=True), lang) + " " + t("funding_impact.derived_note", lang)
    return ChartView(fig, lines, caption, alt)


@memo
def missing_notice(lang: str, project_id: str, indicator_id: str) -> str | None:
    """Which of the years the chart needs (the year before the project to its end) have no value in the
    project's areas, and the latest year that has one; None when nothing is missing."""
    shown = impact.development(project_id, indicator_id, lang)
    if not shown.missing:
        return None
    if shown.last is None:
        return t("funding_impact.missing_all", lang, years=impact.year_spans(shown.missing))
    text = t("funding_impact.missing_years", lang, years=impact.year_spans(shown.missing), last=shown.last)
    if shown.base is not None and shown.base in shown.missing:
        text += " " + t("funding_impact.missing_base", lang, base=shown.base)
    return text


@memo
def phase_table(lang: str, project_id: str, indicator_id: str) -> pd.DataFrame:
    shown = impact.development(project_id, indicator_id, lang)
    table = impact.phases(shown.lines, shown.years)
    start, end = shown.years
    return pd.DataFrame({
        t("funding_impact.col_area", lang): table["area_name"],
        t("funding_impact.col_before", lang, first=start - 1 - impact.WINDOW, last=start - 1): table["before"],
        t("funding_impact.col_during", lang, first=start - 1, last=end): table["during"],
        t("funding_impact.col_after", lang, first=end, last=end + impact.WINDOW): table["after"],
    })  # fmt: skip
