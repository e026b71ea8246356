"""The key message each slide shows: computed from its chart's data (`forum.messages`), unless an editor
has written it, per deck, slide and language.

An edit is kept in the app store with the computed sentence of the moment it was saved; a rebuild never
touches it. When the data later gives a different sentence, `SlideMessage.changed` says so and the editor
page shows the sentence computed now beside the kept edit. Viewing reads the store read-only: while it is
unavailable (`store.problem()`), slides show the computed sentence.

A slide is identified by its chart, selections and occurrence (`slide_key`), not by its position, so an
edit follows its slide when the deck is reordered and is dropped (not misapplied) when its slide is removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from dashboard.core import queries
from dashboard.core import store as state
from dashboard.core.memo import memo
from dashboard.forum import messages
from dashboard.forum.decks import Deck
from dashboard.model.views import ChartView

MAX_TEXT = 400
_LANGS = ("fi", "sv", "en")


class MessageError(ValueError):
    """A key message that cannot be saved."""


@dataclass(frozen=True)
class SlideMessage:
    text: str  # what the slide shows: the edit when there is one, else the computed sentence
    computed: str  # what the chart's data says now
    edited: bool = False
    computed_at_edit: str = ""  # the computed sentence when the edit was saved
    edited_by: str = ""

    @property
    def changed(self) -> bool:
        """An edit made when the data said something else than it says now."""
        return self.edited and self.computed != self.computed_at_edit


@memo
def context(lang: str) -> messages.Context:
    """What the sentences need besides the chart frame: names, the focus municipalities (dim_area.is_focus,
    in the configured order), the comparison areas and the catalogue's units."""
    meta = queries.region()
    areas = queries.areas()
    own = set(areas.loc[areas["is_focus"].astype(bool), "area_code"])
    focus = tuple(c for c in queries.focus_codes() if c in own)
    catalogue = queries.indicators()
    units = {i: messages.Unit({la: r[f"label_{la}"] for la in _LANGS}, str(r["unit"]), int(r["decimals"]),
                              bool(r["additive"]) if r["additive"] is not None else False)
             for i, r in catalogue.iterrows()}  # fmt: skip
    return messages.Context(lang, dict(queries.area_names(lang)), focus, meta["subregion"], meta["region"],
                            meta["country"], units)  # fmt: skip


@memo  # keyed by the chart and its selections: `_view` is their cached chart of this data version
def computed(chart_id: str, params_json: str, lang: str, _view: ChartView) -> str:
    return messages.message_for(chart_id, _view, context(lang))


def slide_key(deck: Deck, number: int) -> str:
    """'<chart>:<selections JSON>#<n>': the n-th slide of the deck showing that chart with those selections."""
    slide = deck.slides[number - 1]
    same = [s for s in deck.slides[: number - 1] if s.chart_id == slide.chart_id and s.params == slide.params]
    return f"{slide.chart_id}:{json.dumps(slide.params, sort_keys=True, ensure_ascii=False)}#{len(same) + 1}"


@memo  # shared: every slide of a deck asks; callers only read
def edited(deck_name: str, lang: str) -> dict[str, dict]:
    """{slide key: the stored edit} of a deck in a language (empty while the store is unavailable)."""
    rows = state.query("slide_messages", {"deck_name": deck_name, "lang": lang})
    return {r["slide_key"]: r for r in rows.to_dict("records")}


def for_slide(deck: Deck, number: int, view: ChartView | None, lang: str) -> SlideMessage | None:
    """The slide's message in `lang`; None when its chart is not available."""
    if view is None:
        return None
    slide = deck.slides[number - 1]
    now = computed(slide.chart_id, json.dumps(slide.params, sort_keys=True), lang, view)
    edit = edited(deck.name, lang).get(slide_key(deck, number))
    if edit is None:
        return SlideMessage(now, now)
    return SlideMessage(edit["text"], now, True, edit["computed_text"], edit["updated_by"])


def save(deck: Deck, number: int, lang: str, text: str, computed_now: str, actor: str) -> None:
    """Keep `text` as the slide's message in `lang`, with the sentence computed now (audited); an empty
    text drops the edit (the computed sentence is shown again)."""
    text = " ".join(text.split())
    if not text:
        reset(deck, number, lang, actor)
        return
    if len(text) > MAX_TEXT:
        raise MessageError(f"a key message has at most {MAX_TEXT} characters")
    if lang not in _LANGS:
        raise MessageError(f"unknown language {lang!r}")
    key = slide_key(deck, number)
    before = edited(deck.name, lang).get(key)
    row = {"deck_name": deck.name, "slide_key": key, "lang": lang, "text": text, "computed_text": computed_now,
           "updated_by": actor, "updated_at": datetime.now(UTC)}  # fmt: skip
    state.write(actor, "update" if before else "create", "slide_message", f"{deck.name}/{key}/{lang}",
                [("slide_message_upsert", row)], before, row)  # fmt: skip


def reset(deck: Deck, number: int, lang: str, actor: str) -> None:
    """Drop the edit: the slide shows the computed sentence again (audited)."""
    key = slide_key(deck, number)
    before = edited(deck.name, lang).get(key)
    if before is None:
        return
    state.write(actor, "delete", "slide_message", f"{deck.name}/{key}/{lang}",
                [("slide_message_delete", {"deck_name": deck.name, "slide_key": key, "lang": lang})], before)  # fmt: skip
