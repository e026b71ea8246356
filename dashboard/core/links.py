"""Permalinks that ask for something the app does not have: say so instead of silently showing another view.

Widgets bound to the URL (bind="query-params") already refuse a value they do not offer: Streamlit drops
it from the URL and the widget shows its default, so a hostile or stale link can never reach a query.
Where that silent default would mislead — a shared link to a deck that was renamed, a language the app
does not speak — the page adds a notice. Check before creating the widget: creating it drops the value.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable

import streamlit as st
from streamlit.errors import StreamlitAPIException


def rejected(key: str, options: Iterable[str]) -> bool:
    """True when the URL asks `key` for a value that is none of `options` (the options' texts in the URL)."""
    asked = st.query_params.get(key)  # the last value when repeated, as Streamlit's own binding reads it
    return bool(asked) and asked not in set(options)


def rejected_number(key: str, low: int, high: int) -> bool:
    """True when the URL asks `key` for something other than a whole number low…high ('3.0' counts as 3)."""
    asked = st.query_params.get(key)
    if not asked:
        return False
    number = _number(asked)
    return number is None or not low <= int(number) <= high


def number_binding(key: str) -> str | None:
    """`bind=` for an st.number_input bound to `key`: None for a run whose URL holds a value Streamlit cannot
    read as a number at all (?dia=inf, ?dia=9…9 with 400 digits) — Streamlit 1.67's number_input raises
    OverflowError on such a value instead of using its default. The value also leaves the URL, so the
    widget is bound again from the next run on."""
    asked = st.query_params.get(key)
    if not asked:
        return "query-params"
    try:
        number = float(asked)
    except ValueError:
        return "query-params"  # text: Streamlit refuses it itself and shows the default
    if math.isfinite(number):
        return "query-params"
    with contextlib.suppress(KeyError, StreamlitAPIException):  # bound since an earlier run: nothing to seed
        del st.query_params[key]
    return None


def _number(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
