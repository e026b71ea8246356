"""Saavutettavuusseloste (accessibility statement), required of public-sector digital services by the
Act on the Provision of Digital Services (306/2019)."""

import streamlit as st

from dashboard.components import current_language
from dashboard.i18n import t

lang = current_language()
st.title(t("a11y.title", lang))
st.markdown(t("a11y.body", lang))
