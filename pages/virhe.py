"""Shown instead of every page when the app cannot start (e.g. no warehouse built yet)."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.ui.components import current_language

lang = current_language()
st.title(t("app.loading_error", lang))
st.error(t("app.no_warehouse", lang))
with st.expander(t("app.error_details", lang)):
    st.code(st.session_state.get("startup_error", "unknown error"), language=None)
