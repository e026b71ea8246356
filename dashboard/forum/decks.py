"""Slide decks for the regional forum: the default deck file, saved decks in the app's own store.

A deck is an ordered list of slides; a slide is a chart id from the chart registry with its selections,
a title and a short commentary. Saving replaces the deck's slides in one audited transaction.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard.core import store as state
from dashboard.core.memo import memo

DEFAULT_DIR = Path(__file__).with_name("decks")
DEFAULT_DECK = "Aluefoorumi"
MAX_SLIDES = 40
MAX_TEXT = 2000


class DeckError(ValueError):
    """A deck that cannot be saved (empty name, too many slides, unknown chart…)."""


@dataclass(frozen=True)
class Slide:
    chart_id: str
    params: dict = field(default_factory=dict)
    title: str = ""
    commentary: str = ""


@dataclass(frozen=True)
class Deck:
    name: str
    slides: tuple[Slide, ...]
    saved: bool = False  # False: the built-in default, not (yet) saved by anyone

    def digest(self) -> str:
        """Identifies the deck's content: part of the export cache key."""
        payload = json.dumps([asdict(s) for s in self.slides], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{self.name}\n{payload}".encode()).hexdigest()[:16]


@memo  # a file shipped with the code: read once per language, not on every rerun of the forum page
def default_deck(lang: str) -> Deck:
    with (DEFAULT_DIR / "aluefoorumi.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    slides = tuple(Slide(s["chart"], dict(s.get("params", {})), s.get(f"title_{lang}") or s["title_fi"])
                   for s in raw["slide"])  # fmt: skip
    return Deck(raw["name"], slides)


@memo  # shared, not read per call (the forum page asks three times a rerun); callers only read
def _query(name: str, params: tuple = ()) -> pd.DataFrame:
    return state.query(name, dict(params))


def saved_decks() -> list[str]:
    return _query("decks")["name"].tolist()


def deck_names() -> list[str]:
    return list(dict.fromkeys([DEFAULT_DECK, *saved_decks()]))


def load_deck(name: str, lang: str) -> Deck:
    """A saved deck by name; the built-in default when "Aluefoorumi" has not been saved yet."""
    rows = _query("deck_slides", (("name", name),))
    if rows.empty:
        if name == DEFAULT_DECK:
            return default_deck(lang)
        raise DeckError(f"no deck named {name!r}")
    slides = tuple(Slide(r.chart_id, json.loads(r.params_json), r.title, r.commentary) for r in rows.itertuples())
    return Deck(name, slides, saved=True)


def validate(deck: Deck, known_charts: set[str]) -> None:
    if not deck.name.strip() or len(deck.name) > 80:
        raise DeckError("a deck needs a name of 1–80 characters")
    if not deck.slides or len(deck.slides) > MAX_SLIDES:
        raise DeckError(f"a deck needs 1–{MAX_SLIDES} slides")
    for number, slide in enumerate(deck.slides, start=1):
        if slide.chart_id not in known_charts:
            raise DeckError(f"slide {number}: unknown chart {slide.chart_id!r}")
        if len(slide.title) > 200 or len(slide.commentary) > MAX_TEXT:
            raise DeckError(f"slide {number}: title over 200 or commentary over {MAX_TEXT} characters")


def save_deck(deck: Deck, actor: str, known_charts: set[str]) -> None:
    """Replace the deck's slides (validated first; all or nothing, audited)."""
    validate(deck, known_charts)
    before = None
    if deck.name in saved_decks():
        before = {"slides": [asdict(s) for s in load_deck(deck.name, "fi").slides]}
    statements = [("deck_upsert", {"name": deck.name, "updated_by": actor, "updated_at": datetime.now(UTC)}),
                  ("deck_slides_delete", {"name": deck.name})]  # fmt: skip
    statements += [("deck_slide_insert", {"deck_name": deck.name, "position": i, "chart_id": s.chart_id,
                                          "params_json": json.dumps(s.params, sort_keys=True, ensure_ascii=False),
                                          "title": s.title, "commentary": s.commentary})
                   for i, s in enumerate(deck.slides, start=1)]  # fmt: skip
    state.write(actor, "update" if before else "create", "deck", deck.name, statements, before,
                {"slides": [asdict(s) for s in deck.slides]})  # fmt: skip
