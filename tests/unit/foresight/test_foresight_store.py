"""Saved foresight scenarios: editors save (audited), anyone reopens, names are unique, viewers cannot write."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core import store as state
from dashboard.core.auth import EDITOR, VIEWER, User
from dashboard.foresight import model
from dashboard.foresight import store as foresight_store

EDITOR_USER = User("koordinaattori@example.fi", EDITOR, "local")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_env) -> Path:
    path = tmp_path / "app_state.duckdb"
    monkeypatch.setenv("TILANNEKUVA_STATE", str(path))
    return path


def test_save_reopen_and_audit(store: Path) -> None:
    scenario = model.Scenario(net_migration=100, profile="families", fertility=110, mortality=0.5)
    scenario_id = foresight_store.save(EDITOR_USER, "  Perheet palaavat ", "kuvaus", scenario, "2019")
    saved = foresight_store.get(scenario_id)
    assert saved is not None and saved.name == "Perheet palaavat" and saved.scenario == scenario
    assert saved.created_by == "koordinaattori@example.fi" and saved.projection == "2019"
    log = state.query("audit_log", {"limit": 1}).iloc[0]
    assert (log["action"], log["entity"], log["entity_id"]) == ("create", "foresight_scenario", scenario_id)
    assert '"net_migration": 100.0' in log["after_json"]


def test_names_are_unique_and_required(store: Path) -> None:
    foresight_store.save(EDITOR_USER, "Perusura", "", model.Scenario(net_migration=10), "2019")
    with pytest.raises(foresight_store.SaveError, match="save_name_taken"):
        foresight_store.save(EDITOR_USER, "perusura", "", model.Scenario(), "2019")
    with pytest.raises(foresight_store.SaveError, match="save_invalid"):
        foresight_store.save(EDITOR_USER, "   ", "", model.Scenario(), "2019")
    assert [s.name for s in foresight_store.saved()] == ["Perusura"]


def test_viewers_cannot_save_or_delete(store: Path) -> None:
    viewer = User("anonymous", VIEWER, "anonymous")
    with pytest.raises(PermissionError):
        foresight_store.save(viewer, "x", "", model.Scenario(), "2019")
    scenario_id = foresight_store.save(EDITOR_USER, "y", "", model.Scenario(), "2019")
    with pytest.raises(PermissionError):
        foresight_store.delete(viewer, scenario_id)
    foresight_store.delete(EDITOR_USER, scenario_id)
    assert foresight_store.get(scenario_id) is None
    assert state.query("audit_log", {"limit": 1}).iloc[0]["action"] == "delete"


def test_compare_table_recomputes_each_saved_scenario(store: Path) -> None:
    a = foresight_store.save(EDITOR_USER, "Muutto +200", "", model.Scenario(net_migration=200), "2019")
    _chart, table = foresight_store.compare_view("fi", "SK138", "population", (a,), model.Scenario())
    assert table["Skenaario"].tolist() == ["Virallinen ennuste 2019", "Muutto +200"]
    official, more = table["Väkiluku 2040"]
    assert official == "21\u00a0496" and int(more.replace("\u00a0", "")) > 21496
