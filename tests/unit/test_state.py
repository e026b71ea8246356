"""The app's own store: migrations, atomic audited writes, export → wipe → restore."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dashboard.core import sqlfiles
from dashboard.core import store as state


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app_state.duckdb"
    monkeypatch.setenv("TILANNEKUVA_STATE", str(path))
    # A tiny table for the tests, as a feature would add it, via named statements in a tmp SQL dir.
    sql_dir = tmp_path / "sql"
    (sql_dir / "migrations").mkdir(parents=True)
    for migration in state.MIGRATIONS.glob("001_*.sql"):  # the core only; features bring their own
        (sql_dir / "migrations" / migration.name).write_text(migration.read_text())
    (sql_dir / "migrations" / "900_notes.sql").write_text("CREATE TABLE note (id VARCHAR PRIMARY KEY, text VARCHAR);")
    (sql_dir / "note_insert.sql").write_text("INSERT INTO note VALUES ($id, $text)")
    (sql_dir / "notes.sql").write_text("SELECT * FROM note ORDER BY id")
    for name in ("audit_insert", "audit_log"):
        (sql_dir / f"{name}.sql").write_text(sqlfiles.index()[name].read_text())
    monkeypatch.setattr(state, "sql", lambda name: (sql_dir / f"{name}.sql").read_text(encoding="utf-8"))
    monkeypatch.setattr(state, "MIGRATIONS", sql_dir / "migrations")
    return path


def test_write_is_audited(store: Path) -> None:
    state.write("koordinaattori@example.fi", "create", "note", "n1", [("note_insert", {"id": "n1", "text": "hei"})],
                after={"id": "n1", "text": "hei"})  # fmt: skip
    assert state.query("notes")["text"].tolist() == ["hei"]
    log = state.query("audit_log", {"limit": 5}).iloc[0]
    assert (log["actor"], log["action"], log["entity_id"]) == ("koordinaattori@example.fi", "create", "n1")
    assert '"text": "hei"' in log["after_json"] and log["before_json"] is None


def test_failed_write_leaves_nothing(store: Path) -> None:
    state.write("a", "create", "note", "n1", [("note_insert", {"id": "n1", "text": "first"})])
    with pytest.raises(duckdb.ConstraintException):
        state.write("a", "create", "note", "n2", [("note_insert", {"id": "n2", "text": "ok"}),
                                                  ("note_insert", {"id": "n1", "text": "duplicate"})])  # fmt: skip
    assert state.query("notes")["id"].tolist() == ["n1"]
    assert len(state.query("audit_log", {"limit": 10})) == 1


def test_migrations_run_once(store: Path) -> None:
    with state.connect() as con:
        names = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
        assert names == ["001_core", "900_notes"]
        assert state.migrate(con) == []


def test_export_wipe_restore_round_trip(store: Path) -> None:
    state.write("a", "create", "note", "n1", [("note_insert", {"id": "n1", "text": "säilyy"})])
    archive = state.export_store()
    store.unlink()
    assert state.query("notes").empty  # wiped: a fresh, empty store
    state.restore_store(archive)
    assert state.query("notes")["text"].tolist() == ["säilyy"]
    assert len(state.query("audit_log", {"limit": 10})) == 1


def test_bad_archive_changes_nothing(store: Path) -> None:
    state.write("a", "create", "note", "n1", [("note_insert", {"id": "n1", "text": "x"})])
    with pytest.raises(state.StoreError, match="not a zip"):
        state.restore_store(b"this is not a zip")
    assert state.query("notes")["id"].tolist() == ["n1"]
