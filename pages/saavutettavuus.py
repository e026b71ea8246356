"""Saavutettavuusseloste (accessibility statement), required of public-sector digital services by the
Act on the Provision of Digital Services (306/2019). How it is tested: tests/e2e/test_accessibility_e2e.py
(axe-core on every page), test_keyboard_e2e.py and tests/app/test_text_alternatives.py; the repairs to
Streamlit's markup are in dashboard/core/a11y.py."""

import streamlit as st

from dashboard.core.i18n import t
from dashboard.info import statement
from dashboard.ui.components import current_language

lang = current_language()
st.title(t("a11y.title", lang))
st.markdown(statement.statement(lang))
