"""Tietolähteet (data sources): definitions, source tables, vintages, licences, freshness, what is missing."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.info import freshness, missing
from dashboard.info import sources as datasources
from dashboard.ui.components import current_language, plain

lang = current_language()
st.title(t("info.title", lang))
st.markdown(t("info.intro", lang))

st.header(t("info.catalogue", lang))
st.dataframe(datasources.catalogue(lang), hide_index=True)

st.header(t("info.inputs", lang))
st.dataframe(datasources.inputs(lang), hide_index=True)

st.header(t("overview.freshness", lang))
st.caption(t("overview.freshness_intro", lang))
late = freshness.notice(lang)
if late:
    st.warning(plain(late), icon=":material/schedule:")
st.dataframe(freshness.table(lang, detailed=True), hide_index=True)

st.header(t("info.attribution", lang))
st.markdown(t("info.attribution_intro", lang))
st.markdown("\n".join(f"- {line}" for line in datasources.attributions()))

st.header(t("info.missing", lang))
st.caption(missing.intro(lang))
st.markdown("\n".join(f"- {plain(item)}" for item in missing.items(lang)))
st.subheader(t("info.method", lang))
st.markdown(t("info.method_text", lang))

st.header(t("info.runs", lang))
st.markdown(t("info.refresh", lang))
st.dataframe(datasources.runs(lang), hide_index=True)
