"""newest_rows: each indicator's own newest period, every area listed, a missing value stays missing."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.population.newest import extremes, newest_rows


def facts(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_id", "area_code", "period", "value", "status", "is_derived",
                                       "source_table", "vintage"])  # fmt: skip


FRAME = facts([
    ("mean_age", "KU729", "2025", 51.7, None, False, "11ra", "2026-05-29"),
    ("mean_age", "SK138", "2025", 52.2, None, False, "11ra", "2026-05-29"),
    ("share_aged_65_plus", "KU729", "2016", 31.0, None, False, "KA", "2019-09"),
    ("share_aged_65_plus", "KU729", "2025", 37.6, None, False, "11ra", "2026-05-29"),
    ("share_aged_65_plus", "SK138", "2016", 32.0, None, False, "KA", "2019-09"),  # no 2025 row
    ("low_income_rate", "KU729", "2024", None, "..", False, "14ww", "2025-12-16"),
    ("low_income_rate", "SK138", "2024", 17.6, None, False, "14ww", "2025-12-16"),
    ("live_births", "SK138", "2025", 138.0, None, True, "121w", "2026-05-27"),
])  # fmt: skip


def test_each_indicator_its_own_newest_period() -> None:
    out = newest_rows(FRAME, ["mean_age", "low_income_rate"], ["KU729", "SK138"]).set_index(
        ["indicator_id", "area_code"]
    )
    assert out.loc[("mean_age", "KU729"), "period"] == "2025"
    assert out.loc[("low_income_rate", "SK138"), "period"] == "2024"


def test_an_area_without_the_newest_year_is_missing_not_older() -> None:
    out = newest_rows(FRAME, ["share_aged_65_plus"], ["KU729", "SK138"]).set_index("area_code")
    assert out.loc["KU729", "value"] == 37.6
    assert math.isnan(out.loc["SK138", "value"]) and out.loc["SK138", "period"] == "2025"  # not 32.0 of 2016
    assert not out.loc["SK138", "is_derived"]


def test_a_published_gap_keeps_its_status_and_order_follows_the_codes() -> None:
    out = newest_rows(FRAME, ["low_income_rate", "live_births"], ["SK138", "KU729"])
    assert out["indicator_id"].tolist() == ["low_income_rate", "low_income_rate", "live_births", "live_births"]
    assert out["area_code"].tolist() == ["SK138", "KU729", "SK138", "KU729"]
    gap = out[(out["indicator_id"] == "low_income_rate") & (out["area_code"] == "KU729")].iloc[0]
    assert math.isnan(gap["value"]) and gap["status"] == ".."
    assert bool(out[(out["indicator_id"] == "live_births") & (out["area_code"] == "SK138")]["is_derived"].iloc[0])


def test_an_indicator_without_values_is_left_out() -> None:
    assert newest_rows(FRAME, ["mean_age", "deaths"], ["KU729"])["indicator_id"].tolist() == ["mean_age"]
    assert newest_rows(FRAME, ["deaths"], ["KU729"]).empty


def test_extremes() -> None:
    assert extremes(pd.Series({"a": 1.0, "b": None, "c": 3.0})) == ("c", "a")
    assert extremes(pd.Series({"a": None}, dtype=float)) is None
