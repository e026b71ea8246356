"""The regional forum's presentation mode and deck editor: which deck and slide, the slide's chart with
notes, projector styling, and the chart choices a coordinator can put on a slide."""

from __future__ import annotations

import json
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.core.i18n import t
from dashboard.core.memo import memo
from dashboard.forum import annotations, decks, slide_messages
from dashboard.model import registry as chart_registry
from dashboard.model.views import ChartView
from dashboard.ui.components import html_text

HIGH_CONTRAST = {"paper_bgcolor": "#000000", "plot_bgcolor": "#000000", "font": {"color": "#ffffff", "size": 20}}


@dataclass(frozen=True)
class SlideView:
    number: int  # 1-based
    total: int
    title: str
    commentary: str
    view: ChartView | None  # None: the chart is not available in this installation
    chart_id: str
    message: slide_messages.SlideMessage | None = None  # the key message, the slide's subtitle


def slide_view(deck: decks.Deck, number: int, lang: str) -> SlideView:
    """The slide `number` (clamped to the deck) rendered with its chart's current data."""
    number = max(1, min(number, len(deck.slides)))
    slide = deck.slides[number - 1]
    available = chart_registry.load_all()
    view = chart_registry.render(slide.chart_id, lang, slide.params) if slide.chart_id in available else None
    message = slide_messages.for_slide(deck, number, view, lang)
    return SlideView(number, len(deck.slides), slide.title or slide.chart_id, slide.commentary, view, slide.chart_id,
                     message)  # fmt: skip


@memo
def _projector(key: str, high_contrast: bool, _figure: go.Figure) -> go.Figure:  # key names _figure
    figure = go.Figure(_figure)
    figure.update_layout(height=620, font={"size": 18}, title={"font": {"size": 24}})
    if high_contrast:
        figure.update_layout(**HIGH_CONTRAST)
        # The chart template (Streamlit's chart theme) gives titles, legends and tick labels their own dark
        # greys, which win over the layout's font colour: on black they vanished (1.3:1). Each gets white.
        figure.update_layout(title_font_color="#ffffff", legend_font_color="#ffffff", legend_title_font_color="#ffffff")
        figure.update_xaxes(color="#ffffff", gridcolor="#444444", tickfont_color="#ffffff", title_font_color="#ffffff")
        figure.update_yaxes(color="#ffffff", gridcolor="#444444", tickfont_color="#ffffff", title_font_color="#ffffff")
    return figure


def projector_figure(slide: SlideView, deck: decks.Deck, high_contrast: bool, lang: str) -> go.Figure:
    """Large type (and optionally white on black) for a projector, with the slide's notes drawn on it."""
    with_notes = annotations.figure_with_notes(slide.view)
    return _projector(f"{deck.digest()}:{slide.number}:{lang}", high_contrast, with_notes)


def chart_choices(lang: str) -> dict[str, str]:
    """{chart id: name in `lang`} of every chart a slide can show."""
    return {cid: t(entry.title_key, lang) for cid, entry in sorted(chart_registry.load_all().items())}


def slides_table(deck: decks.Deck, available: set[str] | None = None) -> list[dict]:
    """The deck as rows for the editor's table (selections as JSON text); slides whose chart is not
    available in this installation are left out (see unavailable_titles)."""
    return [{"chart": s.chart_id, "title": s.title, "commentary": s.commentary,
             "params": json.dumps(s.params, ensure_ascii=False)}
            for s in deck.slides if available is None or s.chart_id in available]  # fmt: skip


def unavailable_titles(deck: decks.Deck, available: set[str]) -> list[str]:
    return [s.title or s.chart_id for s in deck.slides if s.chart_id not in available]


def deck_from_table(name: str, rows: list[dict]) -> decks.Deck:
    """Rows edited in the table → a Deck; a bad selections field raises DeckError naming the row."""
    slides = []
    for number, row in enumerate(rows, start=1):
        if not row.get("chart"):
            continue
        try:
            params = json.loads(row.get("params") or "{}")
        except json.JSONDecodeError as exc:
            raise decks.DeckError(f"row {number}: selections are not valid JSON ({exc.msg})") from exc
        if not isinstance(params, dict):
            raise decks.DeckError(f'row {number}: selections must be a JSON object like {{"kunta": "KU123"}}')
        slides.append(decks.Slide(row["chart"], params, (row.get("title") or "").strip(),
                                  (row.get("commentary") or "").strip()))  # fmt: skip
    return decks.Deck(name.strip(), tuple(slides))


def progress_html(slide: SlideView) -> str:
    """ "3 / 10", announced to screen readers when it changes."""
    return f"<p class='slide-progress' aria-live='polite'>{slide.number} / {slide.total}</p>"


def alt_html(slide: SlideView) -> str:
    """The chart's text alternative for screen readers (it may quote a saved scenario's name: escaped)."""
    return f"<p class='sr-only' role='note'>{html_text(slide.view.alt_text)}</p>"


def commentary_html(slide: SlideView) -> str:
    """The coordinator's commentary, large: escaped, so it can never inject markup."""
    return f"<p class='slide-commentary'>{html_text(slide.commentary)}</p>"


def message_html(slide: SlideView) -> str:
    """The key message as the slide's subtitle (an editor's text: escaped); '' when there is none."""
    if slide.message is None or not slide.message.text:
        return ""
    return f"<p class='slide-message' role='doc-subtitle'>{html_text(slide.message.text)}</p>"


def presentation_css(high_contrast: bool, sidebar: bool = False) -> str:
    """Projector styling: large type, white on black when asked, and no sidebar unless asked for — the
    page's own "show the sidebar" toggle brings the navigation back, so nobody is stuck on this page."""
    colours = ("#000000", "#ffffff") if high_contrast else ("#ffffff", "#111111")
    hidden = (
        ""
        if sidebar
        else 'section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}\n'
    )
    return f"""<style>
{hidden}.stApp {{background: {colours[0]}; color: {colours[1]};}}
.stApp h2 {{font-size: 2.6rem; color: {colours[1]};}}
.stApp p, .stApp label {{font-size: 1.25rem; color: {colours[1]};}}
.stApp [data-testid="stBaseButton-primary"] p {{color: #ffffff;}}  /* white on the primary blue: 7:1 */
header[data-testid="stHeader"], .stApp [data-testid="stBaseButton-secondary"] {{background: {colours[0]};}}
.stApp [data-testid="stBaseButton-secondary"] {{border-color: {colours[1]};}}  /* buttons readable on black */
.slide-progress {{font-size: 1.4rem; font-weight: 600; text-align: center;}}
.slide-commentary {{font-size: 1.6rem; line-height: 1.4;}}
.slide-message {{font-size: 1.8rem; font-weight: 600; line-height: 1.35; margin-top: -0.5rem;}}
</style>"""


def note_label(notes, note_id: int) -> str:
    row = notes[notes["id"] == note_id].iloc[0]
    return f"{row['event_date']:%d.%m.%Y} · {row['area_code']} · {row['indicator_id']} · {row['text']}"
