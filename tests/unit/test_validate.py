"""Each validation rule catches the fault it exists for."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import validate

CATALOG = {
    "population": {"unit": "persons", "additive": True, "frequency": "year"},
    "net_migration": {"unit": "persons", "additive": True, "frequency": "year", "signed": True},
    "unemployed_jobseekers": {"unit": "persons", "additive": True, "frequency": "month"},
}
MEMBERS = {"SK1": ["KU001", "KU002"]}
FOCUS = ["KU001", "KU002"]


def tables(rows: list[tuple]) -> dict[str, pd.DataFrame]:
    facts = pd.DataFrame(rows, columns=["indicator_id", "area_code", "period", "value", "is_derived"])
    dim_area = pd.DataFrame({"area_code": ["KU001", "KU002", "SK1"]})
    empty_age = pd.DataFrame(columns=["area_code", "year", "age_group"])
    empty_proj = pd.DataFrame(columns=["projection", "area_code", "year", "age"])
    return {"fact_indicator": facts, "dim_area": dim_area, "fact_population_age": empty_age,
            "fact_projection_age": empty_proj}  # fmt: skip


GOOD = [("population", "KU001", "2020", 10.0, False), ("population", "KU002", "2020", 5.0, False),
        ("population", "SK1", "2020", 15.0, False), ("net_migration", "KU001", "2020", -3.0, False),
        ("net_migration", "KU002", "2020", 1.0, False)]  # fmt: skip


def problems(rows: list[tuple]) -> str:
    with pytest.raises(validate.ValidationError) as err:
        validate.validate(tables(rows), CATALOG, FOCUS, MEMBERS)
    return str(err.value)


def test_good_warehouse_passes() -> None:
    validate.validate(tables(GOOD), CATALOG, FOCUS, MEMBERS)


def test_unknown_indicator_and_area() -> None:
    text = problems([*GOOD, ("mystery", "KU001", "2020", 1.0, False), ("population", "KU999", "2020", 1.0, False)])
    assert "not in the catalogue: mystery" in text and "KU999" in text


def test_duplicate_key() -> None:
    assert "share a key" in problems([*GOOD, GOOD[0]])


def test_negative_count_but_signed_net_migration_is_fine() -> None:
    text = problems([*GOOD, ("population", "KU001", "2021", -1.0, False), ("population", "KU002", "2021", 1.0, False)])
    assert "negative count: population KU001 2021" in text and "net_migration" not in text


def test_bad_periods() -> None:
    text = problems([*GOOD, ("population", "KU001", "20x1", 1.0, False), ("population", "KU002", "20x1", 1.0, False),
                     ("unemployed_jobseekers", "KU001", "2020-13", 1.0, False),
                     ("unemployed_jobseekers", "KU002", "2020-12", 1.0, False)])  # fmt: skip
    assert "year period(s) do not parse" in text and "month period(s) do not parse" in text


def test_focus_municipality_missing() -> None:
    text = problems([*GOOD, ("unemployed_jobseekers", "KU001", "2020-01", 5.0, False)])
    assert "unemployed_jobseekers: no data for focus municipality KU002" in text


def test_published_total_differs_from_members() -> None:
    rows = [r for r in GOOD if r[1] != "SK1"] + [("population", "SK1", "2020", 16.0, False)]
    assert "SK1 population 2020: published 16 ≠ sum of members 15" in problems(rows)


def test_all_problems_are_reported_at_once() -> None:
    text = problems([*GOOD, GOOD[0], ("population", "KU001", "2021", -1.0, False)])
    assert "share a key" in text and "negative count" in text
