"""The decision makers' review: what changed since a date (default: the forum's last meeting) followed by the
key slides of the built-in deck, written as PDF and PPTX in one go (`python -m dashboard.export --review`)."""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path

from dashboard.changes import deck as changes_deck
from dashboard.core import clock, queries
from dashboard.core.i18n import t
from dashboard.export.deck_export import FORMATS
from dashboard.export.slides import deck_content
from dashboard.forum import decks, meetings

KEY_SLIDES = ("population_by_municipality", "unemployment_rate", "jobs_and_employed", "funding_by_fund")


def review_deck(lang: str) -> decks.Deck:
    """The built-in deck's key slides, in its order: population, unemployment, jobs, project funding."""
    default = decks.default_deck(lang)
    return decks.Deck(t("changes.review_title", lang), tuple(s for s in default.slides if s.chart_id in KEY_SLIDES))


def build_review(since: date, fmt: str, lang: str) -> bytes:
    """The review file in `fmt` (pptx | pdf): title, the what-changed text slides, the key chart slides, sources."""
    deck = review_deck(lang)
    content = deck_content(deck, lang)
    meta = queries.region()
    content = dataclasses.replace(content, title=f"{t('changes.review_title', lang)} – {meta['brand']}",
                                  subtitle=f"{t('changes.review_subtitle', lang, date=f'{since:%d.%m.%Y}')} · "
                                           f"{clock.today():%d.%m.%Y}")  # fmt: skip
    return FORMATS[fmt](content, lang, changes_deck.text_slides(since, clock.today(), lang))


def write_review(out_dir: Path, lang: str, since: date | None = None) -> list[Path]:
    """review-<since>.pdf and .pptx in `out_dir` (made if missing); `since` defaults to the last meeting."""
    since = since or meetings.default_baseline(clock.today())
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in ("pdf", "pptx"):
        target = out_dir / f"review-{since.isoformat()}-{lang}.{fmt}"
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(build_review(since, fmt, lang))
        os.replace(partial, target)  # never a half-written review under its final name
        written.append(target)
    return written
