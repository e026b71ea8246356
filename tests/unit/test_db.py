"""Read-only access to the current warehouse, cursor per query, and pick-up of a swapped warehouse."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest

from dashboard import db


def make_warehouse(directory: Path, name: str, value: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(directory / name))
    con.execute("CREATE TABLE meta_region (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta_region VALUES ('brand', ?)", [str(value)])
    con.close()
    (directory / "CURRENT").write_text(name + "\n", encoding="utf-8")


def test_missing_warehouse_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    with pytest.raises(db.WarehouseMissing, match="python -m etl build"):
        db.current_path()


def test_reads_follow_the_pointer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    make_warehouse(tmp_path / "warehouse", "wh-1.duckdb", 1)
    assert db.query("region_meta")["value"].tolist() == ["1"]
    make_warehouse(tmp_path / "warehouse", "wh-2.duckdb", 2)
    assert db.version() == "wh-2.duckdb"
    assert db.query("region_meta")["value"].tolist() == ["2"]


def test_connection_is_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    make_warehouse(tmp_path / "warehouse", "wh-ro.duckdb", 1)
    with pytest.raises(duckdb.Error, match="read-only"):
        db.connection().cursor().execute("DELETE FROM meta_region")


def test_concurrent_queries_each_get_a_cursor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    make_warehouse(tmp_path / "warehouse", "wh-threads.duckdb", 7)
    results, errors = [], []

    def worker() -> None:
        try:
            for _ in range(20):
                results.append(db.query("region_meta")["value"].iloc[0])
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and results == ["7"] * 160
