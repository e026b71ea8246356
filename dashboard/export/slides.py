"""What goes on each exported slide, independent of the file format: title, chart image, commentary,
source and vintage footer, plus the title slide and the closing sources slide."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.core import queries
from dashboard.core.i18n import t
from dashboard.export.images import render_images
from dashboard.forum.decks import Deck
from dashboard.model import registry as chart_registry

WIDTH, HEIGHT = 1280, 720  # chart layout size in px; scale 2 → 2560×1440 PNG, text large enough for a projector


@dataclass(frozen=True)
class SlideContent:
    title: str
    image_png: bytes
    commentary: str
    footer: str  # source and vintage of exactly the data shown


@dataclass(frozen=True)
class DeckContent:
    title: str
    subtitle: str  # region and date
    slides: list[SlideContent]
    skipped: list[str]  # charts that are not available (e.g. no funding data yet)
    attributions: list[str]


def deck_content(deck: Deck, lang: str, scale: float = 2.0) -> DeckContent:
    """Render every available chart of the deck in one image batch."""
    available = chart_registry.load_all()
    views, slides_meta, skipped = [], [], []
    for slide in deck.slides:
        if slide.chart_id not in available:
            skipped.append(slide.title or slide.chart_id)
            continue
        view = chart_registry.render(slide.chart_id, lang, slide.params)
        if view is None:  # the chart exists but its data does not, in this installation
            skipped.append(slide.title or slide.chart_id)
            continue
        views.append(view)
        slides_meta.append((slide, view))
    images = render_images([v.figure for v in views], "png", WIDTH, HEIGHT, scale)
    meta = queries.region()
    slides = [SlideContent(s.title or v.figure.layout.title.text or s.chart_id, png, s.commentary, v.caption)
              for (s, v), png in zip(slides_meta, images)]  # fmt: skip
    subtitle = f"{meta['brand']} · {date.today().strftime('%d.%m.%Y')}"
    return DeckContent(title=f"{meta.get(f'title_{lang}', meta['title_fi'])} – {deck.name}", subtitle=subtitle,
                       slides=slides, skipped=skipped,
                       attributions=list(dict.fromkeys(queries.sources()["attribution"])))  # fmt: skip


def sources_heading(lang: str) -> str:
    return t("forum.sources_slide", lang)
