"""The what-changed section as text slides: the presentation page's first slides for the built-in deck
"Aluefoorumi", and the first pages of its PPTX/PDF export and of the decision makers' review."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dashboard.changes import report as changes
from dashboard.core.i18n import t
from dashboard.forum import decks, meetings, presentation
from dashboard.forum.presentation import SlideView
from dashboard.ui.components import plain

LINES_PER_SLIDE = 14  # what a projector shows legibly in the deck's type size


@dataclass(frozen=True)
class TextSlide:
    title: str
    lines: tuple[str, ...]  # plain text (section headings and items), never Markdown


def text_slides(since: date, today: date, lang: str) -> tuple[TextSlide, ...]:
    """The report since `since` on one or two slides (items beyond two slides are counted, not listed)."""
    lines = changes.report(since, today, lang).lines()
    first, rest = lines[:LINES_PER_SLIDE], lines[LINES_PER_SLIDE : 2 * LINES_PER_SLIDE]
    left = len(lines) - len(first) - len(rest)
    if left > 0:
        rest = [*rest[:-1], t("changes.more", lang, n=left + 1)]
    slides = [TextSlide(t("changes.intro_slide", lang, date=f"{since:%d.%m.%Y}"), tuple(first))]
    if rest:
        slides.append(TextSlide(t("changes.intro_slide_more", lang, date=f"{since:%d.%m.%Y}"), tuple(rest)))
    return tuple(slides)


def intro_slides(deck: decks.Deck, today: date, lang: str) -> tuple[TextSlide, ...]:
    """The built-in deck starts with what changed since the forum's last meeting; saved decks start as
    saved, and so does the built-in one until a meeting has been held (nothing to compare with yet)."""
    last = meetings.last_meeting(today)
    if deck.name != decks.DEFAULT_DECK or deck.saved or last is None:
        return ()
    return text_slides(last.meeting_date, today, lang)


def slide_view(
    deck: decks.Deck, intro: tuple[TextSlide, ...], number: int, lang: str
) -> tuple[SlideView, tuple[str, ...]]:
    """Slide `number` of the deck with its intro slides first: (the slide, numbered in the whole run, and
    the text slide's lines — empty for a chart slide)."""
    total = len(deck.slides) + len(intro)
    number = max(1, min(number, total))
    if number <= len(intro):
        text = intro[number - 1]
        return SlideView(number, total, text.title, "", None, ""), text.lines
    chart = presentation.slide_view(deck, number - len(intro), lang)
    return replace(chart, number=number, total=total), ()


def lines_markdown(lines: tuple[str, ...]) -> str:
    """A text slide's lines for st.markdown: section headings bold, items as they are, every line escaped."""
    return "  \n".join(plain(line) if line.startswith(("•", "–", " ")) else f"**{plain(line)}**" for line in lines)
