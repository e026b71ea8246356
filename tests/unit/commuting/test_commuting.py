"""Derived commuting figures by hand: the stocks behind the Sankey, shares, employment-area totals, the
live-flow selection, the employment-area classification and the named SQL behind the page."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dashboard.commuting.area import area_totals
from dashboard.commuting.flows import stock_links, stock_shares, top_flows
from dashboard.core.warehouse import sql_text
from etl import region as region_mod
from etl.load import SCHEMA_PATH
from etl.sources import snapshot

# Saarijärvi 2017 as published in 115n/115p (checked against the warehouse in tests/app).
SAARIJARVI_2017 = {"employed_residents": 3236, "residents_working_in_home_municipality": 2278, "out_commuters": 958,
                   "in_commuters": 653, "jobs": 2931}  # fmt: skip


def test_stock_links_are_the_published_counts() -> None:
    links = stock_links(SAARIJARVI_2017).set_index("indicator_id")
    assert links.loc["residents_working_in_home_municipality", ["source", "target", "persons"]].tolist() == [
        "residents", "jobs", 2278]  # fmt: skip
    assert links.loc["out_commuters", "target"] == "elsewhere" and links.loc["out_commuters", "persons"] == 958
    assert links.loc["in_commuters", "source"] == "incoming" and links.loc["in_commuters", "persons"] == 653
    # What leaves the residents' node is all employed residents; what enters the jobs node is all jobs.
    assert links[links["source"] == "residents"]["persons"].sum() == 3236
    assert links[links["target"] == "jobs"]["persons"].sum() == 2931


def test_stock_shares_by_hand() -> None:
    shares = stock_shares(SAARIJARVI_2017)
    assert shares["home_share"] == pytest.approx(100 * 2278 / 3236)  # 70.40 %
    assert shares["out_share"] == pytest.approx(29.6044, abs=1e-4)  # 958 / 3 236
    assert shares["in_share_of_jobs"] == pytest.approx(22.2791, abs=1e-4)  # 653 / 2 931
    assert round(shares["self_sufficiency"], 1) == 90.6  # 2 931 / 3 236
    assert pd.isna(stock_shares({"jobs": 10, "employed_residents": 0})["self_sufficiency"])


def test_employment_area_totals_sum_only_additive_counts() -> None:
    members = pd.DataFrame({"jobs": [2931.0, 7053.0], "employed_residents": [3236.0, 6839.0]})
    totals = area_totals(members)
    assert (totals["jobs"], totals["employed_residents"]) == (9984.0, 10075.0)
    assert totals["commuting_balance"] == -91.0
    assert totals["job_self_sufficiency"] == pytest.approx(100 * 9984 / 10075)
    assert "out_commuters" not in totals  # not additive: never summed


def test_employment_area_totals_refuse_a_partial_sum() -> None:
    members = pd.DataFrame({"jobs": [2931.0, None], "employed_residents": [3236.0, 6839.0]})
    assert all(pd.isna(v) for v in area_totals(members).values())


def test_top_flows_drop_stayers_and_keep_the_largest() -> None:
    flows = pd.DataFrame({
        "home_area_code": ["KU001", "KU001", "KU002", "KU003", "KU002"],
        "work_area_code": ["KU001", "KU002", "KU001", "KU001", "KU003"],
        "persons": [900, 50, 70, 50, 10],
    })  # fmt: skip
    top = top_flows(flows, limit=3)
    assert list(zip(top["home_area_code"], top["work_area_code"])) == [("KU002", "KU001"), ("KU001", "KU002"),
                                                                       ("KU003", "KU001")]  # fmt: skip


def test_employment_area_27_from_the_2026_classification() -> None:
    classification = snapshot.read_classification(snapshot.SNAPSHOT_DIR, snapshot.load_sources())
    areas = region_mod.employment_areas(classification, "luokitukset", "2026-03").set_index("area_code")
    assert areas.loc["KU729", "employment_area_code"] == "27"
    assert areas.loc["KU729", "name_fi"] == "Pohjoinen Keski-Suomi"
    assert areas.loc["KU729", "name_en"] == "Northern Central Finland"
    members = areas[areas["employment_area_code"] == "27"].index
    assert len(members) == 13 and "KU992" in members and "KU179" not in members  # Jyväskylä is area 9
    assert areas.loc["KU179", "name_fi"] == "Jyväskylä-Muurame"
    assert areas["source_table"].eq("luokitukset").all() and len(areas) == len(classification)


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    con.execute("""
        INSERT INTO dim_area (area_code, name_fi, name_sv, name_en, level, parent_code, is_focus, sort_order)
        VALUES ('KU001','A','A','A','municipality','SK1',true,0), ('KU002','B','B','B','municipality','SK1',false,1),
               ('KU003','C','C','C','municipality','SK2',false,2);
        INSERT INTO dim_employment_area VALUES ('KU001','7','Testialue','Testområde','Test area','t','v'),
               ('KU002','7','Testialue','Testområde','Test area','t','v'), ('KU003','8','Muu','Annan','Other','t','v');
        INSERT INTO fact_commuting_flow VALUES ('KU001','KU002',2017,40,'TEST','test'),
               ('KU002','KU001',2017,25,'TEST','test'), ('KU001','KU001',2017,500,'TEST','test'),
               ('KU002','KU003',2017,9,'TEST','test'), ('KU001','KU002',2016,38,'TEST','test');
    """)  # fmt: skip
    return con


def test_flows_sql_keeps_one_year_and_the_requested_areas(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(sql_text("commuting_flows"), {"year": 2017, "area_codes": ["KU001"]}).df()
    assert list(zip(rows["home_area_code"], rows["work_area_code"], rows["persons"])) == [
        ("KU001", "KU002", 40),
        ("KU002", "KU001", 25),
    ]  # stayers and KU002→KU003 left out
    assert rows["home_name_fi"].tolist() == ["A", "B"]
    years = con.execute(sql_text("commuting_flow_years")).df()["year"].tolist()
    assert years == [2016, 2017]


def test_employment_areas_sql_lists_every_member(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(sql_text("commuting_employment_areas"), {"area_codes": ["KU001"]}).df()
    assert rows["area_code"].tolist() == ["KU001", "KU002"] and set(rows["employment_area_code"]) == {"7"}
