"""Tietolähteet (data sources): definitions, source tables, vintages, licences, what is missing."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.info import sources as datasources
from dashboard.ui.components import current_language

lang = current_language()
st.title(t("info.title", lang))
st.markdown(t("info.intro", lang))

st.header(t("info.catalogue", lang))
st.dataframe(datasources.catalogue(lang), hide_index=True)

st.header(t("info.inputs", lang))
st.dataframe(datasources.inputs(lang), hide_index=True)

st.header(t("info.attribution", lang))
st.markdown(t("info.attribution_intro", lang))
st.markdown("\n".join(f"- {line}" for line in datasources.attributions()))

st.header(t("info.missing", lang))
st.markdown(t("info.missing_text", lang))

st.header(t("info.runs", lang))
st.markdown(t("info.refresh", lang))
st.dataframe(datasources.runs(lang), hide_index=True)
