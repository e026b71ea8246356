"""Decks: the built-in default, validation, audited save and load, table round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.forum import decks
from dashboard.forum import presentation as forum


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    return tmp_path


def test_default_deck_exists_out_of_the_box(store: Path) -> None:
    deck = decks.load_deck("Aluefoorumi", "fi")
    assert not deck.saved and deck.slides[0].chart_id == "population_by_municipality"
    assert [s.title for s in deck.slides][:2] == ["Väestö kunnittain", "Ikärakenne"]
    assert decks.deck_names() == ["Aluefoorumi"]


def test_save_and_reload(store: Path) -> None:
    deck = decks.Deck("Kuntatiimi 3/2027", (decks.Slide("population_by_municipality", {"x": 1}, "Väki", "Laskee"),))
    decks.save_deck(deck, "koordinaattori", {"population_by_municipality"})
    loaded = decks.load_deck("Kuntatiimi 3/2027", "fi")
    assert loaded.saved and loaded.slides == deck.slides and loaded.digest() == deck.digest()
    assert "Kuntatiimi 3/2027" in decks.deck_names()


def test_invalid_decks_are_refused_and_nothing_is_written(store: Path) -> None:
    with pytest.raises(decks.DeckError, match="unknown chart"):
        decks.save_deck(decks.Deck("X", (decks.Slide("no_such_chart"),)), "a", {"population_by_municipality"})
    with pytest.raises(decks.DeckError, match="name"):
        decks.save_deck(decks.Deck(" ", (decks.Slide("c"),)), "a", {"c"})
    with pytest.raises(decks.DeckError, match="slides"):
        decks.save_deck(decks.Deck("Y", ()), "a", {"c"})
    assert decks.saved_decks() == []


def test_editor_table_round_trip_and_bad_json() -> None:
    deck = decks.Deck("D", (decks.Slide("c", {"kunta": "KU001"}, "T", "C"),))
    assert forum.deck_from_table("D", forum.slides_table(deck)) == deck
    with pytest.raises(decks.DeckError, match="row 1: selections are not valid JSON"):
        forum.deck_from_table("D", [{"chart": "c", "params": "{kunta: 1"}])
