"""Permalinks that ask for something the app does not have: say so instead of silently showing another view.

Widgets bound to the URL (bind="query-params") already refuse a value they do not offer: Streamlit drops
it from the URL and the widget shows its default, so a hostile or stale link can never reach a query.
Where that silent default would mislead — a shared link to a deck that was renamed, a language the app
does not speak — the page adds a notice. Check before creating the widget: creating it drops the value.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterable

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.state.session_state_proxy import get_session_state


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


# --- page state: each page's own keys ---------------------------------------------------------------------


class PageState:
    """The widget (and so URL) keys of one page, and the guard that keeps their values valid.

    Widgets with the same key on two pages share session state, and a bound widget writes its key into the
    URL: a value valid on one page (a year, a mode) then reaches the next page's widget, which raises or
    shows another page's choice. So every key carries the page's prefix (`vaesto.kunta`), and before a
    widget is drawn its value is checked against what the page offers now (the warehouse may have been
    rebuilt): a value from the session or the URL that does not fit is dropped with a short notice, never
    an exception. Links from before the prefixes (`?kunta=KU729`) still work: the bare key is adopted.

    Usage: `state = PageState("vaesto", lang)`; `st.selectbox(..., key=state.choice("kunta", codes),
    bind="query-params")`; `state.span("vuodet", 1990, 2022)` for a range slider; `state.number(...)`,
    `state.flag(...)`, `state.choices(...)` likewise; `state.notices()` lists what was dropped.
    """

    def __init__(self, page: str, lang: str) -> None:
        self.page, self.lang = page, lang
        self._dropped: list[str] = []

    def key(self, name: str) -> str:
        return f"{self.page}.{name}"

    def choice(self, name: str, options: Iterable[object], format_func: Callable[[object], str] = str) -> str:
        """Key of a single-choice widget (selectbox, radio) offering `options`; pass the widget's `format_func`
        too: Streamlit writes an option's label, not its value, into the URL."""
        offered = list(options)
        texts = {format_func(option) for option in offered}
        return self._guard(name, lambda value: value in offered, lambda asked: len(asked) == 1 and asked[0] in texts)

    def choices(self, name: str, options: Iterable[object], format_func: Callable[[object], str] = str) -> str:
        """Key of a multiselect offering `options`: every chosen value must be one of them (labels in the URL,
        as for `choice`)."""
        offered = list(options)
        texts = {format_func(option) for option in offered}
        return self._guard(name, lambda value: isinstance(value, list | tuple) and all(v in offered for v in value),
                           lambda asked: all(part in texts for part in asked))  # fmt: skip

    def span(self, name: str, low: int, high: int) -> str:
        """Key of a range slider low…high (a pair of whole numbers)."""

        def fits(value: object) -> bool:
            return (isinstance(value, list | tuple) and len(value) == 2
                    and all(isinstance(v, int) and low <= v <= high for v in value))  # fmt: skip

        def fits_text(asked: list[str]) -> bool:
            parts = [_number(part) for part in asked]
            return len(parts) == 2 and all(p is not None and low <= p <= high for p in parts)

        return self._guard(name, fits, fits_text)

    def number(self, name: str, low: float, high: float) -> str:
        """Key of a slider or number input low…high."""
        return self._guard(name, lambda value: isinstance(value, int | float) and low <= value <= high,
                           lambda asked: len(asked) == 1 and (n := _number(asked[0])) is not None and low <= n <= high)  # fmt: skip

    def flag(self, name: str) -> str:
        """Key of a toggle or checkbox."""
        return self._guard(name, lambda value: isinstance(value, bool),
                           lambda asked: len(asked) == 1 and asked[0].lower() in ("true", "false"))  # fmt: skip

    def param(self, name: str) -> str:
        """Key of a URL value the page reads itself, not through a widget (a saved item's id); the bare
        key of a link from before the prefixes is adopted as for widgets."""
        key = self.key(name)
        self._adopt_bare(name, key)
        return key

    def notices(self) -> list[str]:
        """One sentence per value dropped in this run (the page shows them once)."""
        return list(self._dropped)

    def _guard(self, name: str, fits, fits_text) -> str:
        key = self.key(name)
        self._adopt_bare(name, key)
        if key in st.session_state and not fits(st.session_state[key]):
            self._drop(name, st.session_state[key])
            del st.session_state[key]
        asked = [a for a in st.query_params.get_all(key) if a != ""]  # "?k=" clears a widget: not a value
        if asked and not fits_text(asked):
            self._drop(name, ",".join(asked))
            with contextlib.suppress(KeyError, StreamlitAPIException):  # bound: Streamlit drops it itself
                del st.query_params[key]
            with get_session_state().query_params() as params:  # nor may the widget seed itself from it
                params._initial_query_params.pop(key, None)
        return key

    def _adopt_bare(self, name: str, key: str) -> None:
        """A link from before the page prefixes (?kunta=…): read it as this page's own key, once."""
        if name not in st.query_params or key in st.query_params:
            return
        values = st.query_params.get_all(name)
        with contextlib.suppress(KeyError, StreamlitAPIException):
            del st.query_params[name]
            st.query_params[key] = values if len(values) > 1 else values[0]
            # Streamlit seeds a bound widget from the URL the page was opened with, not from what the script
            # set since: without this the widget showed its default while the URL carried the adopted value.
            with get_session_state().query_params() as params:
                params._initial_query_params[key] = list(values)

    def _drop(self, name: str, value: object) -> None:
        from dashboard.core.i18n import t  # i18n imports nothing of ours; local to keep links importable alone

        self._dropped.append(t("common.link_value_dropped", self.lang, name=name, value=str(value)[:40]))
