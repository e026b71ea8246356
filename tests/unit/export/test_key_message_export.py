"""Issue 16 point 3 in the files: the key message is the PPTX slide's subtitle (commentary and sources in
the speaker notes) and the line under the PDF page's title; an edit changes the file (its cache key)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pypdf import PdfReader

from dashboard.core import memo
from dashboard.core.i18n import fmt_number
from dashboard.export import deck_export, images
from dashboard.export.pdf_deck import build_pdf
from dashboard.export.pptx_deck import build_pptx
from dashboard.export.slides import deck_content
from dashboard.forum import decks, slide_messages
from dashboard.model import registry as chart_registry

DECK = decks.Deck("Viestit", (decks.Slide("population_by_municipality", {}, "Väestö", "Kommentti foorumille"),))


@pytest.fixture
def env(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    memo.clear_all()
    return tmp_path


@pytest.mark.skipif(images.browser() is None, reason="needs Debian chromium (make test)")
def test_message_is_the_subtitle_and_commentary_with_sources_the_notes(env: Path) -> None:
    content = deck_content(DECK, "en", scale=0.25)
    (slide,) = list(Presentation(io.BytesIO(build_pptx(content, "en"))).slides)[1:-1]
    kinds = {ph.placeholder_format.type: ph.text_frame.text for ph in slide.placeholders}
    assert kinds[PP_PLACEHOLDER.CENTER_TITLE] == "Väestö"
    assert kinds[PP_PLACEHOLDER.SUBTITLE].startswith("Saarijärvi-Viitasaari: population 26,387 (2025), −1.3%")
    notes = slide.notes_slide.notes_text_frame.text
    assert notes.startswith("Kommentti foorumille") and "Source: Tilastokeskus" in notes and "11lj" in notes
    page = PdfReader(io.BytesIO(build_pdf(content, "en"))).pages[1].extract_text()
    assert "Väestö\nSaarijärvi-Viitasaari: population 26,387 (2025)" in page and "Kommentti foorumille" in page


def test_an_edited_message_goes_into_the_export_and_its_key(env: Path) -> None:
    before = deck_export.cache_key(DECK, "pptx", "fi")
    view = chart_registry.render("population_by_municipality", "fi", {})
    computed = slide_messages.for_slide(DECK, 1, view, "fi").computed
    assert fmt_number(26387) in computed
    slide_messages.save(DECK, 1, "fi", "Väki vähenee, palvelut sopeutetaan.", computed, "koordinaattori")
    assert deck_export.cache_key(DECK, "pptx", "fi") != before
    assert slide_messages.for_slide(DECK, 1, view, "fi").text == "Väki vähenee, palvelut sopeutetaan."
