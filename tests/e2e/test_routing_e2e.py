"""Deep links on a cold server: the first request a fresh `streamlit run` gets may be any page's URL.

Streamlit decides once per process whether an app with a pages/ folder is a legacy multipage app, and
until app.py has called st.navigation it serves a deep link by running the page file alone. The pages
hand such a run back to app.py (dashboard.ui.components.current_language); these tests hold that: the first
visitor sees the app's own navigation, the language selector and no "Page not found" dialog, and a
restricted page still refuses an anonymous visitor.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page

pytestmark = pytest.mark.e2e


def test_first_request_to_a_deep_link_gets_the_full_app(fresh_server, page) -> None:
    open_page(page, f"{fresh_server.base_url}/tyo_ja_elinkeinot")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Työ ja elinkeinot", exact=True)).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    # Section headers and titles come only from app.py's st.navigation, never from file names.
    expect(nav.get_by_text("Hankkeet ja rahoitus")).to_be_visible()
    expect(nav.get_by_role("link", name="Saavutettavuusseloste")).to_be_visible()
    expect(nav.get_by_role("link", name="tyo ja elinkeinot")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_text("Kieli")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_restricted_page_typed_cold_refuses_the_visitor(fresh_server, page) -> None:
    open_page(page, f"{fresh_server.base_url}/diat")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("vain ylläpitäjille")).to_be_visible()
    expect(main.get_by_role("heading", name="Diat ja merkinnät")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)
