"""Entry point: page config, language, role, page registry, navigation.

Must reach st.navigation even when the warehouse is missing or broken: then it routes every visitor to
the error page, so Streamlit never falls back to serving pages/ by file name.
"""

import streamlit as st

from dashboard import auth, db
from dashboard.components import language_selector
from dashboard.i18n import t

# (section, script, title key, url path, icon, editors only). Editor pages are hidden from viewers'
# navigation for tidiness only: every editor page also calls auth.require_editor() itself.
PAGES = [
    ("nav.section_dashboard", "pages/yleiskuva.py", "nav.overview", "yleiskuva", ":material/dashboard:", False),
    ("nav.section_info", "pages/tietolahteet.py", "nav.sources", "tietolahteet", ":material/database:", False),
]

st.set_page_config(page_title="Sydänsuomen tilannekuva", page_icon="📊", layout="wide")
lang = language_selector()
auth.account_box(lang)

try:
    db.current_path()  # fail fast, before any page runs, when no warehouse has been built
    is_editor = auth.current_user().is_editor
    pages: dict[str, list] = {}
    for section, script, title, url, icon, editors_only in PAGES:
        if editors_only and not is_editor:
            continue
        page = st.Page(script, title=t(title, lang), url_path=url, icon=icon, default=url == "yleiskuva")
        pages.setdefault(t(section, lang), []).append(page)
except Exception as exc:  # noqa: BLE001 - any failure must still end in navigation
    st.session_state["startup_error"] = f"{type(exc).__name__}: {exc}"
    pages = {"": [st.Page("pages/virhe.py", title=t("nav.error", lang), url_path="virhe", default=True)]}

st.navigation(pages).run()
