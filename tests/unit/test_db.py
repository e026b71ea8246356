"""Read-only access to the current warehouse, cursor per query, and pick-up of a swapped warehouse."""

from __future__ import annotations

import contextvars
import os
import threading
from pathlib import Path

import duckdb
import pytest

from dashboard.core import warehouse as db


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


# --- One warehouse per script run (db.pin_run): the ETL may swap CURRENT while a page is being drawn. ---


def swap_to(directory: Path, name: str, value: int) -> None:
    """A new warehouse file and an atomic pointer swap, as etl/load.py does it."""
    make_warehouse(directory, name, value)  # rewrites CURRENT in place; now replace it the ETL's way
    tmp = directory / ".CURRENT.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, directory / "CURRENT")


def in_new_context(function, *args):
    """Run as a fresh script run would: in its own context, so a pin never leaks into other tests."""
    return contextvars.Context().run(function, *args)


def test_pinned_run_reads_one_warehouse_across_a_swap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    directory = tmp_path / "warehouse"
    swap_to(directory, "wh-1.duckdb", 1)

    def script_run() -> list[tuple[str, str]]:
        pinned = db.pin_run()
        seen = [(db.version(), db.query("region_meta")["value"].iloc[0])]
        swap_to(directory, "wh-2.duckdb", 2)  # the ETL swaps mid-run
        seen.append((db.version(), db.query("region_meta")["value"].iloc[0]))
        assert pinned == directory.joinpath("wh-1.duckdb").resolve() == db.current_path()
        return seen

    assert in_new_context(script_run) == [("wh-1.duckdb", "1"), ("wh-1.duckdb", "1")]
    # Unpinned code (tests, CLI, benchmarks) follows CURRENT on every call, as before.
    assert db.version() == "wh-2.duckdb" and db.query("region_meta")["value"].tolist() == ["2"]


def test_next_run_on_the_same_thread_pins_the_new_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamlit reruns a session on the same script thread: each run's pin_run replaces the last pin."""
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    directory = tmp_path / "warehouse"
    swap_to(directory, "wh-1.duckdb", 1)

    def two_runs() -> list[str]:
        db.pin_run()
        first = db.version()
        swap_to(directory, "wh-2.duckdb", 2)
        between = db.version()  # callbacks of the next rerun run before app.py: still the page they saw
        db.pin_run()
        return [first, between, db.version()]

    assert in_new_context(two_runs) == ["wh-1.duckdb", "wh-1.duckdb", "wh-2.duckdb"]


def test_pin_belongs_to_its_run_and_follows_copied_contexts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another session's thread is not pinned by this run; a parallel fragment worker (Streamlit runs those
    in contextvars.copy_context() of the script thread) sees the run's pin."""
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    directory = tmp_path / "warehouse"
    swap_to(directory, "wh-1.duckdb", 1)
    seen: dict[str, str] = {}

    def other_session() -> None:
        seen["other"] = db.version()

    def script_run() -> None:
        db.pin_run()
        swap_to(directory, "wh-2.duckdb", 2)
        thread = threading.Thread(target=other_session)
        thread.start()
        thread.join()
        seen["worker"] = contextvars.copy_context().run(db.version)
        seen["run"] = db.version()

    in_new_context(script_run)
    assert seen == {"other": "wh-2.duckdb", "worker": "wh-1.duckdb", "run": "wh-1.duckdb"}


def test_pin_without_warehouse_pins_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """app.py pins before its try block: no warehouse must not raise there, but still at current_path()."""
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))

    def script_run() -> None:
        assert db.pin_run() is None
        with pytest.raises(db.WarehouseMissing):
            db.current_path()
        swap_to(tmp_path / "warehouse", "wh-1.duckdb", 1)  # built while the error page shows
        assert db.version() == "wh-1.duckdb"

    in_new_context(script_run)


def test_pruned_pinned_file_falls_back_to_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ETL keeps old builds (etl/load.py KEEP); if a pinned one is gone anyway, read rather than fail."""
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    directory = tmp_path / "warehouse"
    swap_to(directory, "wh-1.duckdb", 1)

    def script_run() -> str:
        db.pin_run()
        swap_to(directory, "wh-2.duckdb", 2)
        (directory / "wh-1.duckdb").unlink()
        return db.version()

    assert in_new_context(script_run) == "wh-2.duckdb"


def test_etl_swap_keeps_the_file_a_pinned_run_reads(tmp_path: Path) -> None:
    """A run pinned just before a swap must still find its file after the swap's prune (etl/load.py)."""
    from etl import load

    directory = tmp_path / "warehouse"
    for n in (1, 2, 3):
        make_warehouse(directory, f"wh-{n}.duckdb", n)
        load.swap(directory, directory / f"wh-{n}.duckdb")
    assert (directory / "wh-2.duckdb").is_file() and (directory / "wh-1.duckdb").is_file()


def test_swapped_out_builds_are_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12 point 10: memory grew with every swap because connections to old builds stayed open."""
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    directory = tmp_path / "warehouse"
    opened = []
    for n in range(1, 8):
        make_warehouse(directory, f"wh-{n}.duckdb", n)
        assert db.query("region_meta")["value"].tolist() == [str(n)]
        opened.append(db.connection())
        if n >= 3:
            (directory / f"wh-{n - 2}.duckdb").unlink()  # the ETL prunes old builds
    mine = [p for p in db._open if p.startswith(str(directory))]
    assert len(mine) <= db.MAX_OPEN
    assert str(directory / "wh-1.duckdb") not in db._open
    with pytest.raises(duckdb.ConnectionException):
        opened[0].execute("SELECT 1")  # closed, not merely forgotten
