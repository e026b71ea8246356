"""Presentation mode in the browser: the right arrow key moves to the next slide; the URL reopens it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, press_slide_key

pytestmark = pytest.mark.e2e


def test_arrow_key_and_permalink(page, context, base_url: str) -> None:
    open_page(page, f"{base_url}/aluefoorumi")
    progress = page.locator(".slide-progress")
    expect(progress).to_have_text(re.compile(r"^1 / \d+$"))
    expect(page.get_by_role("heading", name="Väestö kunnittain")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()  # projector mode: no sidebar
    # …but nobody is stuck here: the page's own toggle brings the navigation back, and away it goes.
    page.get_by_test_id("stMain").get_by_text("Näytä sivupalkki", exact=True).click()
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]aluefoorumi\.sivupalkki=true(&|$)"))
    page.get_by_test_id("stMain").get_by_text("Näytä sivupalkki", exact=True).click()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()

    page.locator(".slide-progress").click()  # focus the page, not an input, so the shortcut reaches it
    press_slide_key(page, "ArrowRight", re.compile(r"^2 / \d+$"))
    expect(page.get_by_role("heading", name="Ikärakenne")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]aluefoorumi\.dia=2(&|$)"))  # the page's own key

    permalink = context.new_page()
    open_page(permalink, page.url)
    expect(permalink.locator(".slide-progress")).to_have_text(re.compile(r"^2 / \d+$"))
    permalink.close()


def test_link_from_before_the_page_prefixes(page, base_url: str) -> None:
    """?esitys=<deck>&dia=3 links shared before the keys got the page prefix still open the slide."""
    open_page(page, f"{base_url}/aluefoorumi?esitys=Aluefoorumi&dia=3")
    expect(page.locator(".slide-progress")).to_have_text(re.compile(r"^3 / \d+$"))
    expect(page).to_have_url(re.compile(r"[?&]aluefoorumi\.dia=3(&|$)"))
    assert not re.search(r"[?&](dia|esitys)=", page.url)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_high_contrast_by_url(page, base_url: str) -> None:
    open_page(page, f"{base_url}/aluefoorumi?aluefoorumi.kontrasti=true&aluefoorumi.dia=1")
    expect(page.locator(".slide-progress")).to_have_text(re.compile(r"^1 / \d+$"))
    background = page.locator(".stApp").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(0, 0, 0)"
