"""Issue 12 point 3: exports are keyed by everything a slide depends on, say which slides they leave out,
and fail clearly without Chromium (never a text file named as an image)."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation

from dashboard.core import clock, memo
from dashboard.core.auth import EDITOR, User
from dashboard.export import __main__ as export_cli
from dashboard.export import deck_export, images
from dashboard.forum import annotations, decks

CHROMIUM = pytest.mark.skipif(images.browser() is None, reason="needs Debian chromium (make test)")
EDITOR_USER = User("koordinaattori@example.fi", EDITOR, "local")
FUNDING = decks.Deck("Rahoitus", (decks.Slide("funding_by_fund", {}, "Rahoitus rahastoittain"),))


@pytest.fixture
def env(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data dir of its own (no exported files or images cached yet) and an empty app store."""
    shutil.rmtree(data_dir / "exports", ignore_errors=True)
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    memo.clear_all()
    return data_dir


def picture_descriptions(pptx: bytes) -> list[str]:
    slides = Presentation(io.BytesIO(pptx)).slides
    return [shape._element.nvPicPr.cNvPr.get("descr") for slide in slides for shape in slide.shapes
            if shape.shape_type == 13]  # fmt: skip


def closing_text(pptx: bytes) -> str:
    last = list(Presentation(io.BytesIO(pptx)).slides)[-1]
    return " ".join(shape.text_frame.text for shape in last.shapes if shape.has_text_frame)


def test_the_cache_key_holds_store_date_language_and_deck(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = deck_export.cache_key(FUNDING, "pptx", "fi")
    assert deck_export.cache_key(FUNDING, "pptx", "fi") == key  # stable while nothing changes
    assert deck_export.cache_key(FUNDING, "pptx", "sv") != key and deck_export.cache_key(FUNDING, "pdf", "fi") != key
    other = decks.Deck("Rahoitus", (decks.Slide("funding_by_fund", {"kausi": "2014-2020"}, "Rahoitus"),))
    assert deck_export.cache_key(other, "pptx", "fi") != key

    with monkeypatch.context() as m:
        m.setattr(clock, "today", lambda: date(2099, 1, 1))
        assert deck_export.cache_key(FUNDING, "pptx", "fi") != key  # the title slide's date, the position "today"
    before = deck_export.cache_key(FUNDING, "pptx", "fi")
    annotations.add("population", "KU729", date(2009, 1, 1), "Kuntaliitos", "k")  # any store change
    assert deck_export.cache_key(FUNDING, "pptx", "fi") != before


@CHROMIUM
def test_after_a_store_change_the_export_shows_the_new_figure(env: Path) -> None:
    """The issue's case: one more project, and the exported PPTX still said 106 (the old file was served)."""
    from dashboard.funding import store as funding_store

    first = deck_export.export_deck(FUNDING, "pptx", "fi")
    assert "Valinnassa 106 hanketta" in picture_descriptions(first)[0]
    funding_store.save_project(EDITOR_USER, {"project_id": "TESTI-1", "name": "Testihanke", "fund": "EAKR",
                                             "fund_group": "ERDF", "programme_period": "2021-2027",
                                             "municipality_codes": "KU729", "granted_eur": 1000.0,
                                             "start_date": "2022-01-01", "end_date": "2023-01-01"})  # fmt: skip
    second = deck_export.export_deck(FUNDING, "pptx", "fi")
    assert "Valinnassa 107 hanketta" in picture_descriptions(second)[0]
    assert len(list((env / "exports").glob("deck-*.pptx"))) == 2


@CHROMIUM
def test_slides_left_out_are_named_in_the_file_and_on_stderr(env: Path, tmp_path: Path, capsys) -> None:
    deck = decks.Deck("Vanha", (decks.Slide("population_by_municipality", {}, "Väestö"),
                                decks.Slide("retired_chart", {}, "Poistunut kuva")))  # fmt: skip
    decks.save_deck(deck, "k", {"population_by_municipality", "retired_chart"})  # saved before the chart went
    out = tmp_path / "vanha.pptx"
    assert export_cli.main(["--deck", "Vanha", "--format", "pptx", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "1 slide(s) left out" in captured.err and "Poistunut kuva" in captured.err
    assert "1 of 2 slide(s)" in captured.out
    assert "jätettiin pois" in closing_text(out.read_bytes()) and "Poistunut kuva" in closing_text(out.read_bytes())

    from pypdf import PdfReader

    pdf = tmp_path / "vanha.pdf"
    assert export_cli.main(["--deck", "Vanha", "--format", "pdf", "--out", str(pdf)]) == 0
    assert "Poistunut kuva" in PdfReader(io.BytesIO(pdf.read_bytes())).pages[-1].extract_text()


def test_without_chromium_the_cli_exits_with_a_clear_error(env: Path, tmp_path: Path, capsys,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(images, "browser", lambda: None)
    out = tmp_path / "d.pptx"
    assert export_cli.main(["--format", "pptx", "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "no Chromium browser found" in err and "nothing was written" in err
    assert not out.exists() and not list((env / "exports").glob("deck-*"))


def test_a_failed_image_is_an_error_in_the_users_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PNG/SVG download used to deliver the English error text under an image's name and type."""
    import plotly.graph_objects as go

    from dashboard.ui import components

    def fail(*_args, **_kwargs):
        raise images.ExportError("browser crashed")

    monkeypatch.setattr(components, "render_images", fail)
    with pytest.raises(images.ExportError, match=r"^Kuvaa ei voitu tehdä: browser crashed$"):
        components._image(go.Figure(), "png", "fi")
    with pytest.raises(images.ExportError, match=r"^Bilden kunde inte skapas"):
        components._image(go.Figure(), "svg", "sv")


def test_availability_follows_the_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(images, "SYSTEM_CHROMIUM", str(tmp_path / "chromium"))
    assert images.browser() is None and not images.available()
    (tmp_path / "chromium").write_text("")
    assert images.browser() == str(tmp_path / "chromium")
