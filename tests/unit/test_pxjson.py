"""PxWeb's ``json`` response format (etl/pxjson.py) and its mapping through the live fetch's table specs.

The documents are cut from the real 2026 exports in data/snapshot/pxweb_json_2026/ (rows kept verbatim).
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from etl import pxjson, release
from etl.sources.statfin_rows import rows_from_doc
from etl.sources.statfin_spec import load_specs, load_tol2008
from etl.sources.statfin_vars import discover, variables_from_doc

EXPORTS = Path(__file__).resolve().parents[2] / "data" / "snapshot" / "pxweb_json_2026"


def export(name: str, areas: set[str]) -> dict:
    doc = json.loads(gzip.decompress((EXPORTS / name).read_bytes()))
    area_at = next(
        i for i, c in enumerate(c for c in doc["columns"] if c["type"] in "dt") if c["text"].startswith("Alue")
    )
    return {**doc, "data": [row for row in doc["data"] if row["key"][area_at] in areas]}


def test_parse_keeps_symbols_as_status_and_reads_updated():
    doc = export("income_register_kunnat_14ww.json.gz", {"KU020", "KU729"})
    frame = pxjson.parse(doc)
    assert len(frame) == 2 * 26  # 2 areas × 26 content columns
    assert frame.attrs["updated"] == "2025-12-16T06:00:00Z"
    cell = frame[(frame["alue_23_20250101"] == "KU020") & (frame[pxjson.CONTENT] == "pt2_lapsia")]
    assert np.isnan(cell["value"].iloc[0]) and cell["status"].iloc[0] == "..."  # verbatim '...'
    median = frame[(frame["alue_23_20250101"] == "KU729") & (frame[pxjson.CONTENT] == "tjt-ekvikturaha_med")]
    assert median["value"].iloc[0] == 27033 and median["status"].iloc[0] is None


def test_roles_are_discovered_from_2026_codes():
    specs = load_specs()
    layout = discover(variables_from_doc(export("unemployment_register_kunnat_12r5.json.gz", {"KU729"})),
                      specs["12r5"])  # fmt: skip
    assert (layout.area.code, layout.time.code, layout.content.code) == ("Alue", "timeperiod_m", pxjson.CONTENT)
    layout = discover(variables_from_doc(export("sex_register_kunnat_11re.json.gz", {"KU729"})), specs["11re"])
    assert layout.area.code == "alue_23_20260101" and [v.code for v in layout.fixed] == ["sukupuoli_9_20180101"]


def test_rows_from_a_json_response():
    doc = export("sex_register_kunnat_11re.json.gz", {"KU729", "SSS"})
    facts = rows_from_doc(doc, load_specs()["11re"], fetched_at="2026-08-11", lang="fi", tol=load_tol2008())
    population = facts["fact_indicator"].set_index("area_code")
    # the sex breakdown is held at its total (SSS), so men and women are not rows of their own
    assert population.loc["KU729", "value"] == 8763 and population.loc["SSS", "value"] == 5652881
    assert set(population["vintage"]) == {"2026-04-01"} and not population["is_preliminary"].any()


def test_malformed_json_response_is_rejected():
    with pytest.raises(pxjson.PxJsonError):
        pxjson.parse({"columns": [{"code": "a", "type": "d"}], "data": []})  # no content column
    doc = {"columns": [{"code": "a", "type": "d"}, {"code": "v", "type": "c"}], "data": [{"key": [], "values": ["1"]}]}
    with pytest.raises(pxjson.PxJsonError, match="row 0"):
        pxjson.parse(doc)


def test_release_rules():
    rules = release.load_releases()
    assert release.next_due("2026-06", rules["12r5"]) == date(2026, 8, 21)  # July, three weeks after the month
    assert release.next_due("2025", rules["11re"]) == date(2027, 4, 30)
    assert release.next_period("2023-12", "yearly") == "2024"  # 12w7: the next year's months at once
    assert release.next_period("2025-12", "monthly") == "2026-01"


@pytest.mark.parametrize("table,name", [
    ("11re", "sex_register_kunnat_11re.json.gz"), ("11ra", "age_register_kunnat_11ra.json.gz"),
    ("121w", "population_register_kunnat_121w.json.gz"), ("12r5", "unemployment_register_kunnat_12r5.json.gz"),
    ("14ww", "income_register_kunnat_14ww.json.gz"), ("12bs", "education_register_kunnat_12bs.json.gz"),
])  # fmt: skip
def test_label_fallbacks_find_the_same_content_as_the_codes(table, name):
    """If the codes change again, each label regex alone still picks the same content of the 2026 answer."""
    from dataclasses import replace

    from etl.sources.statfin_vars import match_content

    spec = load_specs()[table]
    layout = discover(variables_from_doc(export(name, {"SSS"})), spec)
    for measure in (m for m in spec.measures if m.target == "fact_indicator"):
        by_code = match_content(measure, layout.content, table)
        assert by_code is not None, measure.id
        assert match_content(replace(measure, codes=()), layout.content, table) == by_code, measure.id
