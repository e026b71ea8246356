"""etl.jsonstat: JSON-stat 2.0 → tidy DataFrame, on a real PxWeb response and on synthetic edge cases."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np
import pytest
from pyjstat import pyjstat

from etl.jsonstat import JsonStatError, parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REAL_11RC = FIXTURES / "fixture_pxweb_v1_statfin_11rc_jsonstat2_response.json"


@pytest.fixture(scope="module")
def real_doc() -> dict:
    return json.loads(REAL_11RC.read_text(encoding="utf-8"))


def test_real_response_has_one_row_per_cell(real_doc):
    frame = parse(real_doc)
    assert len(frame) == math.prod(real_doc["size"]) == 90
    assert list(frame.columns) == [
        "Vuosi",
        "Vuosi_label",
        "Sukupuoli",
        "Sukupuoli_label",
        "Ikä",
        "Ikä_label",
        "Tiedot",
        "Tiedot_label",
        "value",
        "status",
    ]
    assert frame["status"].isna().all()


@pytest.mark.parametrize(
    ("year", "sex", "age", "expected"),
    [
        ("2020", "SSS", "20-24", 308410),  # value[0] in the fixture
        ("2021", "1", "45-49", 166795),  # value[45]
        ("2022", "2", "65-69", 181956),  # value[89], the last cell
    ],
)
def test_real_response_cells_by_code(real_doc, year, sex, age, expected):
    frame = parse(real_doc)
    cell = frame[(frame["Vuosi"] == year) & (frame["Sukupuoli"] == sex) & (frame["Ikä"] == age)]
    assert len(cell) == 1
    assert cell["value"].item() == expected
    assert cell["Tiedot"].item() == "vaesto"


def test_real_response_labels_are_swedish(real_doc):
    frame = parse(real_doc)
    labels = dict(zip(frame["Sukupuoli"], frame["Sukupuoli_label"], strict=True))
    assert labels == {"SSS": "Totalt", "1": "Män", "2": "Kvinnor"}
    assert set(frame["Tiedot_label"]) == {"Befolkning 31.12."}
    assert frame.loc[0, "Ikä_label"] == "20 - 24"


def test_real_response_attrs(real_doc):
    attrs = parse(real_doc).attrs
    assert attrs["updated"] == "2023-03-31T05:00:00Z"
    assert attrs["source"] == "Statistikcentralen, befolkningsstruktur"
    assert attrs["label"].startswith("Befolkning 31.12.")
    assert attrs["roles"] == {"time": ["Vuosi"], "metric": ["Tiedot"]}
    assert attrs["units"] == {"vaesto": {"base": "Antal", "decimals": 0}}
    assert attrs["note"] is None


@pytest.mark.filterwarnings("ignore::DeprecationWarning:pyjstat")
def test_agrees_with_pyjstat_cell_for_cell(real_doc):
    ours = parse(real_doc)
    theirs = pyjstat.Dataset.read(REAL_11RC.read_text(encoding="utf-8")).write("dataframe")
    assert len(ours) == len(theirs)
    np.testing.assert_array_equal(ours["value"].to_numpy(), theirs["value"].to_numpy(dtype=float))
    # pyjstat writes labels; the label columns must agree row by row too.
    for dim_id, label in zip(real_doc["id"], ["År", "Kön", "Ålder", "Uppgifter"], strict=True):
        assert ours[f"{dim_id}_label"].tolist() == theirs[label].tolist()


def _synthetic() -> dict:
    """SYNTHETIC document: sparse values, status dict, a list index and a dict index, a missing label."""
    return {
        "class": "dataset",
        "version": "2.0",
        "id": ["area", "month", "measure"],
        "size": [2, 3, 2],
        "role": {"time": ["month"], "metric": ["measure"]},
        "dimension": {
            "area": {"category": {"index": ["KU216", "SSS"], "label": {"KU216": "Kannonkoski"}}},
            "month": {"category": {"index": {"2023M02": 1, "2023M01": 0, "2023M03": 2}}},
            "measure": {
                "category": {
                    "index": {"a": 0, "b": 1},
                    "label": {"a": "Measure A", "b": "Measure B"},
                    "unit": {"b": {"base": "%", "decimals": 1}},
                }
            },
        },
        "value": {"0": 1, "5": 2.5, "11": 0, "7": None},
        "status": {"1": "..", "7": "."},
        "updated": "2024-01-01",
    }


def test_synthetic_sparse_values_status_and_indexes():
    frame = parse(_synthetic())
    assert len(frame) == 12
    assert frame["area"].tolist() == ["KU216"] * 6 + ["SSS"] * 6
    assert frame["area_label"].tolist()[5:7] == ["Kannonkoski", "SSS"]  # missing label falls back to code
    assert frame["month"].tolist()[:6] == ["2023M01", "2023M01", "2023M02", "2023M02", "2023M03", "2023M03"]
    assert frame["measure_label"].tolist()[:2] == ["Measure A", "Measure B"]
    values = frame["value"].tolist()
    assert values[0] == 1 and values[5] == 2.5 and values[11] == 0
    assert np.isnan(values[1]) and np.isnan(values[7]) and np.isnan(values[10])
    assert frame.loc[1, "status"] == ".." and frame.loc[7, "status"] == "."
    assert frame.loc[0, "status"] is None
    assert frame.attrs["units"] == {"b": {"base": "%", "decimals": 1}}


def test_status_as_single_string_or_list():
    doc = _synthetic()
    doc["status"] = "p"
    assert set(parse(doc)["status"]) == {"p"}
    doc["status"] = [None] * 11 + ["e"]
    statuses = parse(doc)["status"].tolist()
    assert statuses[-1] == "e" and statuses[0] is None


def test_dense_values_with_nulls_and_single_category_without_index():
    doc = {
        "class": "dataset",
        "id": ["x", "y"],
        "size": [1, 3],
        "dimension": {
            "x": {"category": {"label": {"only": "The only one"}}},
            "y": {"category": {"index": ["1", "2", "3"]}},
        },
        "value": [1, None, 3],
    }
    frame = parse(doc)
    assert frame["x"].tolist() == ["only"] * 3
    assert frame["x_label"].tolist() == ["The only one"] * 3
    assert np.isnan(frame.loc[1, "value"]) and frame.loc[2, "value"] == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update({"class": "collection"}), "class 'dataset'"),
        (lambda d: d.pop("id"), "no 'id'"),
        (lambda d: d.pop("size"), "no 'size'"),
        (lambda d: d.pop("dimension"), "no 'dimension'"),
        (lambda d: d.update({"size": [2, 3]}), "id has 3 dimensions but size has 2"),
        (lambda d: d.update({"value": [1, 2, 3]}), "value has 3 cells but the product of size is 12"),
        (lambda d: d["dimension"].pop("month"), "dimension object lacks month"),
        (lambda d: d.update({"size": [2, 2, 2], "value": {"0": 1}}), "has 3 categories but size says 2"),
        (lambda d: d.update({"value": {"12": 1}}), "out of range"),
        (lambda d: d.update({"status": [".."] * 5}), "status has 5 entries"),
    ],
)
def test_malformed_documents_raise_specific_errors(change, message):
    doc = _synthetic()
    change(doc)
    with pytest.raises(JsonStatError, match=message):
        parse(doc)


def test_not_a_dict():
    with pytest.raises(JsonStatError, match="expected a JSON object"):
        parse([])  # type: ignore[arg-type]


def test_large_response_is_fast():
    sizes = [300, 100, 4]  # 120 000 cells, PxWeb's usual per-query maximum
    doc = {
        "class": "dataset",
        "id": ["a", "b", "c"],
        "size": sizes,
        "dimension": {
            k: {"category": {"index": [f"{k}{i}" for i in range(n)]}} for k, n in zip("abc", sizes, strict=True)
        },
        "value": list(range(math.prod(sizes))),
    }
    start = time.perf_counter()
    frame = parse(doc)
    assert time.perf_counter() - start < 2.0
    assert frame.loc[120_000 - 1, ["a", "b", "c"]].tolist() == ["a299", "b99", "c3"]
    assert frame.loc[4 * 100 + 4 + 1, ["a", "b", "c"]].tolist() == ["a1", "b1", "c1"]
