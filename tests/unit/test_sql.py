"""The dashboard's named SQL files, run on an in-memory DuckDB with the warehouse schema."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.core.sqlfiles import sql_text
from etl.load import SCHEMA_PATH


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    con.execute("""
        INSERT INTO dim_area VALUES ('KU001','A','A','A','municipality','SK1',true,0),
                                    ('SK1','S','S','S','subregion','MK1',false,1);
        INSERT INTO dim_indicator (indicator_id, label_fi, label_sv, label_en, unit, decimals, frequency,
            description_fi, description_sv, description_en, source_table, source_name, publisher, licence, additive)
        VALUES ('pop','Väki','Folk','Pop','persons',0,'year','d','d','d','t','s','p','CC BY 4.0',true),
               ('unemp','Työttömät','Arb','Unemp','persons',0,'month','d','d','d','t','s','p','CC BY 4.0',true);
    """)
    for year, value in [(2012, 90), (2016, 95), (2017, 100), (2018, 101), (2022, 110)]:
        con.execute(
            "INSERT INTO fact_indicator (indicator_id, area_code, period, value, status, is_derived, source_table, vintage) VALUES ('pop','KU001',?,?,NULL,false,'t','v1')",
            [str(year), value],
        )
    for month, value in [("2022-10", 50), ("2023-09", 44), ("2023-10", 40), ("2018-10", 70)]:
        con.execute(
            "INSERT INTO fact_indicator (indicator_id, area_code, period, value, status, is_derived, source_table, vintage) VALUES ('unemp','SK1',?,?,NULL,true,'t','v2')",
            [month, value],
        )
    return con


def test_latest_with_one_and_five_years_back(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(sql_text("latest"), {"indicator_ids": ["pop", "unemp"], "area_codes": ["KU001", "SK1"]}).df()
    pop = rows[rows["indicator_id"] == "pop"].iloc[0]
    assert (pop["period"], pop["value"], pop["period_5y"], pop["value_5y"]) == ("2022", 110, "2017", 100)
    assert pop["value_1y"] != pop["value_1y"]  # 2021 missing → NULL, not a neighbouring year
    unemp = rows[rows["indicator_id"] == "unemp"].iloc[0]
    assert (unemp["period"], unemp["period_1y"], unemp["value_1y"]) == ("2023-10", "2022-10", 50)
    assert (unemp["period_5y"], unemp["value_5y"]) == ("2018-10", 70)


def test_series_filters_by_parameters(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(sql_text("series"), {"indicator_id": "pop", "area_codes": ["KU001"]}).df()
    assert rows["period"].tolist() == ["2012", "2016", "2017", "2018", "2022"]
    hostile = con.execute(sql_text("series"), {"indicator_id": "pop' OR '1'='1", "area_codes": ["KU001"]}).df()
    assert hostile.empty  # parameters, not string building


def test_indicators_reports_coverage(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(sql_text("indicators")).df().set_index("indicator_id")
    assert (rows.loc["pop", "first_period"], rows.loc["pop", "last_period"]) == ("2012", "2022")
    assert rows.loc["unemp", "vintages"] == "v2"


def test_areas_only_lists_areas_with_data(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO dim_area VALUES ('KU002','B','B','B','municipality','SK1',false,2)")
    assert con.execute(sql_text("areas")).df()["area_code"].tolist() == ["KU001", "SK1"]
