"""Permalinks that ask for something the app does not have: say so instead of silently showing another view.

Widgets bound to the URL (bind="query-params") already refuse a value they do not offer: Streamlit drops
it from the URL and the widget shows its default, so a hostile or stale link can never reach a query.
Where that silent default would mislead — a shared link to a deck that was renamed, a language the app
does not speak — the page adds a notice. Check before creating the widget: creating it drops the value.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable, Collection, Iterable

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


_UNFIT = object()  # what a reader returns for a URL value that fits no option


class _Texts:
    """The texts of a widget's options, worked out once and only when a URL value has to be read: most runs
    have none, and a format_func may look names up (each call a memo lookup)."""

    def __init__(self, options: list[object], format_func: Callable[[object], object]) -> None:
        self._options, self._format = options, format_func

    @functools.cached_property
    def shown(self) -> dict[str, object]:
        """{text the widget shows (and Streamlit writes into the URL): option}."""
        return {str(self._format(option)): option for option in self._options}

    @functools.cached_property
    def by_text(self) -> dict[str, object]:
        """{text: option} for the shown texts and the options' own texts (?kunta=KU… in a link from before the
        URL carried names, or in a deck's selections)."""
        return {**{str(option): option for option in self._options}, **self.shown}


def _as_written(value: object) -> list[str]:
    """A number, a pair of years or a flag as a bound widget writes it into the URL."""
    values = value if isinstance(value, list | tuple) else [value]
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]


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
    an exception. Links from before the prefixes (`?kunta=KU…` codes) still work: the bare key is adopted.

    Usage: `state = PageState("vaesto", lang)`; `st.selectbox(..., key=state.choice("kunta", codes),
    bind="query-params")`; `state.span("vuodet", 1990, 2022)` for a range slider; `state.number(...)`,
    `state.flag(...)`, `state.choices(...)` likewise; `state.notices()` lists what was dropped.
    """

    def __init__(self, page: str, lang: str) -> None:
        self.page, self.lang = page, lang
        self._dropped: list[str] = []
        self._adopted: set[str] = set()  # keys param() moved from a bare legacy key in this run

    def key(self, name: str) -> str:
        return f"{self.page}.{name}"

    def choice(self, name: str, options: Iterable[object], format_func: Callable[[object], object] = str) -> str:
        """Key of a single-choice widget (selectbox, radio) offering `options` shown with `format_func`."""
        offered = list(options)
        texts = _Texts(offered, format_func)
        return self._guard(name, lambda value: value in offered,
                           lambda asked: texts.by_text.get(asked[0], _UNFIT) if len(asked) == 1 else _UNFIT,
                           lambda: texts.shown.keys(), lambda value: [str(format_func(value))])  # fmt: skip

    def choices(self, name: str, options: Iterable[object], format_func: Callable[[object], object] = str) -> str:
        """Key of a multiselect (or a range select_slider) offering `options`: every chosen value must be one
        of them."""
        offered = list(options)
        texts = _Texts(offered, format_func)

        def read(asked: list[str]) -> object:
            values = [texts.by_text.get(part, _UNFIT) for part in asked]
            return _UNFIT if _UNFIT in values else values

        return self._guard(name, lambda value: isinstance(value, list | tuple) and all(v in offered for v in value),
                           read, lambda: texts.shown.keys(),
                           lambda values: [str(format_func(v)) for v in values])  # fmt: skip

    def span(self, name: str, low: int, high: int) -> str:
        """Key of a range slider low…high (a pair of whole numbers)."""

        def fits(value: object) -> bool:
            return (isinstance(value, list | tuple) and len(value) == 2
                    and all(isinstance(v, int) and low <= v <= high for v in value))  # fmt: skip

        def read(asked: list[str]) -> object:
            parts = [_number(part) for part in asked]
            value = tuple(int(p) for p in parts if p is not None and p == int(p))
            return value if len(parts) == 2 and fits(value) else _UNFIT

        return self._guard(name, fits, read)

    def number(self, name: str, low: float, high: float) -> str:
        """Key of a slider or number input low…high."""

        def fits(value: object) -> bool:
            return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high

        def read(asked: list[str]) -> object:
            number = _number(asked[0]) if len(asked) == 1 else None
            value = int(number) if number is not None and number == int(number) else number
            return value if fits(value) else _UNFIT

        return self._guard(name, fits, read)

    def flag(self, name: str) -> str:
        """Key of a toggle or checkbox."""
        words = {"true": True, "false": False}
        return self._guard(name, lambda value: isinstance(value, bool),
                           lambda asked: words.get(asked[0].lower(), _UNFIT) if len(asked) == 1 else _UNFIT)  # fmt: skip

    def param(self, name: str) -> str:
        """Key of a URL value the page reads itself, not through a widget (a saved item's id); the bare
        key of a link from before the prefixes is adopted (moved to the page's own key), as for widgets."""
        key = self.key(name)
        if name in st.query_params and key not in st.query_params:
            values = st.query_params.get_all(name)
            with contextlib.suppress(KeyError, StreamlitAPIException):
                del st.query_params[name]
                st.query_params[key] = values if len(values) > 1 else values[0]
                self._adopted.add(key)  # a widget bound to it later seeds from the session (see _guard)
        return key

    def notices(self) -> list[str]:
        """One sentence per value dropped in this run (the page shows them once)."""
        return list(self._dropped)

    def _guard(self, name: str, fits: Callable[[object], bool], read: Callable[[list[str]], object],
               texts: Callable[[], Collection[str]] | None = None,
               url_texts: Callable[[object], list[str]] | None = None) -> str:  # fmt: skip
        """Drop an unfit session value; read the URL's value (this page's key, else a bare legacy key).

        Streamlit seeds a bound widget from the URL the run started with, and only from the texts it shows
        (`url_texts` of a value; else the value as written): a value it cannot read that way (a bare legacy
        key, an option named by its value such as ?kunta=KU…) is written into the URL as the widget's own
        text and the page runs once more (see _hand_over)."""
        key = self.key(name)
        if key in st.session_state and not fits(st.session_state[key]):
            self._drop(name, st.session_state[key])
            del st.session_state[key]
        asked = [a for a in st.query_params.get_all(key) if a != ""]  # "?k=" clears a widget: not a value
        legacy = not asked and name in st.query_params
        if legacy:
            asked = [a for a in st.query_params.get_all(name) if a != ""]
            with contextlib.suppress(KeyError, StreamlitAPIException):
                del st.query_params[name]  # read once, as this page's own key
        if not asked:
            return key
        value = read(asked)
        if value is _UNFIT:
            self._drop(name, ",".join(asked))
            if not legacy:
                with contextlib.suppress(KeyError, StreamlitAPIException):  # bound: Streamlit drops it itself
                    del st.query_params[key]
        elif (
            legacy or key in self._adopted or (texts is not None and not set(asked) <= set(texts()))
        ) and key not in st.session_state:
            self._hand_over(key, value, url_texts(value) if url_texts else _as_written(value))
        return key

    @staticmethod
    def _hand_over(key: str, value: object, shown: list[str]) -> None:
        """Give a bound widget a value the URL names in a form Streamlit cannot read.

        Streamlit 1.67 seeds a bound widget only from the URL the run started with, and clears a value it
        cannot read there (SessionState._seed_widget_from_url); a value set through the session state instead
        stays off the URL (it is synced only for a widget registered in an earlier run) and logs its "set via
        the Session State API" warning where the widget has a default. So the URL gets the widget's own text
        and the script runs again at once: Streamlit seeds the widget from it and keeps it in the address bar.
        Where the key is bound already (the page ran earlier in this session), the session state it is."""
        try:
            st.query_params[key] = shown if len(shown) != 1 else shown[0]
        except StreamlitAPIException:
            st.session_state[key] = value
            return
        st.rerun()

    def _drop(self, name: str, value: object) -> None:
        from dashboard.core.i18n import t  # i18n imports nothing of ours; local to keep links importable alone

        self._dropped.append(t("common.link_value_dropped", self.lang, name=name, value=str(value)[:40]))
