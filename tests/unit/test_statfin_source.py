"""etl.sources.statfin: variable discovery, query building, archive + manifest, archive → warehouse rows.

Real fixtures: the June-2026-format 11re metadata and the pre-2026 11rc json-stat2 response. Everything
else is SYNTHETIC test data built here or in tests/fixtures/pxweb/ (made-up numbers, real shapes).
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import math
from pathlib import Path

import numpy as np
import pytest

from etl.pxweb import PxResponse
from etl.sources import statfin
from etl.sources.statfin import archive_response, build_selections, fetch_tables, load_archived, read_manifest
from etl.sources.statfin_spec import StatFinError, load_specs
from etl.sources.statfin_vars import discover, match_content, variables_from_jsonstat, variables_from_metadata

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
META_11RE_2026 = FIXTURES / "fixture_pxweb_v1_statfin_11re_2026codes_metadata.json"
REAL_11RC = FIXTURES / "fixture_pxweb_v1_statfin_11rc_jsonstat2_response.json"
SYN_11RE = FIXTURES / "pxweb" / "synthetic_11re_2026codes_jsonstat2_response.json"
SYN_12R5 = FIXTURES / "pxweb" / "synthetic_12r5_oldcodes_monthly_jsonstat2_response.json"
AREAS = ["KU216", "KU226", "KU256", "KU265", "KU312", "KU601", "KU729", "KU931", "SK138", "MK13", "SSS"]
INDICATORS = {
    "population",
    "net_migration",
    "in_migration",
    "out_migration",
    "live_births",
    "deaths",
    "natural_increase",
    "population_projection",
    "employed_residents",
    "out_commuters",
    "residents_working_in_home_municipality",
    "jobs",
    "in_commuters",
    "job_self_sufficiency",
    "employment_rate",
    "unemployed_jobseekers",
    "open_vacancies",
    "unemployment_rate",
} | {  # issue 15: contents proven by the 2026 json exports (11ra, 121w, 12r5, 14ww, 12bs) and 11lj/12w7
    "population_month", "net_migration_month", "share_under_15", "share_aged_65_plus", "mean_age", "immigration",
    "emigration", "net_international_migration", "total_net_migration", "population_change",
    "median_disposable_income", "median_personal_disposable_income", "low_income_rate", "low_income_rate_children",
    "persistent_low_income_rate", "gini_disposable_income", "population_15_plus", "tertiary_educated",
    "no_post_basic_educated", "share_higher_education", "share_no_post_basic_education", "labour_force",
    "jobseekers", "unemployed_men", "unemployed_women", "unemployed_under_25", "unemployed_over_50",
    "long_term_unemployed", "unemployed_foreign_nationals", "laid_off_full_time", "new_vacancies",
}  # fmt: skip


@pytest.fixture(scope="module")
def specs():
    return load_specs()


@pytest.fixture
def meta_2026() -> dict:
    return json.loads(META_11RE_2026.read_text(encoding="utf-8"))


def old_format_metadata() -> dict:
    """SYNTHETIC pre-2026 metadata: the real 11rc response's dimensions plus a made-up area variable."""
    doc = json.loads(REAL_11RC.read_text(encoding="utf-8"))
    variables = [
        {
            "code": "Alue",
            "text": "Alue",
            "values": ["SSS", "KU216"],
            "valueTexts": ["KOKO MAA", "Kannonkoski"],
        }
    ]
    for dim_id in doc["id"]:
        category = doc["dimension"][dim_id]["category"]
        codes = sorted(category["index"], key=category["index"].get)
        var = {
            "code": dim_id,
            "text": doc["dimension"][dim_id]["label"],
            "values": codes,
            "valueTexts": [category["label"][c] for c in codes],
        }
        if dim_id == "Vuosi":
            var["time"] = True
        variables.append(var)
    return {"title": "SYNTHETIC old-format metadata derived from the 11rc fixture", "variables": variables}


def make_doc(variables: list[dict], selections: dict[str, list[str]], *, updated: str = "2025-03-28T05:00:00Z") -> dict:
    """SYNTHETIC json-stat2 answer to ``selections`` over metadata ``variables``; value = cell number."""
    ids = [v["code"] for v in variables if v["code"] in selections]
    dims, roles = {}, {"time": [], "metric": [], "geo": []}
    for var in variables:
        if var["code"] not in selections:
            continue
        texts = dict(zip(var["values"], var.get("valueTexts", var["values"]), strict=True))
        codes = selections[var["code"]]
        dims[var["code"]] = {
            "label": var["text"],
            "category": {"index": codes, "label": {c: texts[c] for c in codes}},
        }
        if var.get("time"):
            roles["time"].append(var["code"])
        if "map" in var:
            roles["geo"].append(var["code"])
        if var["code"] in ("contentscode", "Tiedot"):
            roles["metric"].append(var["code"])
    size = [len(selections[i]) for i in ids]
    return {
        "class": "dataset",
        "version": "2.0",
        "label": "SYNTHETIC TEST DATA",
        "updated": updated,
        "role": roles,
        "id": ids,
        "size": size,
        "dimension": dims,
        "value": [float(i) for i in range(math.prod(size))],
    }


def px(doc: dict, url: str, fetched_at: str, body: dict | None = None) -> PxResponse:
    content = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return PxResponse(url, "POST" if body else "GET", 200, content, json.loads(content), body, fetched_at)


class FakeClient:
    """Stands in for PxWebClient: serves given metadata, answers queries with make_doc, records queries."""

    lang = "fi"

    def __init__(self, metadata: dict[str, dict], fetched_at: str = "2026-06-10T08:00:00+00:00") -> None:
        self.metadata = metadata
        self.fetched_at = fetched_at
        self.queries: list[tuple[str, dict]] = []

    def fetch_metadata(self, table_id: str) -> PxResponse:
        if table_id not in self.metadata:
            raise statfin.PxWebError(f"GET {table_id} failed with HTTP 404: no such table", url=table_id, status=404)
        return px(self.metadata[table_id], f"https://px.example/fi/StatFin/{table_id}.px", self.fetched_at)

    def fetch_query(self, table_id: str, selections: dict[str, list[str]]) -> list[PxResponse]:
        self.queries.append((table_id, selections))
        doc = make_doc(self.metadata[table_id]["variables"], selections)
        body = {"query": [{"code": c, "selection": {"filter": "item", "values": v}} for c, v in selections.items()]}
        return [px(doc, f"https://px.example/fi/StatFin/{table_id}.px", self.fetched_at, body)]


def archive_doc(raw_dir: Path, table: str, doc: dict, fetched_at: str, lang: str = "fi") -> dict:
    body = {"query": [], "response": {"format": "json-stat2"}}
    return archive_response(
        raw_dir, table, px(doc, f"https://px.example/{table}", fetched_at, body), kind="data", lang=lang
    )


# --------------------------------------------------------------------------- catalogue
def test_catalogue_covers_the_tables_and_indicator_contract(specs):
    assert set(specs) == {
        "11ra",
        "11re",
        "12dy",
        "11a2",
        "14wx",
        "115b",
        "115x",
        "115h",
        "115n",
        "115p",
        "125s",
    } | {
        "12r5",
        "12tf",
    } | {"11lj", "121w", "12w7", "14ww", "12bs"}  # issue 15: proven on (or read from) the 2026 snapshot
    assert specs["11lj"].preliminary and not specs["11re"].preliminary
    produced = {m.id for spec in specs.values() for m in spec.measures if m.target == "fact_indicator"}
    assert produced == INDICATORS


# --------------------------------------------------------------------------- discovery
def test_discovery_on_real_2026_metadata(specs, meta_2026):
    layout = discover(variables_from_metadata(meta_2026), specs["11re"])
    assert layout.time.code == "timeperiod_y"
    assert layout.area.code == "alue_23_20260101"
    assert layout.content.code == "contentscode"
    assert layout.breakdowns["age"].code == "ikaryhma_10_20180101"
    assert [v.code for v in layout.fixed] == ["sukupuoli_9_20180101"]


def test_discovery_on_old_format_metadata(specs):
    layout = discover(variables_from_metadata(old_format_metadata()), specs["11re"])
    assert (layout.time.code, layout.area.code, layout.content.code) == ("Vuosi", "Alue", "Tiedot")
    assert layout.breakdowns["age"].code == "Ikä"
    assert [v.code for v in layout.fixed] == ["Sukupuoli"]


def test_discovery_on_a_real_jsonstat_response(specs):
    doc = json.loads(REAL_11RC.read_text(encoding="utf-8"))
    variables = variables_from_jsonstat(doc)
    assert [v.code for v in variables if v.time] == ["Vuosi"]
    assert [v.code for v in variables if v.metric] == ["Tiedot"]
    with pytest.raises(StatFinError, match="no area variable"):  # 11rc is whole-country only
        discover(variables, specs["11re"])


def test_renamed_variable_codes_are_still_found(specs, meta_2026):
    renamed = copy.deepcopy(meta_2026)
    for var, code in zip(
        renamed["variables"][:4],
        ["alue_24_20270101", "ikaryhma_11_20270101", "sukupuoli_10", "tp"],
        strict=True,
    ):
        var["code"] = code
    renamed["variables"][0].pop("map")  # found by its text "Alue" alone
    renamed["variables"][3].pop("time")  # found by its text "Vuosi" alone
    renamed["variables"][4]["code"] = "measures"  # found by its text "Tiedot"
    layout = discover(variables_from_metadata(renamed), specs["11re"])
    assert (layout.area.code, layout.time.code, layout.content.code) == ("alue_24_20270101", "tp", "measures")
    assert layout.breakdowns["age"].code == "ikaryhma_11_20270101"
    selections = build_selections(specs["11re"], renamed, ["KU216"])
    assert selections["measures"] == ["vaerak-vaesto"] and selections["sukupuoli_10"] == ["SSS"]


def test_missing_area_dimension_is_a_clear_error(specs, meta_2026):
    meta_2026["variables"] = [v for v in meta_2026["variables"] if v["code"] != "alue_23_20260101"]
    with pytest.raises(StatFinError, match=r"11re: no area variable .*timeperiod_y \(Vuosi\)"):
        build_selections(specs["11re"], meta_2026, AREAS)


def test_missing_time_dimension_is_a_clear_error(specs, meta_2026):
    meta_2026["variables"] = [v for v in meta_2026["variables"] if v["code"] != "timeperiod_y"]
    with pytest.raises(StatFinError, match="no time variable"):
        build_selections(specs["11re"], meta_2026, AREAS)


def test_content_matching_prefix_label_and_ambiguity(specs, caplog):
    population = next(m for m in specs["11re"].measures if m.id == "population")
    meta = {"variables": [{"code": "contentscode", "text": "Tiedot", "values": ["vaerak-vaesto", "x"]}]}
    assert match_content(population, variables_from_metadata(meta)[0]) == "vaerak-vaesto"
    meta["variables"][0] |= {"values": ["VAESTO"], "valueTexts": ["Väestö 31.12."]}
    assert match_content(population, variables_from_metadata(meta)[0]) == "VAESTO"  # case-insensitive
    by_label = {
        "code": "Tiedot",
        "text": "Tiedot",
        "values": ["pop", "x"],
        "valueTexts": ["Väestö 31.12.", "Muu"],
    }
    assert match_content(population, variables_from_metadata({"variables": [by_label]})[0]) == "pop"
    two = {
        "code": "Tiedot",
        "text": "Tiedot",
        "values": ["p1", "p2"],
        "valueTexts": ["Väestö 31.12.", "Väestö 31.12. (%)"],
    }
    with caplog.at_level(logging.WARNING):
        assert match_content(population, variables_from_metadata({"variables": [two]})[0]) is None
    assert "matches several contents" in caplog.text


# --------------------------------------------------------------------------- query building
def test_selections_for_real_2026_metadata(specs, meta_2026, caplog):
    with caplog.at_level(logging.INFO, logger="etl.sources.statfin"):
        selections = build_selections(specs["11re"], meta_2026, AREAS)
    assert selections["alue_23_20260101"] == [
        "KU216",
        "KU226",
        "KU256",
        "KU265",
        "KU312",
        "KU601",
        "KU729",
        "KU931",
        "SSS",
    ]
    assert "SK138, MK13" in caplog.text  # 11re publishes no sub-regions or regions: said, not silently dropped
    assert selections["contentscode"] == ["vaerak-vaesto"]
    assert selections["sukupuoli_9_20180101"] == ["SSS"]
    assert len(selections["ikaryhma_10_20180101"]) == 102  # the age breakdown, total included
    assert selections["timeperiod_y"][0] == "1972" and selections["timeperiod_y"][-1] == "2025"


def test_selections_map_ku_codes_to_bare_municipality_codes(specs):
    meta = {
        "variables": [
            {
                "code": "Alue",
                "text": "Alue",
                "values": ["SSS", "216", "729"],
                "valueTexts": ["KOKO MAA", "K", "S"],
            },
            {"code": "Vuosi", "text": "Vuosi", "values": ["2024"], "time": True},
            {
                "code": "Tiedot",
                "text": "Tiedot",
                "values": ["vm01", "vm11", "muu"],
                "valueTexts": ["a", "b", "c"],
            },
        ]
    }
    selections = build_selections(specs["12dy"], meta, ["KU216", "KU729", "SSS"])
    assert selections["Alue"] == ["216", "729", "SSS"]
    assert selections["Tiedot"] == ["vm01", "vm11"]  # natural increase is not offered: warned, not guessed


def test_no_matching_content_skips_the_table(specs, meta_2026):
    meta_2026["variables"][4] |= {"values": ["other"], "valueTexts": ["Something else"]}
    with pytest.raises(StatFinError, match="no content value matches the catalogue"):
        build_selections(specs["11re"], meta_2026, AREAS)


def flow_metadata() -> dict:
    """SYNTHETIC 115n-like metadata crossing area of residence × area of workplace, with a commuting split."""
    areas = ["SSS", "KU216", "KU179"]
    texts = ["KOKO MAA", "Kannonkoski", "Jyväskylä"]
    return {
        "title": "SYNTHETIC commuting flows",
        "variables": [
            {
                "code": "asuinalue",
                "text": "Asuinalue",
                "values": areas,
                "valueTexts": texts,
                "map": "Alue 2026",
            },
            {
                "code": "tpalue",
                "text": "Työpaikan alue",
                "values": areas,
                "valueTexts": texts,
                "map": "Alue 2026",
            },
            {
                "code": "pendelointi",
                "text": "Pendelöinti",
                "values": ["SSS", "1", "2"],
                "valueTexts": [
                    "Yhteensä",
                    "Asuinkuntansa ulkopuolella työssäkäyvät",
                    "Asuinkunnassaan työssäkäyvät",
                ],
                "elimination": True,
            },
            {"code": "ika", "text": "Ikä", "values": ["SSS", "18-64"], "valueTexts": ["Yhteensä", "18-64"]},
            {"code": "timeperiod_y", "text": "Vuosi", "values": ["2022", "2023"], "time": True},
            {
                "code": "contentscode",
                "text": "Tiedot",
                "values": ["tyokay-tyolliset"],
                "valueTexts": ["Työlliset"],
            },
        ],
    }


def test_flow_tables_select_both_residence_and_workplace_areas(specs):
    selections = build_selections(specs["115n"], flow_metadata(), ["KU216", "KU179", "SSS"])
    assert selections["asuinalue"] == selections["tpalue"] == ["KU216", "KU179", "SSS"]
    assert selections["pendelointi"] == ["SSS", "1", "2"]
    assert selections["ika"] == ["SSS"]


# --------------------------------------------------------------------------- fetch + archive
def test_fetch_tables_writes_archive_and_manifest(tmp_path, meta_2026):
    client = FakeClient({"11re": meta_2026})
    done: list[str] = []
    entries = fetch_tables(client, ["11re"], ["KU216", "KU729", "SSS", "SK138"], tmp_path, progress=done.append)
    assert done == ["11re"]
    assert [e["kind"] for e in entries] == ["metadata", "data"]
    manifest = read_manifest(tmp_path)
    assert manifest == entries
    for entry in entries:
        assert set(entry) >= {"url", "table", "query", "status", "sha256", "bytes", "fetched_at", "lang"}
        stored = (tmp_path / "statfin" / "11re" / f"{entry['sha256']}.json").read_bytes()
        assert hashlib.sha256(stored).hexdigest() == entry["sha256"] and len(stored) == entry["bytes"]
        assert entry["status"] == 200 and entry["lang"] == "fi" and entry["table"] == "11re"
    assert json.loads((tmp_path / "statfin" / "11re" / f"{entries[0]['sha256']}.json").read_bytes()) == meta_2026
    assert entries[0]["query"] is None
    queried = {q["code"]: q["selection"]["values"] for q in entries[1]["query"]["query"]}
    assert queried["alue_23_20260101"] == ["KU216", "KU729", "SSS"]
    assert not list((tmp_path / "statfin" / "11re").glob("*.tmp"))  # atomic writes leave no temp files

    frames = load_archived(tmp_path)
    indicator = frames["fact_indicator"]
    assert set(indicator["indicator_id"]) == {"population"}
    assert set(indicator["area_code"]) == {"KU216", "KU729", "SSS"}
    assert len(indicator) == 3 * 54
    assert len(frames["fact_population_age"]) == 3 * 54 * 101


def test_fetch_tables_progress_bar_on_request(tmp_path, meta_2026, capsys):
    entries = fetch_tables(FakeClient({"11re": meta_2026}), ["11re"], AREAS, tmp_path, progress=True)
    assert len(entries) == 2
    assert "statfin fetch" in capsys.readouterr().err
    assert len(fetch_tables(FakeClient({"11re": meta_2026}), ["11re"], AREAS, tmp_path, progress=False)) == 2


def test_fetch_tables_skips_a_failing_table_unless_strict(tmp_path, meta_2026, caplog):
    client = FakeClient({"11re": meta_2026})
    with caplog.at_level(logging.ERROR):
        entries = fetch_tables(client, ["12dy", "11re"], AREAS, tmp_path)
    assert {e["table"] for e in entries} == {"11re"}
    assert "12dy: not fetched" in caplog.text
    with pytest.raises(statfin.PxWebError):
        fetch_tables(client, ["12dy"], AREAS, tmp_path, strict=True)
    with pytest.raises(StatFinError, match="not in the catalogue: 99zz"):
        fetch_tables(client, ["99zz"], AREAS, tmp_path)


# --------------------------------------------------------------------------- load
def test_load_archived_from_synthetic_11re(tmp_path):
    doc = json.loads(SYN_11RE.read_text(encoding="utf-8"))
    archive_doc(tmp_path, "11re", doc, "2026-06-10T08:00:00+00:00")
    frames = load_archived(tmp_path)
    indicator = frames["fact_indicator"]
    assert list(indicator.columns) == [
        "indicator_id",
        "area_code",
        "period",
        "value",
        "status",
        "source_table",
        "vintage",
        "is_preliminary",
    ]
    assert not indicator["is_preliminary"].any()  # 11re is a table of final figures
    assert len(indicator) == 6  # 3 areas × 2 years, age total only
    row = indicator.set_index(["area_code", "period"])
    assert row.loc[("KU729", "2023"), "value"] == 9000 and row.loc[("SSS", "2024"), "value"] == 5000001
    assert np.isnan(row.loc[("KU216", "2024"), "value"]) and row.loc[("KU216", "2024"), "status"] == ".."
    assert row.loc[("KU216", "2023"), "status"] is None
    assert set(indicator["source_table"]) == {"11re"} and set(indicator["vintage"]) == {"2025-03-28"}

    ages = frames["fact_population_age"]
    assert list(ages.columns) == ["area_code", "year", "age_group", "population", "source_table", "vintage"]
    assert set(ages["age_group"]) == {"0", "1", "100-"}
    assert ages.set_index(["area_code", "year", "age_group"]).loc[("KU729", 2024, "100-"), "population"] == 9031


def test_load_archived_monthly_periods_status_and_unknown_content(tmp_path, caplog):
    doc = json.loads(SYN_12R5.read_text(encoding="utf-8"))
    archive_doc(tmp_path, "12r5", doc, "2026-06-10T08:00:00+00:00")
    with caplog.at_level(logging.WARNING):
        frames = load_archived(tmp_path)
    indicator = frames["fact_indicator"].set_index(["indicator_id", "area_code", "period"])
    assert set(indicator.index.get_level_values("period")) == {"2023-09", "2023-10"}
    assert indicator.loc[("unemployed_jobseekers", "SK138", "2023-10"), "value"] == 1266
    assert indicator.loc[("open_vacancies", "KU216", "2023-10"), "status"] == "."
    assert np.isnan(indicator.loc[("open_vacancies", "KU216", "2023-10"), "value"])
    # HAKIJALOPUSSA is in the catalogue since the 2026 response proved it (jobseekers): 3 contents × 2 areas × 2
    assert len(indicator) == 12
    assert {"jobseekers", "unemployed_jobseekers", "open_vacancies"} == set(indicator.index.get_level_values(0))


def test_latest_fetch_wins_and_priority_decides_between_tables(tmp_path):
    doc = json.loads(SYN_11RE.read_text(encoding="utf-8"))
    newer = copy.deepcopy(doc)
    newer["value"][0] = 1111  # KU216, total age, 2023
    archive_doc(tmp_path, "11re", newer, "2026-06-11T08:00:00+00:00")
    archive_doc(tmp_path, "11re", doc, "2026-06-10T08:00:00+00:00")  # archived later, fetched earlier
    key_figures = {
        "class": "dataset",
        "id": ["Alue", "Vuosi", "Tiedot"],
        "size": [2, 1, 1],
        "role": {"time": ["Vuosi"], "metric": ["Tiedot"]},
        "dimension": {
            "Alue": {"label": "Alue", "category": {"index": ["KU216", "SK138"]}},
            "Vuosi": {"label": "Vuosi", "category": {"index": ["2023"]}},
            "Tiedot": {
                "label": "Tiedot",
                "category": {"index": ["vaesto"], "label": {"vaesto": "Väestö 31.12."}},
            },
        },
        "value": [9999, 30000],
    }
    archive_doc(tmp_path, "11ra", key_figures, "2026-06-12T08:00:00+00:00")
    indicator = load_archived(tmp_path)["fact_indicator"].set_index(["area_code", "period"])
    assert indicator.loc[("KU216", "2023"), "value"] == 1111  # 11re outranks the later 11ra
    assert indicator.loc[("KU216", "2023"), "source_table"] == "11re"
    assert indicator.loc[("SK138", "2023"), "value"] == 30000  # only 11ra has the sub-region


def test_load_archived_bare_codes_commuting_and_flows(tmp_path, specs):
    meta = flow_metadata()
    selections = build_selections(specs["115n"], meta, ["KU216", "KU179", "SSS"])
    archive_doc(tmp_path, "115n", make_doc(meta["variables"], selections), "2026-06-10T08:00:00+00:00")
    frames = load_archived(tmp_path)
    indicator = frames["fact_indicator"]
    assert set(indicator["indicator_id"]) == {
        "employed_residents",
        "out_commuters",
        "residents_working_in_home_municipality",
    }
    assert set(indicator["area_code"]) == {"KU216", "KU179", "SSS"}
    flows = frames["fact_commuting_flow"]
    assert list(flows.columns) == [
        "home_area_code",
        "work_area_code",
        "year",
        "persons",
        "source_table",
        "vintage",
    ]
    assert len(flows) == 4 * 2  # KU216/KU179 × KU216/KU179 × 2 years; totals are not flows
    assert set(flows["home_area_code"]) == {"KU216", "KU179"}


def test_load_archived_jobs_by_industry_and_projection(tmp_path):
    industry = {
        "class": "dataset",
        "id": ["Alue", "Toimiala", "Vuosi", "Tiedot"],
        "size": [1, 3, 1, 1],
        "role": {"time": ["Vuosi"], "metric": ["Tiedot"]},
        "dimension": {
            "Alue": {
                "label": "Työpaikan alue",
                "category": {"index": ["729"], "label": {"729": "Saarijärvi"}},
            },
            "Toimiala": {
                "label": "Toimiala",
                "category": {
                    "index": ["SSS", "A", "C"],
                    "label": {"SSS": "Yhteensä", "A": "A Maatalous", "C": "C Teollisuus"},
                },
            },
            "Vuosi": {"label": "Vuosi", "category": {"index": ["2023"]}},
            "Tiedot": {
                "label": "Tiedot",
                "category": {"index": ["tyolliset"], "label": {"tyolliset": "Työlliset"}},
            },
        },
        "value": [2900, 300, 700],
    }
    archive_doc(tmp_path, "115h", industry, "2026-06-10T08:00:00+00:00")
    projection = {
        "class": "dataset",
        "id": ["Alue", "Ikä", "Vuosi", "Tiedot"],
        "size": [1, 3, 1, 1],
        "role": {"time": ["Vuosi"], "metric": ["Tiedot"]},
        "dimension": {
            "Alue": {"label": "Alue", "category": {"index": ["KU216"]}},
            "Ikä": {"label": "Ikä", "category": {"index": ["SSS", "000", "100-"]}},
            "Vuosi": {"label": "Vuosi", "category": {"index": ["2030"]}},
            "Tiedot": {
                "label": "Tiedot",
                "category": {
                    "index": ["vaesto_e24"],
                    "label": {"vaesto_e24": "Väestö 31.12. (ennuste 2024)"},
                },
            },
        },
        "value": [1200, 5, 1],
    }
    archive_doc(tmp_path, "14wx", projection, "2026-06-10T08:00:00+00:00")
    frames = load_archived(tmp_path)
    jobs = frames["fact_jobs_industry"]
    assert jobs["industry_code"].tolist() == ["A", "C"] and jobs["area_code"].tolist() == ["KU729", "KU729"]
    assert jobs["industry_fi"].tolist() == ["Maatalous", "Teollisuus"]
    assert jobs["industry_en"].tolist() == ["Agriculture, forestry and fishing", "Manufacturing"]
    assert jobs["jobs"].tolist() == [300, 700]
    projected = frames["fact_projection_age"]
    assert list(projected.columns) == ["projection", "area_code", "year", "age", "population", "source_table"]
    assert projected[["projection", "age", "population"]].values.tolist() == [
        ["2024", 0, 5],
        ["2024", 100, 1],
    ]
    total = frames["fact_indicator"].set_index("indicator_id").loc["population_projection"]
    assert (total["area_code"], total["period"], total["value"]) == ("KU216", "2030", 1200)


def test_archived_body_with_utf8_bom_loads(tmp_path):
    doc = json.loads(SYN_12R5.read_text(encoding="utf-8"))
    content = b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False).encode("utf-8")
    response = PxResponse("https://px.example/12r5", "POST", 200, content, doc, {"query": []}, "2026-06-10T08:00:00Z")
    archive_response(tmp_path, "12r5", response, kind="data", lang="fi")
    assert len(load_archived(tmp_path)["fact_indicator"]) == 12


def test_missing_raw_dir_or_empty_manifest_gives_nothing(tmp_path):
    assert load_archived(tmp_path / "nowhere") == {}
    (tmp_path / "statfin").mkdir()
    (tmp_path / "statfin" / "manifest.jsonl").write_text("", encoding="utf-8")
    assert load_archived(tmp_path) == {}


def test_corrupt_archive_files_and_torn_manifest_lines_are_skipped(tmp_path, caplog):
    doc = json.loads(SYN_11RE.read_text(encoding="utf-8"))
    entry = archive_doc(tmp_path, "11re", doc, "2026-06-10T08:00:00+00:00")
    (tmp_path / "statfin" / "11re" / f"{entry['sha256']}.json").write_bytes(b"{}")
    with open(tmp_path / "statfin" / "manifest.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"url": "torn')
    with caplog.at_level(logging.WARNING):
        assert load_archived(tmp_path) == {}
    assert "does not match its sha256" in caplog.text and "not valid JSON" in caplog.text
