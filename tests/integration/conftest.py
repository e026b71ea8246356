"""Fixtures of the fault tests: the app's own store must stay untouched, the previous warehouse current.

`store` points the app at a store with real content (a note and its audit row) and checks afterwards
that its bytes and mtime did not change; `previous` checks that the warehouse named by CURRENT is still
current, whole and unchanged, and that no half-written file was left behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dashboard.core import store as state
from etl import load


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An app store with real content: a dated note and its audit row, written through dashboard.core.store."""
    path = tmp_path_factory.mktemp("store") / "app_state.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TILANNEKUVA_STATE", str(path))
        row = {"indicator_id": "population", "area_code": "KU729", "event_date": "2024-01-01",
               "text": "Vikatestin muistiinpano", "created_by": "test", "created_at": "2024-01-02 10:00:00"}  # fmt: skip
        state.write("test", "create", "annotation", "population/KU729/2024-01-01", [("annotation_insert", row)],
                    after=row)  # fmt: skip
    return path


@pytest.fixture
def store(store_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app's store at `store_file` and check afterwards that the fault did not touch it."""
    monkeypatch.setenv("TILANNEKUVA_STATE", str(store_file))
    before = fingerprint(store_file)
    yield store_file
    assert fingerprint(store_file) == before, "the app's own store changed"
    con = duckdb.connect(str(store_file), read_only=True)
    try:
        assert con.execute("SELECT text FROM annotation").fetchall() == [("Vikatestin muistiinpano",)]
        assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1
    finally:
        con.close()


def fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


def warehouse_state(data_dir: Path) -> tuple[str, dict[str, int]]:
    """CURRENT's content and the row count of every table of the warehouse it names (which must open)."""
    warehouse = data_dir / "warehouse"
    path = load.current_path(warehouse)
    assert path is not None
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        counts = dict(
            con.execute(" UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)).fetchall()
        )
    finally:
        con.close()
    return (warehouse / load.POINTER).read_text(encoding="utf-8"), counts


@pytest.fixture
def previous(data_dir: Path, store: Path) -> Iterator[Path]:
    """A private copy of the built warehouse; afterwards it must still be current, whole and unchanged."""
    before = warehouse_state(data_dir)
    assert before[1]["fact_indicator"] > 0
    yield data_dir
    assert warehouse_state(data_dir) == before, "the previous warehouse is no longer current or changed"
    warehouse = data_dir / "warehouse"
    assert not [p.name for p in warehouse.iterdir() if ".partial" in p.name or p.name.endswith(".tmp")]
