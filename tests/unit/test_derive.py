"""Every read-side derived figure, checked against numbers worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.model import derive


def series(area: str, points: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"area_code": area, "period": list(points), "value": list(points.values())})


def test_index_first_period_is_100() -> None:
    frame = pd.concat([series("A", {"2000": 200, "2001": 150}), series("B", {"2000": 10, "2001": 12})])
    out = derive.index(frame).set_index(["area_code", "period"])["value"]
    assert out[("A", "2000")] == 100 and out[("A", "2001")] == 75 and out[("B", "2001")] == pytest.approx(120)


def test_index_named_base() -> None:
    out = derive.index(series("A", {"2000": 50, "2001": 100, "2002": 150}), base_period="2001")
    assert out["value"].tolist() == [50, 100, 150]


def test_per_1000_uses_the_same_year() -> None:
    # Saarijärvi: 636 unemployed in 12/2019, population 9 341 at the end of 2019 → 68.087 per 1 000.
    out = derive.per_1000(series("KU729", {"2019-12": 636}), series("KU729", {"2019": 9341}))
    assert out["value"].iloc[0] == pytest.approx(68.0869, abs=1e-4)


def test_rolling_mean_needs_a_full_window() -> None:
    out = derive.rolling_mean(series("A", {"2000": 3, "2001": 6, "2002": 9, "2003": 0}))
    assert out["value"].isna().tolist()[:2] == [True, True]
    assert out["value"].tolist()[2:] == [6, 5]


def test_year_on_year_monthly_and_annual() -> None:
    out = derive.year_on_year(series("SK138", {"2022-10": 1250, "2023-09": 1300, "2023-10": 1266}))
    assert out.set_index("period").loc["2023-10", "value"] == 16
    assert pd.isna(out.set_index("period").loc["2023-09", "value"])  # no 2022-09 in the input
    annual = derive.year_on_year(series("A", {"2021": 28046, "2022": 27460}))
    assert annual["value"].tolist()[1] == -586


def test_dependency_ratio() -> None:
    # 1 000 residents of whom 600 are 15–64 → (1 000 − 600) / 600 × 100 = 66.67
    out = derive.dependency_ratio(series("A", {"2018": 1000}), series("A", {"2018": 600}))
    assert out["value"].iloc[0] == pytest.approx(66.6667, abs=1e-4)


def test_location_quotient_by_hand() -> None:
    jobs = pd.DataFrame({
        "area_code": ["SK", "SK", "MK", "MK"], "industry_code": ["A", "C", "A", "C"], "jobs": [300, 700, 500, 9500],
    })  # fmt: skip
    lq = derive.location_quotient(jobs, "SK", "MK").set_index("industry_code")
    # A: 30 % of SK jobs vs 5 % of MK jobs → 6.0; C: 70 % vs 95 % → 0.7368
    assert lq.loc["A", "location_quotient"] == pytest.approx(6.0)
    assert lq.loc["C", "location_quotient"] == pytest.approx(0.736842, abs=1e-6)
    assert lq.loc["A", "area_share"] == pytest.approx(30.0)


def test_shares_and_volatility() -> None:
    frame = pd.DataFrame({"g": ["x", "x"], "value": [1, 3]})
    assert derive.shares(frame, "share", ["g"])["share"].tolist() == [25, 75]
    assert derive.is_volatile(1698) and not derive.is_volatile(9208) and not derive.is_volatile(None)


def test_ranks_follow_the_direction() -> None:
    values = pd.Series([90.6, 102.0, None, 102.0, 66.0])
    assert derive.ranks(values, True).tolist() == [3, 1, pd.NA, 1, 4]  # ties share the better rank
    assert derive.ranks(values, False).tolist() == [2, 3, pd.NA, 3, 1]  # lower is better: smallest first
    assert derive.ranks(values, None).tolist() == [3, 1, pd.NA, 1, 4]  # no direction: size order


def test_ratio_percent_by_hand() -> None:
    # Saarijärvi 2017: 653 in-commuters of 2 931 jobs → 22.28 %; 2 931 jobs / 3 236 employed → 90.57 %
    assert derive.ratio_percent(653, 2931) == pytest.approx(22.2791, abs=1e-4)
    out = derive.ratio_percent(pd.Series([2931.0, 5.0]), pd.Series([3236.0, 0.0]))
    assert out.iloc[0] == pytest.approx(90.5748, abs=1e-4) and pd.isna(out.iloc[1])
    assert pd.isna(derive.ratio_percent(1, None)) and pd.isna(derive.ratio_percent(None, 5))


def test_fill_gaps_marks_missing_periods() -> None:
    monthly = series("KU265", {"2006-01": 0, "2006-02": 3, "2006-05": 1}).assign(status=None, source_table="12r5")
    out = derive.fill_gaps(monthly).set_index("period")
    assert out.index.tolist() == ["2006-01", "2006-02", "2006-03", "2006-04", "2006-05"]
    assert out.loc["2006-03", "status"] == ".." and pd.isna(out.loc["2006-04", "value"])
    assert out.loc["2006-01", "value"] == 0 and out.loc["2006-01", "status"] is None  # a published zero stays zero
    assert (out["area_code"] == "KU265").all() and (out["source_table"] == "12r5").all()
    yearly = derive.fill_gaps(series("A", {"1990": 1, "1993": 2}))
    assert yearly["period"].tolist() == ["1990", "1991", "1992", "1993"]


def test_changes_over_spans() -> None:
    # Saarijärvi: 9 589 (2017) → 8 975 (2022): −614 = −6.40 %; 2012 missing → no 10-year change.
    frame = series("KU729", {"2017": 9589, "2021": 9117, "2022": 8975})
    row = derive.changes(frame).iloc[0]
    assert row["period"] == "2022" and row["value"] == 8975
    assert row["change_1y"] == -142 and row["change_5y"] == -614
    assert row["change_5y_pct"] == pytest.approx(-6.4032, abs=1e-4)
    assert row["change_10y"] is None and row["change_10y_pct"] is None


def test_drop_leading_missing_keeps_later_gaps() -> None:
    frame = series("A", {"2000": None, "2001": 1, "2002": None, "2003": 2, "2004": None})
    out = derive.drop_leading_missing(pd.concat([frame, series("B", {"2000": None})]))
    assert out["period"].tolist() == ["2001", "2002", "2003", "2004"] and pd.isna(out["value"].iloc[1])
