"""Streamlit building blocks shared by the pages, so every chart carries the same furniture:
source caption, derived note, text alternative and downloads of exactly the data shown."""

from __future__ import annotations

import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import export, i18n
from dashboard.i18n import t


def language_selector() -> str:
    """Language switch in the sidebar, bound to the URL (?lang=English) so links keep the language."""
    return st.sidebar.selectbox(
        t("app.language"), i18n.LANGUAGES, key="lang", bind="query-params",
        format_func=i18n.LANGUAGE_NAMES.get,
    )  # fmt: skip


def current_language() -> str:
    lang = st.session_state.get("lang", i18n.DEFAULT)
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT


def chart_block(fig: go.Figure, data: pd.DataFrame, caption: str, alt_text: str, key: str, lang: str) -> None:
    """A chart with its source caption, a text alternative, and CSV/XLSX of the data it shows."""
    st.plotly_chart(fig, key=key, config={"displaylogo": False})
    st.caption(caption)
    st.markdown(f"<p class='sr-only' role='note'>{alt_text}</p>", unsafe_allow_html=True)
    with st.expander(t("common.text_alternative", lang)):
        st.write(alt_text)
    downloads(data, key, lang)


def downloads(data: pd.DataFrame, key: str, lang: str) -> None:
    left, right, _ = st.columns([1, 1, 4])
    # Callables: the files are generated only when someone clicks, not on every rerun.
    left.download_button(t("common.download_csv", lang), functools.partial(export.to_csv, data),
                         file_name=f"{key}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore")  # fmt: skip
    right.download_button(
        t("common.download_xlsx", lang), functools.partial(export.to_xlsx, data, key), file_name=f"{key}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
        on_click="ignore",
    )  # fmt: skip
