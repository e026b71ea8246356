"""Register and editor text in Markdown: shown as typed (`plain`), and a source address as a link only when it
is a plain http(s) address — one that cannot close the link and open an image or a tag."""

from __future__ import annotations

import re

from dashboard.ui.components import plain

_URL = re.compile(r"https?://[^\s<>()\[\]\\\"'`]+")


def link(url: object, text: object | None = None) -> str:
    """`[text](url)` (the address itself when no text) for a plain http(s) address, else the address as text."""
    address = str(url)
    if not _URL.fullmatch(address):
        return plain(address)
    return f"[{address if text is None else plain(text)}]({address})"
