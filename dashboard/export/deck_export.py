"""Export a deck as PPTX or PDF, cached by everything a slide depends on.

The cache is a folder of finished files (data/exports/): an unchanged deck on unchanged data is served
instantly. The key holds the deck's content, the data version (the warehouse this run reads and the app
store's revision: projects, scenarios, notes), today's date (the title slide's date, the funding position
as of today), the language and the format; a change of any of them makes a new file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from dashboard.changes import deck as changes_deck
from dashboard.core import clock, memo
from dashboard.core import warehouse as db
from dashboard.export.images import ExportError
from dashboard.export.pdf_deck import build_pdf
from dashboard.export.pptx_deck import build_pptx
from dashboard.export.slides import deck_content
from dashboard.forum.decks import Deck

FORMATS = {"pptx": build_pptx, "pdf": build_pdf}
MIME = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pdf": "application/pdf"}  # fmt: skip


def cache_dir() -> Path:
    return Path(os.environ.get("TILANNEKUVA_DATA_DIR", db.REPO / "data")) / "exports"


def cache_key(deck: Deck, fmt: str, lang: str, intro: tuple = ()) -> str:
    """Identifies the file an export of `deck` makes now (see the module docstring for what is in it);
    `intro`: the text slides it opens with (what changed since the last meeting)."""
    parts = [deck.digest(), *memo.data_version(), clock.today().isoformat(), lang, fmt, repr(intro)]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]


def export_deck(deck: Deck, fmt: str, lang: str) -> bytes:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose pptx or pdf")
    intro = changes_deck.intro_slides(deck, clock.today(), lang)  # the built-in deck opens with what changed
    target = cache_dir() / f"deck-{cache_key(deck, fmt, lang, intro)}.{fmt}"
    if target.is_file():
        return target.read_bytes()
    data = FORMATS[fmt](deck_content(deck, lang), lang, intro)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as tmp:
        tmp.write(data)
    os.replace(tmp.name, target)  # a half-written file is never served from the cache
    return data
