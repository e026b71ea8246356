"""Projection vs what happened, the back-test table and the method note of the foresight page.

The note's figures are filled in from `foresight_backtest.evidence()` on every data version, so the page
never quotes a number the code did not compute; tests/unit/test_foresight_backtest.py fails if the
errors grow beyond the levels the note reported when it was written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.core.i18n import fmt_number, fmt_percent, t
from dashboard.core.memo import memo
from dashboard.foresight import backtest, data
from dashboard.foresight import charts as fcharts
from dashboard.foresight import scenarios as fs
from dashboard.model.sourcing import source_caption

ACTUAL_FROM = 2010  # the chart shows the actual years before the projection too, for the trend


@memo
def accuracy_data(lang: str) -> pd.DataFrame:
    ev = backtest.evidence()
    actual = data.actual()
    actual = actual[(actual["group"] == "population") & (actual["year"] >= ACTUAL_FROM)]
    official = data.official(ev.accuracy_projection)
    projected = ev.accuracy[["area_code", "year", "projected"]].rename(columns={"projected": "value"})
    projected = projected.assign(series="official", source_table=official.source_table, vintage=official.vintage,
                                 is_derived=projected["area_code"] == data.total_code())  # fmt: skip
    frame = pd.concat([actual.assign(series="actual"), projected], ignore_index=True)
    order = {code: i for i, code in enumerate(fs.area_codes())}
    frame = frame[frame["area_code"].isin(order)]
    frame = frame.assign(area_name=frame["area_code"].map(fs.area_names(lang)),
                         _o=frame["area_code"].map(order)).sort_values(["_o", "series", "year"])  # fmt: skip
    return frame[["area_code", "area_name", "series", "year", "value", "is_derived", "source_table", "vintage"]]


def accuracy_title(lang: str) -> str:
    ev = backtest.evidence()
    return t("foresight.accuracy_title", lang, projection=ev.accuracy_projection, first=ACTUAL_FROM,
             last=int(ev.accuracy["year"].max()))  # fmt: skip


@memo
def accuracy_figure(lang: str) -> go.Figure:
    names = {**fs.series_names(lang), "official": t("foresight.series_official", lang,
                                                     projection=backtest.evidence().accuracy_projection)}  # fmt: skip
    return fcharts.outlook_multiples(accuracy_data(lang), fs.area_colors(), names, accuracy_title(lang), lang)


def accuracy_caption(lang: str) -> str:
    return source_caption(accuracy_data(lang), lang)


def accuracy_alt(lang: str) -> str:
    s = backtest.evidence().summary
    return t("foresight.accuracy_alt", lang, area=fs.area_name(data.total_code(), lang), year=s["accuracy_year"],
             projection=s["projection"], total=fmt_percent(s["accuracy_total"], 1, lang, signed=True),
             mape=fmt_percent(s["accuracy_mape"], 1, lang), max=fmt_percent(s["accuracy_max"], 1, lang))  # fmt: skip


@memo
def error_table(lang: str) -> pd.DataFrame:
    """Per area: the official projection's error in each overlap year and the back-tests' errors."""
    ev = backtest.evidence()
    out = pd.DataFrame({"area_code": fs.area_codes()})
    out[t("common.area", lang)] = out["area_code"].map(fs.area_names(lang))
    for year, part in ev.accuracy.groupby("year"):
        errors = part.set_index("area_code")["error_pct"]
        column = t("foresight.error_official", lang, projection=ev.accuracy_projection, year=year)
        out[column] = out["area_code"].map(lambda c, e=errors: fmt_percent(e.get(c), 1, lang, signed=True))
    for (base, target), part in ev.backtests.groupby(["base_year", "target_year"]):
        errors = part.set_index("area_code")["error_pct"]
        column = t("foresight.error_backtest", lang, base=base, target=target)
        out[column] = out["area_code"].map(lambda c, e=errors: fmt_percent(e.get(c), 1, lang, signed=True))
    return out.drop(columns=["area_code"])


def error_download() -> pd.DataFrame:
    ev = backtest.evidence()
    official = ev.accuracy.assign(method=f"official_projection_{ev.accuracy_projection}",
                                  base_year=int(data.official(ev.accuracy_projection).years[0]) - 1)  # fmt: skip
    tests = ev.backtests.rename(columns={"target_year": "year"}).assign(method="hamilton_perry_10y")
    columns = ["method", "area_code", "base_year", "year", "projected", "actual", "error_pct"]
    return pd.concat([official[columns], tests[columns]], ignore_index=True).assign(is_derived=True)


def method_note(lang: str) -> str:
    """The method note (markdown) with every figure filled in from the code's own results."""
    s = backtest.evidence().summary
    official = data.official()
    pct = lambda v, signed=False: fmt_percent(v, 1, lang, signed=signed)  # noqa: E731
    tests = [k for k in s if k.startswith("hp_")]
    backtest_lines = "\n".join(
        t("foresight.note_backtest_line", lang, base=k[3:], target=s[k]["target"], total=pct(s[k]["total"], True),
          mape=pct(s[k]["mape"]), max=pct(s[k]["max"]))
        for k in tests
    )  # fmt: skip
    return t("foresight.note", lang, projection=official.projection, first=official.years[0],
             last=official.years[-1], proxy=fs.area_name(official.survival_area, lang),
             reproduction=fmt_number(s["reproduction_max_abs"], 3, lang),
             accuracy_first=s.get("accuracy_first", "–"), accuracy_year=s.get("accuracy_year", "–"),
             accuracy_total=pct(s.get("accuracy_total"), True), accuracy_mape=pct(s.get("accuracy_mape")),
             accuracy_max=pct(s.get("accuracy_max")), backtests=backtest_lines,
             jobs_r=fmt_number(s["jobs_r"], 2, lang), jobs_r2=pct(100 * s["jobs_r"] ** 2), jobs_n=s["jobs_n"],
             area=fs.area_name(data.total_code(), lang))  # fmt: skip


@dataclass(frozen=True)
class AccuracyView:
    chart: fs.Chart
    errors: pd.DataFrame
    errors_data: pd.DataFrame
    note: str


@memo
def accuracy_view(lang: str) -> AccuracyView:
    """Projection vs actual chart, the error table (and its download) and the method note."""
    chart = fs.Chart(accuracy_figure(lang), accuracy_data(lang), accuracy_caption(lang), accuracy_alt(lang))
    return AccuracyView(chart, error_table(lang), error_download(), method_note(lang))
