"""Content of the data-sources page: the catalogue, the inputs, attributions and build history.

Each table is built once per data version and language and shared (memo): st.dataframe only
reads it, and an unpickled copy per rerun cost more than drawing the table."""

from __future__ import annotations

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_period, t, unit_label
from dashboard.core.memo import memo


@memo
def catalogue(lang: str) -> pd.DataFrame:
    """One row per indicator: label, definition, unit, source, coverage, vintage, licence, derivation."""
    ind = queries.indicators()
    # Each language its own definition and statistic name (the catalogue requires all three).
    desc = ind[f"description_{lang}"]
    statistic = ind["source_name"] if lang == "fi" else ind[f"source_name_{lang}"].fillna(ind["source_name"])
    coverage = [
        f"{fmt_period(a, lang)}–{fmt_period(b, lang)}" if isinstance(a, str) else t("common.no_data", lang)
        for a, b in zip(ind["first_period"], ind["last_period"])
    ]
    return pd.DataFrame({
        "id": ind["indicator_id"],
        t("info.indicator", lang): ind[f"label_{lang}"],
        t("info.description", lang): desc,
        t("info.derivation", lang): ind["derivation"].fillna("–"),
        t("info.statistic", lang): ind["publisher"] + ", " + statistic,
        t("info.table", lang): ind["source_table"],
        t("info.unit", lang): ind["unit"].map(lambda u: unit_label(u, lang)),
        t("info.coverage", lang): coverage,
        t("info.areas", lang): ind["areas"].fillna(0).astype(int),
        t("overview.vintage", lang): ind["vintages"].fillna("–"),
        t("info.licence", lang): ind["licence"],
    })  # fmt: skip


@memo
def inputs(lang: str) -> pd.DataFrame:
    """Every file or live table the warehouse was built from."""
    src = queries.sources()
    origin = src["origin"].map({"snapshot": t("info.origin_snapshot", lang), "live": t("info.origin_live", lang)})
    return pd.DataFrame({
        t("info.statistic", lang): src[f"statistic_{lang}"],
        t("info.table", lang): src["source_table"],
        t("info.origin", lang): origin,
        t("overview.vintage", lang): src["vintage"],
        t("info.coverage", lang): src["coverage"],
        t("info.licence", lang): src["licence"],
        t("info.via", lang): src["via"].fillna("–"),
    })  # fmt: skip


@memo
def attributions() -> tuple[str, ...]:
    """Distinct attribution lines, as CC BY 4.0 requires them."""
    return tuple(dict.fromkeys(queries.sources()["attribution"]))


@memo
def runs(lang: str) -> pd.DataFrame:
    rows = queries.load_runs()
    return pd.DataFrame({
        t("info.run_id", lang): rows["run_id"],
        t("info.run_finished", lang): rows["finished_at"],
        t("info.run_status", lang): rows["status"],
        t("info.run_message", lang): rows["message"],
    })  # fmt: skip
