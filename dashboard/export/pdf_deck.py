"""A deck as a 16:9 PDF (fpdf2) with the same pages as the PPTX."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF

from dashboard.export.images import ExportError
from dashboard.export.slides import DeckContent, closing_lines, sources_heading

PAGE = (338.67, 190.5)  # mm, 16:9 like the PPTX
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core: Finnish letters, €, −, –


def _pdf() -> FPDF:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not regular.is_file() or not bold.is_file():
        raise ExportError(f"PDF export needs the DejaVu fonts in {FONT_DIR} (Debian package fonts-dejavu-core)")
    pdf = FPDF(orientation="P", unit="mm", format=PAGE)  # PAGE is already (wide, short)
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    return pdf


def text_page(pdf: FPDF, title: str, lines: Sequence[str]) -> None:
    """A page of text only (the what-changed section): title and one line after another."""
    width = PAGE[0] - 24
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 20)
    pdf.set_xy(12, 8)
    pdf.multi_cell(width, 9, title)
    pdf.set_font("DejaVu", "", 11)
    pdf.set_x(12)
    pdf.multi_cell(width, 6, "\n".join(lines))


def build_pdf(content: DeckContent, lang: str, intro: Sequence = ()) -> bytes:
    """The deck; `intro`: text pages (.title, .lines) right after the title page."""
    pdf = _pdf()
    width = PAGE[0] - 24
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 30)
    pdf.set_xy(12, 70)
    pdf.multi_cell(width, 13, content.title)
    pdf.set_font("DejaVu", "", 16)
    pdf.set_x(12)
    pdf.multi_cell(width, 9, content.subtitle)
    for extra in intro:
        text_page(pdf, extra.title, extra.lines)

    for item in content.slides:
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 20)
        pdf.set_xy(12, 8)
        pdf.multi_cell(width, 9, item.title)
        top = 22
        if item.message:  # the key message under the title
            pdf.set_font("DejaVu", "", 13)
            pdf.set_x(12)
            pdf.multi_cell(width, 6, item.message)
            top = max(top, pdf.get_y() + 2)
        image_h = (140 if item.commentary else 160) - top
        image_w = image_h * 16 / 9
        pdf.image(io.BytesIO(item.image_png), x=(PAGE[0] - image_w) / 2, y=top, w=image_w, h=image_h)
        if item.commentary:
            pdf.set_font("DejaVu", "", 12)
            pdf.set_xy(12, top + image_h + 3)
            pdf.multi_cell(width, 6, item.commentary)
        pdf.set_font("DejaVu", "", 8)
        pdf.set_xy(12, PAGE[1] - 12)
        pdf.multi_cell(width, 4, item.footer)

    pdf.add_page()
    pdf.set_font("DejaVu", "B", 20)
    pdf.set_xy(12, 8)
    pdf.multi_cell(width, 9, sources_heading(lang))
    pdf.set_font("DejaVu", "", 11)
    pdf.set_x(12)
    pdf.multi_cell(width, 6, "\n".join(closing_lines(content, lang)))
    return bytes(pdf.output())
