"""Kuntakortti downloads: a button per focus municipality and one for all of them in one file.

Each file is built when its button is clicked (a callable `data`, as components.deck_downloads does), by
`export.card_pdf.cards_pdf`, memoised by the municipalities, language, day and data version; drawing the
buttons costs nothing. The PDF needs no Chromium: fpdf2 draws it, with the DejaVu fonts.
"""

from __future__ import annotations

import functools

import streamlit as st

from dashboard.core import clock, queries
from dashboard.core.i18n import t
from dashboard.export import card_pdf


def card_downloads(lang: str, key_prefix: str, columns: int = 4) -> None:
    """The buttons, in rows of `columns`; widget keys start with the page's `key_prefix`."""
    focus = tuple(queries.focus_codes())
    names = queries.area_names(lang)
    today = clock.today()
    for start in range(0, len(focus), columns):
        for column, code in zip(st.columns(columns), focus[start : start + columns]):
            column.download_button(t("card.download_one", lang, name=names.get(code, code)),
                                   functools.partial(card_pdf.cards_pdf, (code,), lang, today),
                                   file_name=card_pdf.file_name(code, lang), mime="application/pdf",
                                   key=f"{key_prefix}_card_{code}", on_click="ignore", icon=":material/download:",
                                   width="stretch")  # fmt: skip
    st.download_button(t("card.download_all", lang, n=len(focus)),
                       functools.partial(card_pdf.cards_pdf, focus, lang, today),
                       file_name=card_pdf.file_name(card_pdf.ALL, lang), mime="application/pdf",
                       key=f"{key_prefix}_card_all", on_click="ignore", icon=":material/download:")  # fmt: skip
