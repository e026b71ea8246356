"""Issue 15, ETL side: the 1972–2026 snapshot in the warehouse, honest about final/preliminary and gaps.

Every expected figure is read from the shipped files themselves (data/snapshot/, the CSVs of
statfin_2023_2026 and the verbatim 2026 json exports) or their PROVENANCE.statfin_2023_2026.md.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.build import REPO, Paths, build
from etl.load import current_path

pytestmark = pytest.mark.integration

FOCUS = ["KU216", "KU226", "KU256", "KU265", "KU312", "KU601", "KU729", "KU931"]


def rows(data_dir: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(current_path(data_dir / "warehouse")), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def fact(data_dir: Path, indicator: str, area: str, period: str) -> tuple:
    """(value, status, is_derived, is_preliminary, source_table) of one fact; fails if it is absent."""
    found = rows(data_dir, "SELECT value, status, is_derived, is_preliminary, source_table FROM fact_indicator "
                 "WHERE indicator_id = ? AND area_code = ? AND period = ?", [indicator, area, period])  # fmt: skip
    assert len(found) == 1, f"{indicator} {area} {period}: {found}"
    return found[0]


def periods(data_dir: Path, indicator: str, area: str, low: str, high: str) -> list[str]:
    return [r[0] for r in rows(data_dir, "SELECT period FROM fact_indicator WHERE indicator_id = ? AND area_code = ? "
                               "AND period BETWEEN ? AND ? ORDER BY period", [indicator, area, low, high])]  # fmt: skip


def test_final_population_1972_2023_for_all_of_finland(built_data_dir: Path) -> None:
    # population_by_municipality_1972_2023_statfin_11re.csv (PROVENANCE: "729 = 8 847", "Kyyjärvi 1980 = 1 952")
    assert fact(built_data_dir, "population", "KU729", "2023") == (8847, None, False, False, "11re")
    assert fact(built_data_dir, "population", "KU312", "1980")[0] == 1952
    assert fact(built_data_dir, "population", "KU091", "2023")[0] == 674500  # Helsinki: outside the region
    assert fact(built_data_dir, "population", "SK138", "2022")[:3] == (27460, None, True)  # derived sum
    municipalities = rows(built_data_dir, "SELECT count(DISTINCT area_code) FROM fact_indicator "
                          "WHERE indicator_id = 'population' AND period = '2023' AND area_code LIKE 'KU%'")[0][0]  # fmt: skip
    # 308 municipalities of 2026 less Mäntyharju, whose 2024-division figure is not the 2026 KU507
    assert municipalities == 307
    assert not periods(built_data_dir, "population", "KU507", "1972", "2023")
    assert fact(built_data_dir, "population", "KU507", "2025")[0] == 7034  # 2026 division (with Pertunmaa)


def test_preliminary_11lj_is_marked_and_propagates(built_data_dir: Path) -> None:
    # 11lj CSV: "729,Saarijärvi,2024-12,8856,preliminary"; the December value is the preliminary 31.12.2024
    assert fact(built_data_dir, "population_month", "KU729", "2024-12") == (8856, None, False, True, "11lj")
    assert fact(built_data_dir, "population_month", "KU729", "2025-01")[0] == 8849
    assert fact(built_data_dir, "population", "KU729", "2024") == (8856, None, False, True, "11lj")
    _, _, derived, preliminary, _ = fact(built_data_dir, "population", "SK138", "2024")
    assert derived and preliminary  # a sum of preliminary members is preliminary
    assert not any(fact(built_data_dir, "population", area, "2023")[3] for area in [*FOCUS, "SK138"])


def test_final_figure_replaces_a_preliminary_one(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = pd.DataFrame([{"indicator_id": "population", "area_code": "KU729", "period": "2024", "value": 8850.0,
                          "status": None, "source_table": "11re", "vintage": "2027-04-30", "is_preliminary": False}])  # fmt: skip
    monkeypatch.setattr("etl.build.read_live", lambda raw_dir: {"fact_indicator": live})
    build(Paths(data_dir=data_dir, snapshot_dir=REPO / "data" / "snapshot", region_file=REPO / "region.toml"),
          show_progress=False)  # fmt: skip
    # final wins over the snapshot's preliminary figure (the test value 8 850 is made up, never shipped)
    assert fact(data_dir, "population", "KU729", "2024") == (8850, None, False, False, "11re")
    # the other seven are still preliminary, so their sub-region sum is too
    assert fact(data_dir, "population", "KU216", "2024")[3] is True
    assert fact(data_dir, "population", "SK138", "2024")[2:4] == (True, True)


def test_published_subregion_rows_are_kept_as_published(built_data_dir: Path) -> None:
    # age_register_kunnat_11ra.json: {"key": ["SK138", "2025"], "values": ["26387", "11.9", "38.7", "52.2"]}
    assert fact(built_data_dir, "population", "SK138", "2025") == (26387, None, False, False, "11ra")
    assert fact(built_data_dir, "share_under_15", "SK138", "2025")[:3] == (11.9, None, False)
    assert fact(built_data_dir, "share_aged_65_plus", "SK138", "2025")[:3] == (38.7, None, False)
    assert fact(built_data_dir, "mean_age", "SK138", "2025")[:3] == (52.2, None, False)
    assert fact(built_data_dir, "mean_age", "MK13", "2025")[:3] == (44.6, None, False)
    # sex_register_kunnat_11re.json: Saarijärvi 31.12.2025 = 8 763 (11re wins over 11ra's equal figure)
    assert fact(built_data_dir, "population", "KU729", "2025") == (8763, None, False, False, "11re")
    # ratios and means are never summed: no derived mean age or income median anywhere
    assert rows(built_data_dir, "SELECT count(*) FROM fact_indicator WHERE is_derived AND indicator_id IN "
                "('mean_age', 'share_under_15', 'median_disposable_income', 'low_income_rate', "
                "'gini_disposable_income')")[0][0] == 0  # fmt: skip


def test_2026_06_employment_service_figures(built_data_dir: Path) -> None:
    # unemployment_register_kunnat_12r5.json, 2026M06
    assert fact(built_data_dir, "unemployed_jobseekers", "KU729", "2026-06") == (585, None, False, False, "12r5")
    assert fact(built_data_dir, "unemployment_rate", "KU729", "2026-06")[:3] == (16.4, None, False)
    assert fact(built_data_dir, "unemployment_rate", "SK138", "2026-06")[:3] == (14.5, None, False)
    assert fact(built_data_dir, "unemployed_jobseekers", "SK138", "2026-06")[:3] == (1542, None, False)
    value, status, *_ = fact(built_data_dir, "new_vacancies", "KU256", "2026-06")
    assert value is None and status == "..."  # suppressed in the source, not a zero


def test_gaps_stay_gaps(built_data_dir: Path) -> None:
    # counts end 2023-10 (unemployment_monthly_2006_2023), the rate runs to 2025-01, then only 2026-06
    assert periods(built_data_dir, "unemployed_jobseekers", "KU729", "2023-09", "2026-12") == ["2023-09", "2023-10",
                                                                                              "2026-06"]  # fmt: skip
    rate = periods(built_data_dir, "unemployment_rate", "KU729", "2024-11", "2026-12")
    assert rate == ["2024-11", "2024-12", "2025-01", "2026-06"]
    assert fact(built_data_dir, "unemployment_rate", "KU729", "2025-01")[:3] == (16.2, None, False)
    # SK138 has no published rate before 2026-06; sums of counts end 2023-10: nothing is bridged
    assert periods(built_data_dir, "unemployment_rate", "SK138", "2023-11", "2026-05") == []
    assert not periods(built_data_dir, "population", "KU729", "2026", "2030")
    # 12r5 rate for every municipality of Finland in 2025-01
    assert rows(built_data_dir, "SELECT count(*) FROM fact_indicator WHERE indicator_id = 'unemployment_rate' "
                "AND period = '2025-01' AND area_code LIKE 'KU%'")[0][0] == 308  # fmt: skip


def test_new_indicators_have_swedish_definitions_and_release_rhythm(built_data_dir: Path) -> None:
    missing = rows(built_data_dir, "SELECT indicator_id FROM dim_indicator WHERE coalesce(description_sv, '') = '' "
                   "OR description_sv = description_fi")  # fmt: skip
    assert missing == []
    assert rows(built_data_dir, "SELECT release_rhythm FROM dim_indicator WHERE indicator_id = 'unemployment_rate'") \
        == [("monthly",)]  # fmt: skip
    release = rows(built_data_dir, "SELECT newest_period, publisher_updated, next_period, next_release_due, "
                   "is_preliminary FROM meta_source_release WHERE source_id = ?", ["pxweb_2026_12r5"])  # fmt: skip
    assert release == [("2026-06", date(2026, 7, 21), "2026-07", date(2026, 8, 21), False)]
    prelim = rows(built_data_dir, "SELECT newest_period, is_preliminary FROM meta_source_release "
                  "WHERE source_id = 'population_month_11lj'")  # fmt: skip
    assert prelim == [("2025-01", True)]
    assert rows(built_data_dir, "SELECT release_rhythm FROM meta_release WHERE source_table = '11re'") == [("yearly",)]


def test_jamsa_configuration_attributes_jamsa_projects_to_jamsa(jamsa_warehouse: Path) -> None:
    data_dir = jamsa_warehouse  # tests/conftest.py: the snapshot built with a Jämsä region.toml only
    jamsa = rows(data_dir, "SELECT p.name, p.implementer, a.basis FROM fact_eu_project_area a "
                 "JOIN fact_eu_project p USING (project_id) WHERE a.area_code = 'KU182'")  # fmt: skip
    assert jamsa and all("_rule" in basis for _, _, basis in jamsa)
    assert all("jämsä" in f"{name} {implementer}".lower() for name, implementer, _ in jamsa)
    # the shipped lists' x_focus8 match (made for SK138's eight) attributes nothing under this configuration
    compiled = rows(data_dir, "SELECT count(*) FROM fact_eu_project_area WHERE basis IN "
                    "('implementer_name', 'project_name', 'implementer_org_witas')")[0][0]  # fmt: skip
    assert compiled == 0


def test_default_configuration_keeps_the_compiled_match(built_data_dir: Path) -> None:
    assert rows(built_data_dir, "SELECT count(*) FROM fact_eu_project_area WHERE area_code = 'KU729' "
                "AND basis = 'implementer_name'")[0][0] > 0  # fmt: skip
    assert rows(built_data_dir, "SELECT count(*) FROM fact_eu_project_area WHERE area_code = 'KU182'")[0][0] == 0


def test_subregion_outside_keski_suomi_by_configuration(yla_savo_warehouse: Path) -> None:
    """Ylä-Savo (SK111, Pohjois-Savo MK11): built from region.toml alone, with its published rows."""
    data_dir = yla_savo_warehouse  # tests/conftest.py
    focus = ["140", "239", "263", "402", "595", "762", "925"]
    assert rows(data_dir, "SELECT string_agg(area_code, ',' ORDER BY area_code) FROM dim_area WHERE is_focus") \
        == [(",".join(f"KU{c}" for c in focus),)]  # fmt: skip
    # age_register_kunnat_11ra.json: SK111 2025 = 48 874, mean age 49.2 (published rows)
    assert fact(data_dir, "population", "SK111", "2025")[:3] == (48874, None, False)
    assert fact(data_dir, "mean_age", "SK111", "2025")[0] == 49.2
    # unemployment_register_kunnat_12r5.json: SK111 2026M06 2 418 unemployed, 11.4 %
    assert fact(data_dir, "unemployed_jobseekers", "SK111", "2026-06")[0] == 2418
    assert fact(data_dir, "unemployment_rate", "SK111", "2026-06")[0] == 11.4
    # the final 2023 series for the focus municipalities, and their derived 2023 sum
    assert all(fact(data_dir, "population", f"KU{c}", "2023")[0] > 0 for c in focus)
    assert fact(data_dir, "population", "SK111", "2023")[2] is True
