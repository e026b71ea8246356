"""Export a deck as PPTX or PDF, cached by deck content, warehouse version, language and format.

The cache is a folder of finished files (data/exports/): an unchanged deck on unchanged data is
served instantly, and any change of slides or data makes a new file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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


def export_deck(deck: Deck, fmt: str, lang: str) -> bytes:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose pptx or pdf")
    target = cache_dir() / f"deck-{deck.digest()}-{db.version().removesuffix('.duckdb')}-{lang}.{fmt}"
    if target.is_file():
        return target.read_bytes()
    data = FORMATS[fmt](deck_content(deck, lang), lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as tmp:
        tmp.write(data)
    os.replace(tmp.name, target)  # a half-written file is never served from the cache
    return data
