"""Saavutettavuusseloste (accessibility statement), required of public-sector digital services by the
Act on the Provision of Digital Services (306/2019). How it is tested: tests/e2e/test_accessibility_e2e.py
(axe-core on every page), test_keyboard_e2e.py and tests/app/test_text_alternatives.py; the repairs to
Streamlit's markup are in dashboard/a11y.py."""

import streamlit as st

from dashboard.core import queries
from dashboard.core.i18n import t
from dashboard.ui.components import current_language

lang = current_language()
meta = queries.region()  # the service and the cooperation are named in region.toml, not in the text
st.title(t("a11y.title", lang))
contact = meta.get("feedback_contact") or t("a11y.contact_missing", lang)
st.markdown(t("a11y.body", lang, service=meta.get(f"title_{lang}", meta["title_fi"]), brand=meta["brand"],
              contact=contact))  # fmt: skip
