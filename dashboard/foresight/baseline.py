"""Ennakointi page, where the areas stand now: the published age figures of the newest year (mean age and
the shares under 15 and 65+, table 11ra, 31 December) beside the share aged 65+ that the official
projection expected for the same year.

The service-need outlook starts from the projection's base year (2019 for the bundled projection), so
this says how far the ageing it builds on has already come. The published shares are as 11ra gives them
(the sub-region and region rows too); the projected share is derived (65+ ÷ population of the projection),
and areas the projection does not cover (region, country) say so.
"""

from __future__ import annotations

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_percent, fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.foresight import data, model
from dashboard.foresight import scenarios as fs
from dashboard.model.sourcing import source_caption
from dashboard.population import newest

AGE = ("mean_age", "share_under_15", "share_aged_65_plus")


def projected_share(results: pd.DataFrame, year: int) -> pd.Series:
    """{area_code: share (%) aged 65+ in `year`} from the official series of a projection's results."""
    rows = results[(results["series"] == "official") & (results["year"] == year)]
    wide = rows.pivot_table(index="area_code", columns="group", values="value", aggfunc="first")
    if wide.empty or not {"age_65_plus", "population"} <= set(wide.columns):
        return pd.Series(dtype=float)
    return (100 * wide["age_65_plus"] / wide["population"]).dropna()


@memo
def baseline(lang: str) -> tuple[pd.DataFrame, pd.DataFrame, str, tuple[str, ...]]:
    """(table as shown, the same figures for download, source caption, notes)."""
    figures = newest.newest(AGE)
    if figures.empty:
        return pd.DataFrame(), pd.DataFrame(), "", (t("common.no_data", lang),)
    catalog, names = queries.indicators(), queries.area_names(lang)
    codes = newest.area_codes()
    year = int(figures["period"].max())
    official = data.official()
    projected = projected_share(fs.results(model.Scenario()), year) if year in official.years else pd.Series()
    shown = pd.DataFrame({t("common.area", lang): [names[c] for c in codes]})
    for indicator_id in AGE:
        rows = figures[figures["indicator_id"] == indicator_id].set_index("area_code").reindex(codes)
        entry = catalog.loc[indicator_id]
        column = f"{label(entry.to_dict(), lang)} {t('common.at_year_end', lang, year=rows['period'].dropna().iloc[0])}"
        shown[column] = [fmt_value(v, entry["unit"], int(entry["decimals"]), lang) if pd.notna(v)
                         else t("common.no_data", lang) for v in rows["value"]]  # fmt: skip
    published = figures[figures["indicator_id"] == "share_aged_65_plus"].set_index("area_code")["value"]
    projection = data.newest_projection()
    shown[t("foresight.baseline_projected", lang, projection=projection, year=year)] = [
        fmt_percent(projected[c], 1, lang) if c in projected.index else t("foresight.baseline_not_projected", lang)
        for c in codes
    ]
    difference = (published - projected).reindex(codes)
    shown[t("foresight.baseline_difference", lang)] = [
        fmt_value(d, "ratio", 1, lang, signed=True) if pd.notna(d) else "–" for d in difference
    ]
    download = figures.assign(area_name=figures["area_code"].map(names))
    extra = pd.DataFrame({"area_code": projected.index, "area_name": projected.index.map(names.get),
                          "indicator_id": "share_aged_65_plus_projected", "period": str(year),
                          "value": projected.values, "is_derived": True, "source_table": official.source_table,
                          "vintage": official.vintage})  # fmt: skip
    download = pd.concat([download, extra], ignore_index=True)[
        ["area_code", "area_name", "indicator_id", "period", "value", "is_derived", "source_table", "vintage"]
    ]
    notes = (t("foresight.baseline_note", lang, projection=projection, year=year),)
    return shown, download, source_caption(download, lang), notes
