"""Yleiskuva offers the kuntakortti: a download per focus municipality and one for all, built only when a
button is clicked (drawing the page builds no PDF)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.export import card_pdf

NAMES = ["Kannonkoski", "Karstula", "Kinnula", "Kivijärvi", "Kyyjärvi", "Pihtipudas", "Saarijärvi", "Viitasaari"]


def test_card_downloads_on_the_overview(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_build(*_args, **_kwargs):
        raise AssertionError("a card PDF was built while the page was drawn")

    monkeypatch.setattr(card_pdf, "build_cards", no_build)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    labels = [b.label for b in app.get("download_button")]
    assert labels[-9:] == [*NAMES, "Kaikki 8 kuntaa yhtenä tiedostona"]
    assert "Kuntakortit (PDF)" in [h.value for h in app.header]
