"""Exports read back: PPTX slides with a picture and the source text, PDF pages, PNG size."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pypdf import PdfReader

from dashboard.export import __main__ as export_cli
from dashboard.export.images import render_images
from dashboard.forum import decks

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium (make test)")


FIGURE = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
PNG_SIZE = {"width": 640, "height": 360, "scale": 2}


@pytest.fixture(scope="module")
def png_cache(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """FIGURE rendered once as a PNG into a fresh image cache (a data dir of its own: the repo's data/exports
    is never written, and an image cached there by an earlier run would let a test pass without rendering)."""
    data_dir = tmp_path_factory.mktemp("png_export")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
        (png,) = render_images([FIGURE], "png", **PNG_SIZE)
    return data_dir, png


@pytest.fixture(scope="module")
def svg_from_a_running_loop(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A bar chart rendered as SVG by a caller that already runs an event loop in its thread, as Playwright's
    sync API (e2e tests) and other callers may; into a fresh image cache, so the browser really runs."""
    import asyncio
    import concurrent.futures

    async def inside() -> list[bytes]:
        return render_images([go.Figure(go.Bar(x=["a"], y=[1]))], "svg", width=400, height=300)

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path_factory.mktemp("svg_export")))
        # A thread of its own for the caller's loop, since the test process itself may already run one.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            (svg,) = pool.submit(asyncio.run, inside()).result()
    return svg


def test_png_has_the_requested_size(png_cache: tuple[Path, bytes]) -> None:
    _, png = png_cache
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1280, 720)


def test_svg_export(svg_from_a_running_loop: bytes) -> None:
    head = svg_from_a_running_loop[:500]
    assert b"<svg" in head and b'width="400"' in head and b'height="300"' in head


def test_default_deck_as_pptx_and_pdf(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(app_env))
    from dashboard.model import registry as chart_registry

    deck = decks.load_deck("Aluefoorumi", "fi")
    available = sum(s.chart_id in chart_registry.load_all() for s in deck.slides)
    pptx_file, pdf_file = tmp_path / "d.pptx", tmp_path / "d.pdf"
    assert export_cli.main(["--format", "pptx", "--out", str(pptx_file)]) == 0
    assert export_cli.main(["--format", "pdf", "--out", str(pdf_file)]) == 0

    slides = list(Presentation(io.BytesIO(pptx_file.read_bytes())).slides)
    assert len(slides) == available + 2  # title slide + charts + sources slide
    for slide in slides[1:-1]:
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert len(pictures) == 1 and "Lähde:" in texts and "tiedot" in texts
    assert "CC BY 4.0" in " ".join(s.text_frame.text for s in slides[-1].shapes if s.has_text_frame)

    pages = PdfReader(io.BytesIO(pdf_file.read_bytes())).pages
    assert len(pages) == available + 2
    assert "Lähde:" in pages[1].extract_text() and "Väestö kunnittain" in pages[1].extract_text()
    assert list((app_env / "exports").glob("deck-*.pptx"))  # cached for the next request


def test_unknown_deck_is_a_clear_error(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    assert export_cli.main(["--deck", "Ei ole", "--format", "pdf", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "no deck named 'Ei ole'" in capsys.readouterr().err


def test_rendered_images_are_reused(png_cache: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, first = png_cache
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    from dashboard.export import images

    monkeypatch.setattr(images, "_render", lambda *a, **k: pytest.fail("the browser ran for a cached image"))
    assert render_images([FIGURE], "png", **PNG_SIZE) == [first]


def test_export_works_inside_a_running_event_loop(svg_from_a_running_loop: bytes) -> None:
    """Playwright's sync API (e2e tests) and other callers may already run an event loop in this thread:
    the fixture renders from inside one."""
    assert b"<svg" in svg_from_a_running_loop[:500]
