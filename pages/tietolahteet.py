"""Tietolähteet (data sources): definitions, source tables, vintages, licences, what is missing."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.info import sources as datasources
from dashboard.ui.components import current_language

lang = current_language()
st.title(t("sources.title", lang))
st.markdown(t("sources.intro", lang))

st.header(t("sources.catalogue", lang))
st.dataframe(datasources.catalogue(lang), hide_index=True)

st.header(t("sources.inputs", lang))
st.dataframe(datasources.inputs(lang), hide_index=True)

st.header(t("sources.attribution", lang))
st.markdown(t("sources.attribution_intro", lang))
st.markdown("\n".join(f"- {line}" for line in datasources.attributions()))

st.header(t("sources.missing", lang))
st.markdown(t("sources.missing_text", lang))

st.header(t("sources.runs", lang))
st.markdown(t("sources.refresh", lang))
st.dataframe(datasources.runs(lang), hide_index=True)
