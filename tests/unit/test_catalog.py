"""The indicator catalogue is complete and is the contract the warehouse and the UI rely on."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl import catalog
from etl.load import SCHEMA_PATH

STABLE_IDS = {"population", "net_migration", "unemployed_jobseekers", "unemployment_rate", "employed_residents",
              "jobs", "out_commuters", "in_commuters", "job_self_sufficiency", "employment_rate",
              "population_projection"}  # fmt: skip


def test_catalogue_has_the_contract_ids() -> None:
    assert set(catalog.load_catalog()) >= STABLE_IDS


@pytest.mark.parametrize("indicator_id", sorted(catalog.load_catalog()))
def test_every_entry_is_complete(indicator_id: str) -> None:
    entry = catalog.load_catalog()[indicator_id]
    assert catalog.check_entry(indicator_id, entry) == []
    for lang in ("fi", "sv", "en"):
        assert entry[f"label_{lang}"].strip()


def test_incomplete_entry_is_rejected(tmp_path: Path) -> None:
    broken = tmp_path / "catalog.toml"
    broken.write_text('[indicator.x]\nlabel_fi = "X"\nunit = "furlongs"\n', encoding="utf-8")
    with pytest.raises(catalog.CatalogError) as err:
        catalog.load_catalog(broken)
    message = str(err.value)
    assert "x lacks label_en" in message and "x lacks source_table" in message and "unknown unit" in message


def test_derived_indicators_say_how() -> None:
    entries = catalog.load_catalog()
    assert {"unemployment_rate", "job_self_sufficiency", "commuting_balance"} <= catalog.derived_ids(entries)
    assert "population" in catalog.additive_ids(entries) and "unemployment_rate" not in catalog.additive_ids(entries)


def test_frame_matches_the_schema() -> None:
    con = duckdb.connect()
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    frame = catalog.to_frame(catalog.load_catalog())
    con.register("incoming", frame)
    con.execute("INSERT INTO dim_indicator SELECT * FROM incoming")
    assert con.execute("SELECT count(*) FROM dim_indicator").fetchone()[0] == len(catalog.load_catalog())
