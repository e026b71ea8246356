"""Shown instead of every page when the app cannot start (e.g. no warehouse built yet).

Public, like every page: it names the problem and the command that fixes it; the technical detail that
app.py stored has the server's paths replaced already."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.ui.components import current_language

lang = current_language()
error = st.session_state.get("startup_error") or {}
st.title(t("app.loading_error", lang))
st.error(t("app.no_warehouse" if error.get("missing_warehouse", True) else "app.startup_failed", lang))
st.code("python -m etl build", language="bash")
with st.expander(t("app.error_details", lang)):
    st.text(error.get("detail", "unknown error"))  # as text: an exception message is not markup
