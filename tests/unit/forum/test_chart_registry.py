"""Every chart a deck can show renders with its default selections, and bad selections fall back."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.forum import decks
from dashboard.model import registry as chart_registry


@pytest.mark.parametrize("chart_id", sorted(chart_registry.load_all()))
def test_every_registered_chart_renders(app_env: Path, chart_id: str) -> None:
    view = chart_registry.render(chart_id, "fi", {})
    assert view is not None and len(view.figure.data) > 0
    assert ("Lähde:" in view.caption or "https://" in view.caption) and view.alt_text and not view.data.empty


def test_every_default_deck_slide_is_registered() -> None:
    registered = set(chart_registry.load_all())
    assert {s.chart_id for s in decks.default_deck("fi").slides} <= registered


def test_unknown_area_falls_back_to_the_subregion(app_env: Path) -> None:
    view = chart_registry.render("unemployment_rate", "fi", {"kunta": "KU999", "unknown": 1})
    assert "SK138" in set(view.data["area_code"])


def test_unknown_chart_is_named() -> None:
    with pytest.raises(KeyError, match="unknown chart 'nope'"):
        chart_registry.render("nope", "fi")


def test_projection_slide_can_carry_a_saved_scenario(app_env: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    from dashboard.core.auth import EDITOR, User
    from dashboard.foresight import model as foresight_model
    from dashboard.foresight import store as foresight_store

    scenario = foresight_model.Scenario(net_migration=150.0)
    scenario_id = foresight_store.save(User("k", EDITOR, "local"), "Muuttovoitto", "", scenario, "2019")
    official = chart_registry.render("projection_official", "fi", {})
    with_scenario = chart_registry.render("projection_official", "fi", {"skenaario": scenario_id})
    assert len(with_scenario.figure.data) > len(official.figure.data)  # the scenario is drawn beside
