"""Which deck and slide the presentation page shows: its URL keys (the page's own, via `PageState`), the
slide steps of the arrow keys and buttons, and what to say when a link asks for what is not there.

Keys: `aluefoorumi.esitys` (deck), `aluefoorumi.dia` (slide number), `aluefoorumi.kontrasti` (high
contrast), `aluefoorumi.sivupalkki` (the sidebar shown in projector mode). Links from before the page
prefixes (`?esitys=<deck>&dia=3`) are adopted. A link to a deck or
slide that does not exist is dropped before its widget reads it and the page says what it shows instead
(a more useful sentence than PageState's generic notice, which then has nothing left to drop).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.core import links
from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.ui.components import plain

PAGE = "aluefoorumi"


class Presentation:
    """The presentation page's state for one script run: deck first, then (knowing its length) the slide."""

    def __init__(self, lang: str, deck_names: list[str]) -> None:
        self.lang = lang
        self.state = PageState(PAGE, lang)
        self.deck_unknown = self._refuse("esitys", lambda key: links.rejected(key, deck_names))
        self.deck_key = self.state.choice("esitys", deck_names)
        self.contrast_key = self.state.flag("kontrasti")
        self.sidebar_key = self.state.flag("sivupalkki")
        self.slide_unknown = False
        self.slide_key = self.state.key("dia")

    def slides(self, total: int) -> tuple[str, str | None]:
        """(key, bind=) of the slide number input for a deck of `total` slides; call before drawing it.

        bind is None for a number Streamlit cannot read at all (links.number_binding: ?dia=inf)."""
        key = self.state.param("dia")
        self.slide_unknown = links.rejected_number(key, 1, total)
        binding = links.number_binding(key)  # before the value is dropped: it must see what was asked
        if self.slide_unknown:
            self._drop(key)
        self.slide_key = self.state.number("dia", 1, total)
        return self.slide_key, binding

    def step(self, delta: int, total: int) -> None:
        """Arrow keys and buttons: callbacks run before the widgets, so they may set the slide number."""
        st.session_state[self.slide_key] = max(1, min(total, st.session_state.get(self.slide_key, 1) + delta))

    def warnings(self, deck_name: str, total: int) -> list[str]:
        """What the link asked for that is not there, and what is shown instead; PageState's notices."""
        out = [] if not self.deck_unknown else [t("security.link_deck_unknown", self.lang, deck=plain(deck_name))]
        if self.slide_unknown:
            out.append(t("security.link_slide_unknown", self.lang, total=total))
        return out + self.state.notices()

    def _refuse(self, name: str, rejected: Callable[[str], bool]) -> bool:
        """True (and the value dropped from the URL) when the link's value for `name` is not on offer."""
        key = self.state.param(name)  # a link from before the prefixes (?esitys=…) is read as the page's own
        if not rejected(key):
            return False
        self._drop(key)
        return True

    @staticmethod
    def _drop(key: str) -> None:
        with contextlib.suppress(KeyError, StreamlitAPIException):  # bound since an earlier run: Streamlit drops it
            del st.query_params[key]
