"""Kuntavertailu's derived figures by hand: ranks, trend arrows, colour scores, suppression marks; the same-
period rule of compare_latest.sql; the map's GeoJSON."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from dashboard.comparison.map import feature_collection
from dashboard.comparison.table import rank_table, scored, value_text, wrap
from dashboard.core.warehouse import sql_text
from etl.load import SCHEMA_PATH

NB = "\u00a0"


def catalog() -> pd.DataFrame:
    return pd.DataFrame(
        {"unit": ["percent", "persons", "percent"], "higher_is_better": [True, None, False]},
        index=["self_sufficiency", "population", "unemployment"],
    )


def rows(indicator: str, values: dict[str, tuple[float | None, float | None]]) -> pd.DataFrame:
    return pd.DataFrame([{"indicator_id": indicator, "area_code": code, "period": "2017", "value": now,
                          "value_1y": before} for code, (now, before) in values.items()])  # fmt: skip


def test_ranks_trends_and_scores_among_the_focus_municipalities() -> None:
    # 2017 job self-sufficiency of four municipalities and the sub-region (not ranked), with 2016 values.
    data = rows("self_sufficiency", {"A": (106.4, 100.0), "B": (90.6, 92.4), "C": (66.0, 66.0), "D": (None, 80.0),
                                     "SK": (95.0, 95.5)})  # fmt: skip
    out = rank_table(data, catalog(), ["A", "B", "C", "D"]).set_index("area_code")
    assert out["rank"].tolist()[:3] == [1, 2, 3] and pd.isna(out.loc["D", "rank"]) and pd.isna(out.loc["SK", "rank"])
    assert (out["ranked"] == 3).all()  # three focus municipalities had a value
    assert out.loc["B", "change"] == pytest.approx(-1.8)
    assert (out.loc["A", "trend"], out.loc["A", "trend_color"]) == ("up", "green")
    assert (out.loc["B", "trend"], out.loc["B", "trend_color"]) == ("down", "red")
    assert (out.loc["C", "trend"], out.loc["C", "trend_color"]) == ("off", "gray")
    assert out.loc["A", "score"] == 1 and out.loc["B", "score"] == 0.5 and out.loc["C", "score"] == 0
    assert pd.isna(out.loc["SK", "score"])  # comparison areas take no rank colour


def test_lower_is_better_ranks_the_smallest_first() -> None:
    data = rows("unemployment", {"A": (6.4, 5.7), "B": (14.7, 14.1)})
    out = rank_table(data, catalog(), ["A", "B"]).set_index("area_code")
    assert out.loc["A", "rank"] == 1 and out.loc["A", "score"] == 1
    assert out.loc["B", "trend_color"] == "red"  # unemployment rose: bad news


def test_counts_are_ordered_but_not_coloured() -> None:
    data = rows("population", {"A": (8975, 9117), "B": (1064, 1088)})
    out = rank_table(data, catalog(), ["A", "B"]).set_index("area_code")
    assert out.loc["A", "rank"] == 1 and out["score"].isna().all()
    assert out.loc["A", "trend_color"] == "gray"  # population: neither good nor bad per se
    assert scored("percent", True) and not scored("persons", True) and not scored("percent", None)


def test_value_text_shows_marks_not_zeros() -> None:
    assert value_text(90.574784, None, "percent", 1, "fi") == f"90,6{NB}%"
    assert value_text(None, "..", "persons", 0, "fi") == ".."
    assert value_text(float("nan"), None, "persons", 0, "fi") == "Ei tietoa"
    assert value_text(float("nan"), None, "persons", 0, "en") == "No data"


def test_wrap_breaks_at_spaces_and_hyphens() -> None:
    assert wrap("Saarijärvi-Viitasaari", 11) == "Saarijärvi-<br>Viitasaari"
    assert wrap("Koko maa", 11) == "Koko maa"


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    con.execute("""
        INSERT INTO dim_indicator (indicator_id, label_fi, label_sv, label_en, unit, decimals, frequency,
            description_fi, description_sv, description_en, source_table, source_name, publisher, licence, additive)
        VALUES ('pop','Väki','Folk','Pop','persons',0,'year','d','d','d','t','s','p','CC BY 4.0',true),
               ('unemp','Työttömät','Arb','Unemp','persons',0,'month','d','d','d','t','s','p','CC BY 4.0',true);
        INSERT INTO dim_area (area_code, name_fi, name_sv, name_en, level, parent_code, is_focus, sort_order)
        VALUES ('KU001','A','A','A','municipality','SK1',true,0), ('KU002','B','B','B','municipality','SK1',true,1),
               ('SK1','S','S','S','subregion','MK1',false,2);
    """)  # fmt: skip
    facts = [
        ("pop", "KU001", "2022", 110),
        ("pop", "KU001", "2021", 112),
        ("pop", "KU002", "2022", 50),
        ("pop", "SK1", "2018", 170),
        ("pop", "SK1", "2017", 171),  # the sub-region ends earlier
        ("unemp", "KU001", "2023-10", 40),
        ("unemp", "KU001", "2022-10", 50),
        ("unemp", "SK1", "2023-10", 90),
    ]
    for ind, area, period, value in facts:
        con.execute(
            "INSERT INTO fact_indicator (indicator_id, area_code, period, value, status, is_derived, source_table, vintage) VALUES (?,?,?,?,NULL,false,'t','v')",
            [ind, area, period, value],
        )
    return con


def test_compare_latest_uses_one_period_per_indicator(con: duckdb.DuckDBPyConnection) -> None:
    out = con.execute(sql_text("compare_latest"), {"indicator_ids": ["pop", "unemp"],
                      "area_codes": ["KU001", "KU002", "SK1"], "focus_codes": ["KU001", "KU002"]}).df()  # fmt: skip
    pop = out[out["indicator_id"] == "pop"].set_index("area_code")
    assert set(pop["period"]) == {"2022"}
    assert pop.loc["KU001", "value"] == 110 and pop.loc["KU001", "value_1y"] == 112
    assert pd.isna(pop.loc["SK1", "value"])  # its 2018 value is not shown as if it were 2022
    assert pd.isna(pop.loc["KU002", "value_1y"])
    unemp = out[out["indicator_id"] == "unemp"].set_index("area_code")
    assert unemp.loc["KU001", "period_1y"] == "2022-10" and unemp.loc["KU001", "value_1y"] == 50
    assert unemp.loc["SK1", "value"] == 90 and pd.isna(unemp.loc["KU002", "value"])


def test_feature_collection_ids_match_locations() -> None:
    geo = pd.DataFrame({"area_code": ["KU001"], "geometry": [json.dumps({"type": "Polygon", "coordinates": [[
        [25.0, 62.0], [25.1, 62.0], [25.1, 62.1], [25.0, 62.0]]]})]})  # fmt: skip
    features = feature_collection(geo)["features"]
    assert features[0]["id"] == "KU001" and features[0]["geometry"]["type"] == "Polygon"
