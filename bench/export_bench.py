"""Deck export time: a 10-slide deck to PPTX and PDF, rendered from scratch (export cache bypassed); and
the eight-card kuntakortti PDF (every focus municipality, a page each), built from scratch (memo bypassed).

Goal (issue 6): a 10-slide PPTX in under 10 s. The deck cycles through every registered chart, so it
grows heavier as pages add charts; one kaleido/Chromium server renders each deck's images.
"""

from __future__ import annotations

import itertools
import shutil
import time
from dataclasses import dataclass

GOAL_S = 10.0
SLIDES = 10


@dataclass(frozen=True)
class ExportTiming:
    fmt: str
    slides: int
    seconds: float

    @property
    def ok(self) -> bool:
        return self.seconds < GOAL_S


def ten_slide_deck():
    from dashboard.forum import decks
    from dashboard.model import registry as chart_registry

    charts = sorted(chart_registry.load_all())
    slides = tuple(decks.Slide(chart_id, {}, f"Dia {i + 1}", "Kommentti diaan.")
                   for i, chart_id in zip(range(SLIDES), itertools.cycle(charts)))  # fmt: skip
    return decks.Deck("Benchmark", slides)


def bench_export(lang: str = "fi") -> list[ExportTiming]:
    from dashboard.export.deck_export import FORMATS
    from dashboard.export.images import image_cache_dir
    from dashboard.export.slides import deck_content

    deck = ten_slide_deck()
    results = []
    for fmt, build in FORMATS.items():
        shutil.rmtree(image_cache_dir(), ignore_errors=True)  # from scratch: no cached chart images
        start = time.perf_counter()
        build(deck_content(deck, lang), lang)  # straight to the builder: the file cache would hide the cost
        results.append(ExportTiming(fmt, len(deck.slides), time.perf_counter() - start))
    results.append(bench_cards(lang))
    return results


def bench_cards(lang: str = "fi") -> ExportTiming:
    """Every focus municipality's card in one PDF, content and layout computed afresh."""
    from dashboard.core import clock, memo, queries
    from dashboard.export.card_pdf import build_cards
    from dashboard.municipality import card as card_model

    memo.clear_all()  # the cards' figures, projects and sources from the warehouse, not from a memo
    start = time.perf_counter()
    codes = queries.focus_codes()
    build_cards([card_model.card(code, lang, clock.today()) for code in codes], lang)
    return ExportTiming(CARDS, len(codes), time.perf_counter() - start)


CARDS = "cards"  # ExportTiming.fmt of the kuntakortti PDF


def bench_review(lang: str = "fi") -> list[ExportTiming]:
    """The decision makers' review (what changed since the default baseline + the key slides), PDF and PPTX,
    from scratch like the deck: what `python -m dashboard.export --review` costs."""
    from dashboard.core import clock
    from dashboard.export.images import image_cache_dir
    from dashboard.export.review import build_review, review_deck
    from dashboard.forum import meetings

    since = meetings.default_baseline(clock.today())
    slides = len(review_deck(lang).slides)
    results = []
    for fmt in ("pptx", "pdf"):
        shutil.rmtree(image_cache_dir(), ignore_errors=True)
        start = time.perf_counter()
        build_review(since, fmt, lang)
        results.append(ExportTiming(f"review {fmt}", slides, time.perf_counter() - start))
    return results


def export_lines(results: list[ExportTiming]) -> list[str]:
    """The goal is stated for PPTX; the PDF time is reported for information."""
    return [(f"export {r.slides}-card kuntakortti PDF: {r.seconds:.1f} s" if r.fmt == CARDS else
             f"export {r.slides}-slide {r.fmt.upper()}: {r.seconds:.1f} s")
            + (f" (goal < {GOAL_S:g} s: {'OK' if r.ok else 'FAIL'})" if r.fmt == "pptx" else "")
            for r in results]  # fmt: skip
