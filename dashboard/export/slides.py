"""What goes on each exported slide, independent of the file format: title, chart image, commentary,
source and vintage footer, plus the title slide and the closing sources slide (which also names the slides
left out of the export, as the page and the command line do)."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.core import clock, queries
from dashboard.core.i18n import t
from dashboard.core.memo import memo
from dashboard.export.images import render_images
from dashboard.forum import annotations, slide_messages
from dashboard.forum.decks import Deck, Slide
from dashboard.model import registry as chart_registry
from dashboard.model.views import ChartView

WIDTH, HEIGHT = 1280, 720  # chart layout size in px; scale 2 → 2560×1440 PNG, text large enough for a projector


@dataclass(frozen=True)
class SlideContent:
    title: str
    image_png: bytes
    commentary: str
    footer: str  # source and vintage of exactly the data shown
    alt_text: str = ""  # the chart's text alternative: the picture's description in the PPTX
    message: str = ""  # the key message (forum.slide_messages): the PPTX subtitle, the line under the PDF title


@dataclass(frozen=True)
class DeckContent:
    title: str
    subtitle: str  # region and date
    slides: list[SlideContent]
    skipped: list[str]  # titles of slides left out: chart not available, or no data in this installation
    attributions: list[str]


def _rendered(deck: Deck, lang: str) -> tuple[list[tuple[Slide, ChartView, int]], list[str]]:
    """(slide, its chart, its number) for every slide that can be shown, and the titles of those that cannot."""
    available = chart_registry.load_all()
    shown, skipped = [], []
    for number, slide in enumerate(deck.slides, start=1):
        view = chart_registry.render(slide.chart_id, lang, slide.params) if slide.chart_id in available else None
        if view is None:  # unknown here, or the chart exists but its data does not, in this installation
            skipped.append(slide.title or slide.chart_id)
        else:
            shown.append((slide, view, number))
    return shown, skipped


@memo
def skipped_slides(digest: str, lang: str, _deck: Deck) -> list[str]:
    """Titles of the deck's slides an export leaves out (`digest` = `_deck.digest()`, its key), so the page
    can say so beside the download before anyone clicks."""
    return _rendered(_deck, lang)[1]


def deck_content(deck: Deck, lang: str, scale: float = 2.0) -> DeckContent:
    """Render every available chart of the deck, with its dated notes as on the page, in one image batch."""
    shown, skipped = _rendered(deck, lang)
    figures = [annotations.figure_with_notes(view) for _slide, view, _number in shown]
    images = render_images(figures, "png", WIDTH, HEIGHT, scale)
    meta = queries.region()
    messages = [slide_messages.for_slide(deck, n, v, lang) for _s, v, n in shown]
    slides = [SlideContent(s.title or v.figure.layout.title.text or s.chart_id, png, s.commentary, v.caption,
                           v.alt_text, m.text if m else "")
              for (s, v, _n), png, m in zip(shown, images, messages)]  # fmt: skip
    subtitle = f"{meta['brand']} · {clock.today().strftime('%d.%m.%Y')}"
    return DeckContent(title=f"{meta.get(f'title_{lang}', meta['title_fi'])} – {deck.name}", subtitle=subtitle,
                       slides=slides, skipped=skipped,
                       attributions=list(dict.fromkeys(queries.sources()["attribution"])))  # fmt: skip


def sources_heading(lang: str) -> str:
    return t("forum.sources_slide", lang)


def closing_lines(content: DeckContent, lang: str) -> list[str]:
    """The sources slide's text: every attribution, then which slides this export left out."""
    lines = list(content.attributions)
    if content.skipped:
        lines += ["", t("export.skipped_in_file", lang, titles=", ".join(content.skipped))]
    return lines
