"""Kuntakortti as PDF: one A4 portrait page per municipality (dashboard/municipality/card.py says what is on
it), drawn with fpdf2's text and vector drawing — no Chromium. Black-and-white safe: black text on white,
the trend lines told apart by line style (solid, dashed, dotted) and named beside a sample of each, the
scorecard's lights as marks with their word, preliminary points as hollow circles with the word in the key.

Every section has a bounded height (the project list and the scorecard say how many lines they leave out),
so a card is exactly one page whatever the data; the sources and data dates sit at the foot of the page.
`cards_pdf` is memoised by the municipalities, the language and the day, and (`memo`) the data version:
the warehouse build and the app store's revision.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from fpdf import FPDF

from dashboard.core import clock, queries
from dashboard.core.i18n import t
from dashboard.core.memo import memo
from dashboard.export.images import ExportError
from dashboard.export.pdf_deck import FONT_DIR
from dashboard.municipality import card as card_model
from dashboard.municipality.card import CardContent, Trend

A4 = (210.0, 297.0)
MARGIN = 12.0
WIDTH = A4[0] - 2 * MARGIN
GREY = 90  # secondary text: dark enough for a photocopy
DASHES = {"solid": (0, 0), "dashed": (1.6, 0.9), "dotted": (0.35, 0.65)}
LINE_WIDTHS = {"solid": 0.55, "dashed": 0.4, "dotted": 0.45}


class CardPDF(FPDF):
    def __init__(self) -> None:
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        if not regular.is_file() or not bold.is_file():
            raise ExportError(f"PDF export needs the DejaVu fonts in {FONT_DIR} (Debian package fonts-dejavu-core)")
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)  # one page per card, by construction
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.add_font("DejaVu", "", str(regular))
        self.add_font("DejaVu", "B", str(bold))
        self.c_margin = 0.6

    def font(self, size: float, bold: bool = False, grey: bool = False) -> None:
        self.set_font("DejaVu", "B" if bold else "", size)
        self.set_text_color(GREY if grey else 0)

    def fit(self, x: float, y: float, w: float, h: float, text: str, size: float, bold: bool = False,
            align: str = "L", grey: bool = False, min_size: float = 5.0) -> None:  # fmt: skip
        """`text` in the box: the font shrinks down to `min_size` to keep one line, then wraps to two lines,
        then the end is cut with '…' (never into the next box)."""
        text = " ".join(str(text).split())
        current = size
        while current > min_size:
            self.font(current, bold, grey)
            if self.get_string_width(text) <= w - 2 * self.c_margin:
                break
            current -= 0.5
        self.font(current, bold, grey)
        if self.get_string_width(text) <= w - 2 * self.c_margin:
            self.set_xy(x, y)
            self.cell(w, h, text, align=align)
            return
        lines = self.multi_cell(w, h / 2, text, align=align, dry_run=True, output="LINES")
        if len(lines) > 2:
            kept = lines[1]
            while kept and self.get_string_width(kept + "…") > w - 2 * self.c_margin:
                kept = kept[:-1]
            lines = [lines[0], kept.rstrip() + "…"]
        for i, line in enumerate(lines):
            self.set_xy(x, y + i * h / 2)
            self.cell(w, h / 2, line, align=align)

    def heading(self, y: float, text: str) -> float:
        self.font(9.5, bold=True)
        self.set_xy(MARGIN, y)
        self.cell(WIDTH, 5, text)
        self.set_line_width(0.3)
        self.set_draw_color(0)
        self.line(MARGIN, y + 5.2, MARGIN + WIDTH, y + 5.2)
        return y + 6.2

    def table_row(self, y: float, widths: list[float], texts: list[str], h: float, size: float,
                  bold: bool = False, aligns: str | None = None, rule: bool = True) -> float:  # fmt: skip
        x = MARGIN
        for i, (w, text) in enumerate(zip(widths, texts)):
            align = aligns[i] if aligns else "L"
            self.fit(x, y, w, h, text, size, bold=bold, align=align)
            x += w
        if rule:
            self.set_line_width(0.1)
            self.set_draw_color(150)
            self.line(MARGIN, y + h, MARGIN + WIDTH, y + h)
        return y + h

    def note(self, y: float, text: str, size: float = 5.8, width: float = WIDTH, x: float = MARGIN) -> float:
        if not text:
            return y
        self.font(size, grey=True)
        self.set_xy(x, y)
        self.multi_cell(width, size * 0.45, text, align="L")
        return self.get_y()


def _header(pdf: CardPDF, content: CardContent) -> float:
    pdf.font(17, bold=True)
    pdf.set_xy(MARGIN, MARGIN)
    pdf.cell(WIDTH, 8, content.title)
    pdf.font(7.5, grey=True)
    pdf.set_xy(MARGIN, MARGIN + 8)
    pdf.cell(WIDTH, 4, content.subtitle)
    return MARGIN + 14


def _figures(pdf: CardPDF, content: CardContent, y: float, lang: str) -> float:
    y = pdf.heading(y, t("card.figures", lang))
    widths = [40, 22, 19, 56, 28, 21]
    names = [t(f"card.col_{c}", lang) for c in ("indicator", "when", "value", "change")]
    y = pdf.table_row(y, widths, [*names, content.subregion, content.region], 4.2, 6.3,
                      bold=True, aligns="LLRLRR")  # fmt: skip
    for row in content.figures:
        texts = [row.indicator, row.when, row.value, row.change, row.subregion, row.region]
        x = MARGIN
        for i, (w, text) in enumerate(zip(widths, texts)):
            pdf.fit(x, y, w, 5.2, text, 8 if i == 2 else 6.8, bold=i == 2, align="LLRLRR"[i], grey=i == 3)
            x += w
        pdf.set_line_width(0.1)
        pdf.set_draw_color(150)
        pdf.line(MARGIN, y + 5.2, MARGIN + WIDTH, y + 5.2)
        y += 5.2
    return y + 0.8


def _ordinal(period: str) -> int:
    return int(period[:4]) * 12 + int(period[5:]) - 1 if len(period) == 7 else int(period)


def _trend_panel(pdf: CardPDF, trend: Trend, x: float, y: float, w: float, lang: str) -> float:
    pdf.fit(x, y, w, 4, trend.title, 7, bold=True)
    top, plot_h, left = y + 4.5, 17.0, 10.0
    values = [v for line in trend.lines for _p, v, _pre in line.points]
    periods = [_ordinal(p) for line in trend.lines for p, _v, _pre in line.points]
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
    low, high = low - pad, high + pad
    first, last = min(periods), max(periods)
    x0, x1 = x + left, x + w - 1.5

    def px(period: str) -> float:
        return x0 + (x1 - x0) * ((_ordinal(period) - first) / (last - first) if last > first else 0.5)

    def py(value: float) -> float:
        return top + plot_h - plot_h * (value - low) / (high - low)

    pdf.set_draw_color(0)
    pdf.set_line_width(0.15)
    pdf.line(x0, top + plot_h, x1, top + plot_h)  # baseline
    pdf.line(x0, top, x0, top + plot_h)
    pdf.font(5.2, grey=True)
    for value in (high - pad, low + pad):
        text = _axis_number(value, lang)
        pdf.set_xy(x, py(value) - 1.2)
        pdf.cell(left - 0.8, 2.4, text, align="R")
    pdf.set_xy(x0 - 2, top + plot_h + 0.3)
    pdf.cell(12, 2.6, trend.first, align="L")
    pdf.set_xy(x1 - 12, top + plot_h + 0.3)
    pdf.cell(12, 2.6, trend.last, align="R")
    preliminary = False
    for line in trend.lines:
        _stroke(pdf, line.style)
        runs, run = [], []
        for period, value, _pre in line.points:  # a missing period breaks the line: gaps are never bridged
            if run and _ordinal(period) - _ordinal(run[-1][0]) > 1:
                runs.append(run)
                run = []
            run.append((period, value))
        runs.append(run)
        for part in runs:
            if len(part) > 1:
                pdf.polyline([(px(p), py(v)) for p, v in part])
        pdf.set_dash_pattern()
        pdf.set_line_width(0.2)
        for part in runs:
            if len(part) == 1:  # an isolated period: a dot, so it is not lost
                pdf.set_fill_color(0)
                pdf.circle(px(part[0][0]), py(part[0][1]), 0.5, style="F")
        for period, value, pre in line.points:
            if pre:
                preliminary = True
                pdf.set_fill_color(255)
                pdf.circle(px(period), py(value), 0.75, style="FD")
    key_y = top + plot_h + 3.2
    for line in trend.lines:
        _stroke(pdf, line.style)
        pdf.line(x + 1, key_y + 1.2, x + 7, key_y + 1.2)
        pdf.set_dash_pattern()
        pdf.fit(x + 8, key_y, w - 22, 2.5, line.area, 5.8)
        pdf.fit(x + w - 14, key_y, 14, 2.5, line.last, 5.8, bold=True, align="R")
        key_y += 2.6
    notes = [n for n in (trend.note, f"○ {t('preliminary.word', lang)}" if preliminary else "") if n]
    if notes:
        pdf.fit(x, key_y, w, 2.5, " · ".join(notes), 5.2, grey=True)
        key_y += 2.6
    return key_y


def _axis_number(value: float, lang: str) -> str:
    from dashboard.core.i18n import fmt_number

    return fmt_number(value, 0 if abs(value) >= 100 else 1, lang)


def _stroke(pdf: CardPDF, style: str) -> None:
    pdf.set_draw_color(0 if style != "dashed" else 70)
    pdf.set_line_width(LINE_WIDTHS[style])
    dash, gap = DASHES[style]
    pdf.set_dash_pattern(dash=dash, gap=gap)


def _trends(pdf: CardPDF, content: CardContent, y: float, lang: str) -> float:
    y = pdf.heading(y, t("card.trends", lang))
    if not content.trends:
        return pdf.note(y, t("card.no_trends", lang)) + 1
    gap = 6.0
    w = (WIDTH - gap * 2) / 3
    bottom = y
    for i, trend in enumerate(content.trends[:3]):
        bottom = max(bottom, _trend_panel(pdf, trend, MARGIN + i * (w + gap), y, w, lang))
    return bottom + 1.0


def _money(pdf: CardPDF, content: CardContent, y: float, lang: str) -> float:
    y = pdf.heading(y, t("card.money", lang))
    if content.money:
        widths = [20, 34, 30, 30, 36, 36]
        heads = [t(f"card.col_{c}", lang) for c in ("period", "projects", "granted", "realised", "per_resident",
                                                    "subregion_per_resident")]  # fmt: skip
        y = pdf.table_row(y, widths, heads, 4.0, 6.2, bold=True, aligns="LLRRRR")
        for row in content.money:
            y = pdf.table_row(y, widths, [row.period, row.projects, row.granted, row.realised, row.per_resident,
                                          row.subregion_per_resident], 4.0, 6.8, aligns="LLRRRR")  # fmt: skip
    y = pdf.note(y + 0.5, content.money_note) + 0.8
    if content.projects:
        widths = [20, 106, 18, 24, 18]
        heads = [t(f"card.col_{c}", lang) for c in ("code", "project", "period", "fund", "granted")]
        y = pdf.table_row(y, widths, heads, 3.6, 6.0, bold=True, aligns="LLLLR")
        for row in content.projects:  # register text: drawn as plain text, nothing interprets it
            y = pdf.table_row(y, widths, [row.code, row.name, row.period, row.fund, row.granted], 3.5, 6.3,
                              aligns="LLLLR")  # fmt: skip
    return pdf.note(y + 0.5, content.projects_more) + 1.0


def _scorecard(pdf: CardPDF, content: CardContent, y: float, bottom: float, lang: str) -> float:
    y = pdf.heading(y, t("card.scorecard", lang))
    y = pdf.note(y, content.scorecard_note, 5.5) + 0.6
    h, gap = 2.75, 4.0
    w = (WIDTH - gap) / 2
    widths = [w - 48, 14, 9, 20, 5]
    rows: list[tuple[str, object]] = []
    for section in content.scorecard:
        rows.append(("title", section.title))
        rows += [("line", line) for line in section.lines]
    per_column = max(1, int((bottom - y) // h))
    left_out = 0
    if len(rows) > per_column * 2:  # never past the footer: say how many lines the page leaves out
        per_column -= 1  # the last line's room holds the note saying so
        capacity = per_column * 2
        left_out = sum(kind == "line" for kind, _ in rows[capacity - 1 :])
        rows = rows[: capacity - 1]
    split = min(per_column, (len(rows) + 1) // 2)
    if split < len(rows) and rows[split - 1][0] == "title":
        split -= 1  # a spearhead's title never ends a column
    for column, part in enumerate((rows[:split], rows[split:])):
        x, cy = MARGIN + column * (w + gap), y
        for kind, item in part:
            if kind == "title":
                pdf.fit(x, cy, w, h, str(item), 6.6, bold=True)
                pdf.set_line_width(0.1)
                pdf.set_draw_color(0)
                pdf.line(x, cy + h, x + w, cy + h)
            else:
                name = item.indicator + (f" ({t('card.target', lang)} {item.target})" if item.target != t(
                    "funding_score.no_target", lang) else "")  # fmt: skip
                cx = x
                for width, text, align in zip(widths, [name, item.value, item.period, item.trend, item.mark.split()[0]],
                                              "LRLLC"):  # fmt: skip
                    pdf.fit(cx, cy, width, h, text, 5.8, bold=width == 14, align=align, min_size=4.6)
                    cx += width
            cy += h
    bottom_y = y + max(split, len(rows) - split) * h
    if left_out:
        bottom_y = pdf.note(y + per_column * h, t("card.scorecard_more", lang, n=left_out), 5.5)
    return bottom_y


def _footer_text(content: CardContent, lang: str) -> str:
    return (f"{t('card.data_dates', lang)}: {content.data_dates}\n"
            + " · ".join(content.sources))  # fmt: skip


FOOTER_MAX = 42.0  # mm: the sources never take the page; the font shrinks first, then the text is cut


def _footer_lines(pdf: CardPDF, text: str) -> tuple[float, float, list[str]]:
    """(font size, line height, lines) of the footer within FOOTER_MAX."""
    size = 5.4
    while True:
        pdf.font(size, grey=True)
        height = size * 0.455
        lines = pdf.multi_cell(WIDTH, height, text, dry_run=True, output="LINES")
        if len(lines) * height <= FOOTER_MAX or size <= 4.6:
            break
        size -= 0.2
    keep = int(FOOTER_MAX // height)
    if len(lines) > keep:
        lines = [*lines[: keep - 1], lines[keep - 1].rstrip() + " …"]
    return size, height, lines


def draw_card(pdf: CardPDF, content: CardContent, lang: str) -> tuple[float, float]:
    """One card on a new page; returns (where the content ends, where the footer starts), in mm."""
    pdf.add_page()
    size, height, lines = _footer_lines(pdf, _footer_text(content, lang))
    footer_top = A4[1] - MARGIN - len(lines) * height
    y = _header(pdf, content)
    y = _figures(pdf, content, y, lang)
    y = _trends(pdf, content, y, lang)
    y = _money(pdf, content, y, lang)
    y = _scorecard(pdf, content, y, footer_top - 1.5, lang)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0)
    pdf.line(MARGIN, footer_top - 0.8, MARGIN + WIDTH, footer_top - 0.8)
    pdf.font(size, grey=True)
    for i, line in enumerate(lines):
        pdf.set_xy(MARGIN, footer_top + i * height)
        pdf.cell(WIDTH, height, line)
    return y, footer_top


def build_cards(contents: list[CardContent], lang: str) -> bytes:
    pdf = CardPDF()
    pdf.set_title(contents[0].title if len(contents) == 1 else t("card.all_title", lang))
    pdf.set_lang(lang)
    for content in contents:
        draw_card(pdf, content, lang)
    return bytes(pdf.output())


ALL = "all"


@memo
def cards_pdf(codes: tuple[str, ...], lang: str, today: date) -> bytes:
    """The cards of `codes` ('KU182', …) in one PDF, a page each, as of `today` (memoised with the data
    version: warehouse build and store revision)."""
    return build_cards([card_model.card(code, lang, today) for code in codes], lang)


def file_name(code: str, lang: str) -> str:
    """'kuntakortti-182-jamsa.pdf'; 'kuntakortit.pdf' for all."""
    if code == ALL:
        return f"{t('card.file_all', lang)}.pdf"
    name = queries.area_names(lang).get(code, code).lower()
    plain = name.translate(str.maketrans("äöåé", "aoae")).replace(" ", "-")
    return f"{t('card.file_one', lang)}-{code.removeprefix('KU')}-{plain}.pdf"


def codes_for(code: str) -> tuple[str, ...]:
    """'182' / 'KU182' → ('KU182',); 'all' → every focus municipality; card_model.CardError otherwise."""
    if code.strip().lower() == ALL:
        return tuple(queries.focus_codes())
    return (card_model.resolve(code),)


def write_cards(code: str, out: Path, lang: str) -> int:
    """The command line's `--card`: 0 written · 2 not a focus municipality · 3 the export failed."""
    start = time.perf_counter()
    try:
        codes = codes_for(code)
        data = cards_pdf(codes, lang, clock.today())
    except card_model.CardError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ExportError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 3
    out.write_bytes(data)
    print(f"wrote {out} ({len(data) // 1024} KiB, {len(codes)} card(s)) in {time.perf_counter() - start:.1f} s")
    return 0
