"""A deck as a 16:9 PowerPoint file (python-pptx): title slide, one slide per chart, sources slide.

A chart slide uses the template's title-and-subtitle layout: the title placeholder holds the slide's title
and the subtitle placeholder its key message (so outlines and screen readers see both as such); the
commentary and the sources of the chart go into the speaker notes, the source line stays on the slide."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dashboard.export.slides import DeckContent, SlideContent, closing_lines, sources_heading

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
TITLE_AND_SUBTITLE = 0  # the default template's "Title Slide" layout: a title and a subtitle placeholder


def _text(slide, text: str, left: Emu, top: Emu, width: Emu, height: Emu, size: int, bold: bool = False) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold


def _heading(slide, title: str, message: str, left: Emu, width: Emu) -> None:
    """Fill the layout's title and subtitle placeholders, moved to the top; no message: no subtitle shape."""
    heading, subtitle = slide.placeholders[0], slide.placeholders[1]
    heading.left, heading.top, heading.width, heading.height = left, Inches(0.25), width, Inches(0.8)
    heading.text_frame.text = title
    heading.text_frame.paragraphs[0].font.size = Pt(28)
    heading.text_frame.paragraphs[0].font.bold = True
    heading.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    if not message:
        subtitle._element.getparent().remove(subtitle._element)
        return
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = left, Inches(1.05), width, Inches(0.8)
    subtitle.text_frame.text = message
    subtitle.text_frame.word_wrap = True
    subtitle.text_frame.paragraphs[0].font.size = Pt(18)
    subtitle.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def speaker_notes(item: SlideContent) -> str:
    """The commentary, then the chart's sources and data dates."""
    return "\n\n".join(part for part in (item.commentary, item.footer) if part)


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
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_SUBTITLE])
        _heading(slide, item.title, item.message, margin, inner)
        top = Inches(1.9) if item.message else Inches(1.1)
        picture_h = Inches(6.75) - top
        picture_w = Emu(int(picture_h * 16 / 9))
        picture = slide.shapes.add_picture(io.BytesIO(item.image_png), int((SLIDE_W - picture_w) / 2),
                                           top, width=picture_w, height=picture_h)  # fmt: skip
        picture._element.nvPicPr.cNvPr.set("descr", item.alt_text)  # the picture's alt text for screen readers
        _text(slide, item.footer, margin, Inches(6.85), inner, Inches(0.5), 10)
        slide.notes_slide.notes_text_frame.text = speaker_notes(item)

    closing = deck.slides.add_slide(blank)
    _text(closing, sources_heading(lang), margin, Inches(0.3), inner, Inches(0.8), 28, bold=True)
    _text(closing, "\n".join(closing_lines(content, lang)), margin, Inches(1.2), inner, Inches(5.8), 14)

    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
