"""Store faults (issue 12 point 4): a locked, damaged, read-only or vanished app store never takes a public
page down. The page draws its statistics, says the coordinator's data is unavailable, and the file is
left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dashboard.core import store
from dashboard.core.auth import EDITOR, User
from dashboard.forum import annotations
from tests.app.conftest import open_page, plotly_figures

EDITOR_USER = User("koordinaattori@example.fi", EDITOR, "local")
UNAVAILABLE = "eivät ole nyt saatavilla"


@pytest.fixture
def store_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app_state.duckdb"
    monkeypatch.setenv("TILANNEKUVA_STATE", str(path))
    monkeypatch.setattr(store, "RETRY_SECONDS", 0.0)  # every run tries the file again
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def warnings(app) -> list[str]:
    return [w.value for w in app.warning]


def with_a_note(path: Path) -> None:
    annotations.add("population", "SK138", date(2019, 6, 1), "Tehdas suljettiin", EDITOR_USER.name)
    assert path.exists()


def test_damaged_store(app, store_file: Path) -> None:
    store_file.write_bytes(b"this is not a DuckDB file\n" * 200)
    before = digest(store_file)
    open_page(app, "pages/vaesto.py", **{"vaesto.osio": "ikarakenne"})
    assert any(UNAVAILABLE in w and "vioittunut" in w for w in warnings(app))
    assert len(plotly_figures(app)) == 4  # the statistics are all there (Väestö's age-structure part)
    assert digest(store_file) == before


def test_store_locked_by_another_process(app, store_file: Path) -> None:
    with_a_note(store_file)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "time.sleep(120)", str(store_file)], stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        open_page(app, "pages/vaesto.py", **{"vaesto.osio": "ikarakenne"})
        assert any(UNAVAILABLE in w and "lukittuna" in w for w in warnings(app))
        assert len(plotly_figures(app)) == 4
    finally:
        holder.kill()
        holder.wait()
    app.run()  # the lock is gone: the next run reads the store again
    assert not app.exception and not any(UNAVAILABLE in w for w in warnings(app))


def test_read_only_store_is_enough_for_viewing(app, store_file: Path) -> None:
    with_a_note(store_file)
    before = digest(store_file)
    os.chmod(store_file, 0o444)
    try:
        open_page(app, "pages/vaesto.py")
    finally:
        os.chmod(store_file, 0o644)
    assert not any(UNAVAILABLE in w for w in warnings(app))
    assert digest(store_file) == before


def test_vanished_store_is_said_not_recreated(app, store_file: Path) -> None:
    with_a_note(store_file)
    open_page(app, "pages/vaesto.py")
    assert not any(UNAVAILABLE in w for w in warnings(app))
    store_file.unlink()
    app.run()
    assert not app.exception
    assert any(UNAVAILABLE in w and "kadonnut" in w for w in warnings(app))
    assert not store_file.exists()  # an empty new store would hide the loss


def test_writes_report_the_problem(store_file: Path) -> None:
    store_file.write_bytes(b"garbage" * 100)
    with pytest.raises(store.StoreUnavailable):
        annotations.add("population", "SK138", date(2019, 6, 1), "ei tallennu", EDITOR_USER.name)
    assert store_file.read_bytes() == b"garbage" * 100
