"""Streamlit building blocks shared by the pages, so every chart carries the same furniture:
source caption, derived note, text alternative and downloads of exactly the data shown."""

from __future__ import annotations

import contextlib
import functools
import html
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard import export
from dashboard.core import i18n, links, routing, store
from dashboard.core.i18n import t
from dashboard.export.images import ExportError, render_images
from dashboard.export.images import available as images_available
from dashboard.forum import annotations
from dashboard.model.views import ChartView, Headline
from dashboard.ui.chart_element import plotly_chart

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Styles every page gets (app.py). `.sr-only`: the charts' text alternatives, for screen readers only.
PAGE_CSS = (
    ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0}"
)


def language_selector() -> str:
    """Language switch in the sidebar, bound to the URL (?lang=English) so links keep the language.

    The URL holds the option's label, as Streamlit binds it; a link may also give the code (?lang=en,
    ?lang=SV): it is read as that language."""
    asked = st.query_params.get("lang", "")
    by_code = dict(i18n.LANGUAGE_NAMES) | {name.lower(): name for name in i18n.LANGUAGE_NAMES.values()}
    if asked.lower() in by_code and asked != by_code[asked.lower()]:
        chosen = by_code[asked.lower()]
        st.session_state["lang"] = next(code for code, name in i18n.LANGUAGE_NAMES.items() if name == chosen)
        with contextlib.suppress(StreamlitAPIException):  # bound: the widget rewrites the URL itself
            st.query_params["lang"] = chosen
    unknown = links.rejected("lang", i18n.LANGUAGE_NAMES.values())  # e.g. ?lang=klingon: say why it is Finnish
    lang = st.sidebar.selectbox(
        t("app.language"), i18n.LANGUAGES, key="lang", bind="query-params",
        format_func=i18n.LANGUAGE_NAMES.get,
    )  # fmt: skip
    if unknown:
        st.info(t("security.link_language", lang))
    return lang


def current_language() -> str:
    """The session's UI language; every page calls this first, so it also leaves the pages/ fallback and
    says when the app store cannot be read."""
    routing.leave_pages_folder_fallback()
    lang = st.session_state.get("lang", i18n.DEFAULT)
    lang = lang if lang in i18n.LANGUAGES else i18n.DEFAULT
    store.revision()  # reads the app store once: if it cannot be read, the page says so and draws without it
    store_notice(lang)
    return lang


def chart_block(fig: go.Figure, data: pd.DataFrame, caption: str, alt_text: str, key: str, lang: str) -> None:
    """A chart with its source caption, a text alternative, and CSV/XLSX of the data it shows."""
    plotly_chart(fig, key, lang)
    st.caption(caption)
    # The text alternative may quote what users typed (a saved scenario's name): escaped in the HTML we
    # write, and shown as text, never Markdown, for those who see the screen.
    st.markdown(f"<p class='sr-only' role='note'>{html_text(alt_text)}</p>", unsafe_allow_html=True)
    with st.expander(t("common.text_alternative", lang)):
        st.markdown(plain(alt_text))
    downloads(data, key, lang, fig)


def view_block(view: ChartView, key: str, lang: str) -> None:
    """A ChartView with the coordinator's dated notes drawn on it (when it is a time series)."""
    figure = annotations.figure_with_notes(view)
    chart_block(figure, view.data, view.caption, view.alt_text, key, lang)


def block_view(block, key: str, lang: str) -> None:
    """A page block: its notes (what is missing, what is derived) in one caption, then its chart if any."""
    if block.notes:  # one element for all notes: fewer elements, faster reruns
        st.caption("\n\n".join(f":material/info: {note}" for note in block.notes))
    if block.view is not None:
        view_block(block.view, key, lang)


def table(frame: pd.DataFrame, key: str, lang: str, **options: object) -> None:
    """A table with our "Lataa" menu (CSV/XLSX of exactly these rows, formula cells defused).

    Streamlit's own toolbar download is off (`client.disableDataExport` in .streamlit/config.toml): it
    exports `=HYPERLINK(…)` cells from registers and editors unchanged, so every table offers ours."""
    st.dataframe(frame, hide_index=True, **options)
    downloads(frame, key, lang)


def figures_table(title: str, parts: tuple, key: str, lang: str) -> None:
    """A titled table of figures (`parts`: the table shown, the same figures for download, the source caption,
    notes on derived and missing figures) with its caption, notes and "Lataa" menu of the download rows."""
    shown, data, caption, notes = parts
    st.markdown(f"**{title}**")
    st.dataframe(shown, hide_index=True, height="content")
    st.caption(caption)
    if notes:
        st.caption("\n\n".join(f":material/info: {note}" for note in notes))
    downloads(data, key, lang)


def _image(fig: go.Figure, fmt: str, lang: str) -> bytes:
    try:
        return render_images([fig], fmt, 1280, 720, 2.0 if fmt == "png" else 1.0)[0]
    except ExportError as exc:  # the download fails with the reason; never a text file named as an image
        raise ExportError(t("export.image_failed", lang, reason=str(exc))) from exc


def downloads(data: pd.DataFrame, key: str, lang: str, fig: go.Figure | None = None) -> None:
    """A "Lataa" menu with CSV and XLSX of exactly the rows shown, and PNG/SVG of the chart.

    The menu is lazy: its four buttons are drawn only in the rerun that opens it, so a page with seven
    charts does not register 28 download widgets on every rerun (they were a fifth of a warm rerun).
    Files are made only when clicked (callables)."""
    menu = st.popover(t("common.downloads", lang), icon=":material/download:", key=f"{key}_lataa",
                      on_change="rerun")  # fmt: skip
    if not menu.open:
        return
    files = [("csv", functools.partial(export.to_csv, data), "text/csv"),
             ("xlsx", functools.partial(export.to_xlsx, data, key), XLSX_MIME)]  # fmt: skip
    if fig is not None and images_available():  # images are rendered by Chromium when clicked (a few seconds)
        files += [("png", functools.partial(_image, fig, "png", lang), "image/png"),
                  ("svg", functools.partial(_image, fig, "svg", lang), "image/svg+xml")]  # fmt: skip
    for fmt, data_fn, mime in files:
        menu.download_button(t(f"common.download_{fmt}", lang), data_fn, file_name=f"{key}.{fmt}", mime=mime,
                             key=f"{key}_{fmt}", on_click="ignore", width="stretch")  # fmt: skip
    if fig is not None and not images_available():  # say why there is no PNG/SVG instead of a broken file
        menu.caption(t("export.no_chromium", lang))


def deck_downloads(deck, lang: str) -> None:
    """PPTX and PDF of a deck; built when clicked (Chromium renders the charts), cached by everything a slide
    depends on (export.deck_export); the slides an export leaves out are named beside the buttons."""
    from dashboard.export.deck_export import MIME, export_deck
    from dashboard.export.slides import skipped_slides

    if not images_available():  # the slides' charts are images: say so rather than offer a failing download
        st.info(t("export.no_chromium_deck", lang))
        return
    skipped = skipped_slides(deck.digest(), lang, deck)
    if skipped:  # said before the click, as the file's sources slide and the command line say it too
        st.caption(t("export.skipped", lang, titles=plain(", ".join(skipped))))
    columns = st.columns([1, 1, 4])
    for column, fmt in zip(columns, ("pptx", "pdf")):
        column.download_button(t(f"forum.download_{fmt}", lang), functools.partial(export_deck, deck, fmt, lang),
                               file_name=f"{deck.name}.{fmt}", mime=MIME[fmt], key=f"deck_{fmt}", on_click="ignore")  # fmt: skip


def metric_cards(headlines: tuple[Headline, ...], columns: int = 4) -> None:
    """Headline figures in a row of bordered cards: label, value and change, then the caption and source."""
    for column, card in zip(st.columns(columns), headlines):
        with column.container(border=True):
            st.metric(card.label, card.value, card.delta, delta_color=card.delta_color, delta_arrow=card.delta_arrow)
            st.caption(f"{card.caption}  \n{card.source}")


def plain(text: object) -> str:
    """User or register text for st.markdown/st.caption/labels: every Markdown and HTML character escaped, so
    it shows as typed (an image link stays text; nothing is fetched)."""
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), html.escape(str(text), quote=False))


_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|~>$:]")


def store_notice(lang: str, editor: bool = False) -> bool:
    """Say so when the app store cannot be read (public pages: drawn without its data; editor pages: what to
    do). True when there was something to say. Call after anything has read the store in this run."""
    problem = store.problem()
    if problem is None:
        return False
    why = t(f"store.problem_{problem}", lang)
    if editor:
        st.error(t("store.unavailable_editor", lang, why=why))
    else:
        st.warning(t("store.unavailable_public", lang, why=why))
    return True


def html_text(text: object) -> str:
    """User or register text inside HTML the code writes (st.markdown(..., unsafe_allow_html=True)): HTML
    escaped, and Markdown's characters as character references, so neither reads it as markup."""
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", html.escape(str(text), quote=False))
