"""Entry point: page config, language, role, page registry, navigation.

Must reach st.navigation even when the warehouse is missing or broken: then it routes every visitor to
the error page. (A deep link that arrives before app.py has ever run in the server process is first
served by Streamlit's pages/ fallback; components.current_language hands that run back to this file.)
"""

import re
from pathlib import Path

import streamlit as st

from dashboard.core import a11y, auth, dataversion
from dashboard.core import warehouse as db
from dashboard.core.i18n import t
from dashboard.ui.components import PAGE_CSS, language_selector

# (section, script, title key, icon, editors only). Editor pages are listed for everyone with a lock icon:
# their own guard, auth.require_editor(), refuses viewers and offers the login. A page's URL path is its file
# name: then Streamlit's pages/ fallback (a cold deep link, see components.current_language) finds the same
# page as st.navigation does and never shows "Page not found".
PAGES = [
    ("nav.section_dashboard", "pages/yleiskuva.py", "nav.overview", ":material/dashboard:", False),
    ("nav.section_dashboard", "pages/vaesto.py", "population.nav", ":material/groups:", False),
    ("nav.section_dashboard", "pages/tyo_ja_elinkeinot.py", "work.nav", ":material/work:", False),
    ("nav.section_dashboard", "pages/tyossakaynti.py", "commuting.nav", ":material/commute:", False),
    ("nav.section_dashboard", "pages/kuntavertailu.py", "comparison.nav", ":material/map:", False),
    ("nav.section_foresight", "pages/ennakointi.py", "foresight.nav_title", ":material/query_stats:", False),
    ("nav.section_forum", "pages/aluefoorumi.py", "forum.nav_presentation", ":material/slideshow:", False),
    ("nav.section_forum", "pages/muutokset.py", "changes.nav", ":material/update:", False),
    ("nav.section_forum", "pages/diat.py", "forum.nav_editor", ":material/edit_note:", True),
    ("nav.section_projects", "pages/rahoitus.py", "funding.nav_title", ":material/euro:", False),
    ("nav.section_projects", "pages/rahoitusasema.py", "funding_pos.nav_title", ":material/speed:", False),
    ("nav.section_projects", "pages/vaikuttavuus.py", "funding_impact.nav_title", ":material/insights:", False),
    ("nav.section_projects", "pages/karkihankkeet.py", "funding_score.nav_title", ":material/flag:", False),
    ("nav.section_projects", "pages/hankkeiden_yllapito.py", "funding_edit.nav_title", ":material/edit:", True),
    ("nav.section_info", "pages/tietolahteet.py", "nav.sources", ":material/database:", False),
    ("nav.section_info", "pages/saavutettavuus.py", "a11y.nav", ":material/accessibility:", False),
]

HOME = "yleiskuva"  # the default page

db.pin_run()  # one warehouse for this whole run, even if the ETL swaps in a new one meanwhile
st.set_page_config(page_title="Sydänsuomen tilannekuva", page_icon="📊", layout="wide")
st.html(f"<style>{PAGE_CSS}</style>")  # screen-reader-only text: ui.components
lang = language_selector()
a11y.enhance(lang)  # html lang, nav list semantics, focus and contrast repairs: dashboard/a11y.py
auth.account_box(lang)

try:
    db.current_path()  # fail fast, before any page runs, when no warehouse has been built
    if version_caption := dataversion.caption(lang):  # which build this page shows, on every page
        st.sidebar.caption(version_caption)
    is_editor = auth.current_user().is_editor
    pages: dict[str, list] = {}
    for section, script, title, icon, editors_only in PAGES:
        shown_icon = ":material/lock:" if editors_only and not is_editor else icon
        url = Path(script).stem
        home = url == HOME
        # The default page is served at "/" and its own path would answer "Page not found": it is declared
        # under another path, and a hidden twin serves /yleiskuva (old links, the docs).
        page = st.Page(script, title=t(title, lang), url_path="etusivu" if home else url, icon=shown_icon, default=home)
        pages.setdefault(t(section, lang), []).append(page)
        if home:
            pages[t(section, lang)].append(st.Page(script, title=t(title, lang), url_path=HOME, visibility="hidden"))
except Exception as exc:  # noqa: BLE001 - any failure must still end in navigation
    # The error page is public: it names the problem, never the server's paths (replaced by "…").
    st.session_state["startup_error"] = {
        "missing_warehouse": isinstance(exc, db.WarehouseMissing),
        "detail": re.sub(r"""(?<![\w.])(?:[A-Za-z]:)?[\\/][^\s'"`,;]+""", "…", f"{type(exc).__name__}: {exc}")[:500],
    }
    pages = {"": [st.Page("pages/virhe.py", title=t("nav.error", lang), url_path="virhe", default=True)]}

st.navigation(pages, expanded=True).run()  # every section visible: no "View more" fold
