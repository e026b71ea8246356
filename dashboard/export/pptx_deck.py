"""A deck as a 16:9 PowerPoint file (python-pptx): title slide, one slide per chart, sources slide."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from dashboard.export.slides import DeckContent, closing_lines, sources_heading

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)


def _text(slide, text: str, left: Emu, top: Emu, width: Emu, height: Emu, size: int, bold: bool = False) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold


def text_slide(deck, title: str, lines: Sequence[str]) -> None:
    """A slide of text only (the what-changed section): title and one paragraph per line."""
    margin = Inches(0.5)
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, title, margin, Inches(0.3), SLIDE_W - 2 * margin, Inches(0.8), 28, bold=True)
    _text(slide, "\n".join(lines), margin, Inches(1.2), SLIDE_W - 2 * margin, Inches(5.9), 14)


def build_pptx(content: DeckContent, lang: str, intro: Sequence = ()) -> bytes:
    """The deck; `intro`: text slides (.title, .lines) right after the title slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    blank = deck.slide_layouts[6]
    margin = Inches(0.5)
    inner = SLIDE_W - 2 * margin

    title = deck.slides.add_slide(blank)
    _text(title, content.title, margin, Inches(2.6), inner, Inches(1.4), 40, bold=True)
    _text(title, content.subtitle, margin, Inches(4.1), inner, Inches(0.8), 22)
    for extra in intro:
        text_slide(deck, extra.title, extra.lines)

    for item in content.slides:
        slide = deck.slides.add_slide(blank)
        _text(slide, item.title, margin, Inches(0.3), inner, Inches(0.8), 28, bold=True)
        picture_h = Inches(4.9) if item.commentary else Inches(5.7)
        picture_w = Emu(int(picture_h * 16 / 9))
        picture = slide.shapes.add_picture(io.BytesIO(item.image_png), int((SLIDE_W - picture_w) / 2),
                                           Inches(1.1), width=picture_w, height=picture_h)  # fmt: skip
        picture._element.nvPicPr.cNvPr.set("descr", item.alt_text)  # the picture's alt text for screen readers
        if item.commentary:
            _text(slide, item.commentary, margin, Inches(6.05), inner, Inches(0.7), 16)
        _text(slide, item.footer, margin, Inches(6.85), inner, Inches(0.5), 10)

    closing = deck.slides.add_slide(blank)
    _text(closing, sources_heading(lang), margin, Inches(0.3), inner, Inches(0.8), 28, bold=True)
    _text(closing, "\n".join(closing_lines(content, lang)), margin, Inches(1.2), inner, Inches(5.8), 14)

    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
