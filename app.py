"""Entry point: page config, language, role, page registry, navigation.

Must reach st.navigation even when the warehouse is missing or broken: then it routes every visitor to
the error page, so Streamlit never falls back to serving pages/ by file name.
"""

import streamlit as st

from dashboard import auth, db
from dashboard.components import language_selector
from dashboard.i18n import t

st.set_page_config(page_title="Sydänsuomen tilannekuva", page_icon="📊", layout="wide")
lang = language_selector()
auth.account_box(lang)

try:
    db.current_path()  # fail fast, before any page runs, when no warehouse has been built
    pages = {
        t("nav.section_dashboard", lang): [
            st.Page("pages/yleiskuva.py", title=t("nav.overview", lang), url_path="yleiskuva", default=True,
                    icon=":material/dashboard:"),
        ],
        t("nav.section_info", lang): [
            st.Page("pages/tietolahteet.py", title=t("nav.sources", lang), url_path="tietolahteet",
                    icon=":material/database:"),
        ],
    }  # fmt: skip
except Exception as exc:  # noqa: BLE001 - any failure must still end in navigation
    st.session_state["startup_error"] = f"{type(exc).__name__}: {exc}"
    pages = [st.Page("pages/virhe.py", title=t("nav.error", lang), url_path="virhe", default=True)]

st.navigation(pages).run()
