"""Derived figures: source precedence, sums over members, ratios — each checked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import transform

CATALOG = {
    "population": {"additive": True}, "unemployed_jobseekers": {"additive": True},
    "labour_force": {"additive": True}, "unemployment_rate": {"additive": False},
    "jobs": {"additive": True}, "employed_residents": {"additive": True},
    "job_self_sufficiency": {"additive": False}, "commuting_balance": {"additive": False},
}  # fmt: skip
MEMBERS = {"SK1": ["KU001", "KU002"], "MK1": ["KU001", "KU002", "KU003"]}


def fact(indicator: str, area: str, period: str, value: float, source: str = "t1", vintage: str = "2020") -> dict:
    return {"indicator_id": indicator, "area_code": area, "period": period, "value": value, "status": None,
            "source_table": source, "vintage": vintage}  # fmt: skip


def test_combine_keeps_the_first_source_for_a_key() -> None:
    live = pd.DataFrame([fact("population", "KU001", "2020", 101, "live")])
    snap = pd.DataFrame([fact("population", "KU001", "2020", 100), fact("population", "KU001", "2019", 99)])
    out = transform.combine([live, snap], transform.FACT_KEY).set_index("period")
    assert out.loc["2020", "value"] == 101 and out.loc["2020", "source_table"] == "live"
    assert out.loc["2019", "value"] == 99


def test_aggregates_only_when_every_member_is_present() -> None:
    facts = pd.DataFrame([fact("population", "KU001", "2020", 10), fact("population", "KU002", "2020", 5),
                          fact("population", "KU001", "2021", 11)])  # fmt: skip
    out = transform.build_facts([facts], MEMBERS, CATALOG).set_index(["area_code", "period"])
    assert out.loc[("SK1", "2020"), "value"] == 15 and bool(out.loc[("SK1", "2020"), "is_derived"])
    assert ("SK1", "2021") not in out.index  # KU002 missing in 2021: no partial sum
    assert ("MK1", "2020") not in out.index  # KU003 missing
    assert not out.loc[("KU001", "2020"), "is_derived"]


def test_published_total_is_not_overwritten() -> None:
    facts = pd.DataFrame([fact("unemployed_jobseekers", "KU001", "2020-01", 10),
                          fact("unemployed_jobseekers", "KU002", "2020-01", 5),
                          fact("unemployed_jobseekers", "SK1", "2020-01", 15, "published")])  # fmt: skip
    out = transform.build_facts([facts], MEMBERS, CATALOG).set_index(["area_code", "period"])
    assert out.loc[("SK1", "2020-01"), "source_table"] == "published"
    assert not out.loc[("SK1", "2020-01"), "is_derived"]


def test_unemployment_rate_by_hand() -> None:
    # SK138 in 2023-10: 1 266 unemployed of a labour force of 11 050 → 11.457 %.
    facts = pd.DataFrame([fact("unemployed_jobseekers", "SK1", "2023-10", 1266),
                          fact("labour_force", "SK1", "2023-10", 11050)])  # fmt: skip
    out = transform.build_facts([facts], {}, CATALOG)
    rate = out[out["indicator_id"] == "unemployment_rate"].iloc[0]
    assert rate["value"] == pytest.approx(100 * 1266 / 11050) == pytest.approx(11.4570, abs=1e-4)
    assert rate["is_derived"] and rate["source_table"] == "t1"


def test_self_sufficiency_and_balance_by_hand() -> None:
    # Saarijärvi 2017: 2 931 jobs, 3 236 employed residents (PROVENANCE checks).
    facts = pd.DataFrame([fact("jobs", "KU729", "2017", 2931), fact("employed_residents", "KU729", "2017", 3236)])
    out = transform.build_facts([facts], {}, CATALOG).set_index("indicator_id")
    assert out.loc["job_self_sufficiency", "value"] == pytest.approx(90.5748, abs=1e-4)
    assert out.loc["commuting_balance", "value"] == -305


def test_zero_denominator_gives_no_ratio() -> None:
    facts = pd.DataFrame(
        [fact("unemployed_jobseekers", "KU001", "2020-01", 3), fact("labour_force", "KU001", "2020-01", 0)]
    )
    out = transform.build_facts([facts], {}, CATALOG)
    assert "unemployment_rate" not in set(out["indicator_id"])


def test_missing_value_gets_a_status_not_a_zero() -> None:
    facts = pd.DataFrame([fact("population", "KU001", "2020", float("nan"))])
    out = transform.build_facts([facts], {}, CATALOG)
    assert out.iloc[0]["status"] == ".." and pd.isna(out.iloc[0]["value"])


def test_output_order_is_deterministic() -> None:
    rows = [fact("population", f"KU00{i}", "2020", i) for i in (3, 1, 2)]
    a = transform.build_facts([pd.DataFrame(rows)], MEMBERS, CATALOG)
    b = transform.build_facts([pd.DataFrame(rows[::-1])], MEMBERS, CATALOG)
    pd.testing.assert_frame_equal(a, b)


def test_single_year_ages_are_grouped_into_the_snapshot_bands() -> None:
    rows = [{"area_code": "KU001", "year": 2024, "age_group": str(age), "population": 1.0, "source_table": "11re",
             "vintage": "2025"} for age in range(100)]  # fmt: skip
    rows.append({"area_code": "KU001", "year": 2024, "age_group": "100-", "population": 2.0, "source_table": "11re",
                 "vintage": "2025"})  # fmt: skip
    out = transform.group_ages(pd.DataFrame(rows)).set_index("age_group")["population"]
    assert out["0-17"] == 18 and out["18-24"] == 7 and out["75-"] == 25 + 2
    assert out.sum() == 102 and len(out) == 8


def test_incomplete_band_is_dropped_not_understated() -> None:
    rows = [
        {
            "area_code": "KU001",
            "year": 2024,
            "age_group": age,
            "population": 5.0,
            "source_table": "11re",
            "vintage": "2025",
        }
        for age in ("SSS", "000", "001", "018", "019", "020", "021", "022", "023", "024")
    ]
    out = transform.group_ages(pd.DataFrame(rows)).set_index("age_group")["population"]
    assert out.to_dict() == {"18-24": 35.0}  # 0-17 has only two of its 18 years: no row; the total is ignored


def test_final_beats_preliminary_and_sums_of_preliminary_are_preliminary():
    import pandas as pd

    from etl import transform

    row = {"indicator_id": "population", "period": "2024", "status": None, "vintage": "v"}
    prelim = pd.DataFrame([{**row, "area_code": "KU1", "value": 10.0, "source_table": "11lj", "is_preliminary": True},
                           {**row, "area_code": "KU2", "value": 5.0, "source_table": "11lj", "is_preliminary": True}])  # fmt: skip
    final = pd.DataFrame([{**row, "area_code": "KU1", "value": 11.0, "source_table": "11re", "is_preliminary": False}])
    combined = transform.combine([prelim, final], transform.FACT_KEY).set_index("area_code")
    assert combined.loc["KU1", "value"] == 11 and not combined.loc["KU1", "is_preliminary"]  # final wins, though later
    summed = transform.add_aggregates(combined.reset_index(), {"SK1": ["KU1", "KU2"]}, transform.FACT_KEY, "value",
                                      ["source_table", "vintage"]).set_index("area_code")  # fmt: skip
    assert summed.loc["SK1", "value"] == 16 and summed.loc["SK1", "is_preliminary"]  # KU2 is still preliminary
    assert summed.loc["SK1", "source_table"] == "11lj, 11re" and summed.loc["SK1", "is_derived"]
