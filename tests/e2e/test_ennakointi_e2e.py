"""Ennakointi in a real browser: moving a scenario slider redraws the chart with the scenario lines, and
the URL carries the setting so the same view reopens from a link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import CHART, open_page, wait_idle

pytestmark = pytest.mark.e2e

OUTLOOK_TITLE = re.compile(r"^Väkiluku 2000–2040: toteutunut, virallinen ennuste ja skenaario")


def outlook(page: Page):
    return page.locator(CHART).filter(has=page.locator(".gtitle", has_text=OUTLOOK_TITLE))


def test_moving_a_slider_changes_the_chart(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/ennakointi")
    expect(page.locator("h1").first).to_have_text("Ennakointi: väestöennuste ja skenaariot")
    chart = outlook(page)
    expect(chart).to_have_count(1)
    lines = chart.locator(".scatterlayer .trace")
    expect(lines.first).to_be_attached()
    before = lines.count()  # actual + official lines in the one panel (the region total)
    legend = chart.locator(".legend")
    expect(legend).not_to_contain_text("Skenaario")

    slider = page.get_by_test_id("stSlider").filter(has_text="Lisänettomuutto").get_by_role("slider")
    slider.focus()
    for _ in range(5):  # +10 persons a year per step
        slider.press("ArrowRight")
    wait_idle(page)

    expect(page).to_have_url(re.compile(r"[?&]ennakointi\.nettomuutto=50(&|$)"))  # the page's own key
    # While Streamlit swaps the chart, the old and the new one can both be in the page: wait for a legend
    # that names the scenario rather than asserting on "the" legend.
    expect(chart.locator(".legend", has_text="Skenaario (mallilaskelma)").first).to_be_visible()
    expect(lines).to_have_count(before + 1)  # the scenario line beside them

    page.get_by_test_id("stCheckbox").filter(has_text="Kaikki alueet rinnakkain").locator("label").first.click()
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]ennakointi\.kaikki=true(&|$)"))
    expect(lines).to_have_count(9 * (before + 1))  # nine panels, each with its three lines
    expect(page.get_by_test_id("stException")).to_have_count(0)


@pytest.mark.parametrize("prefix", ["ennakointi.", ""])  # "": a link from before the page prefixes
def test_link_reopens_the_scenario(page: Page, base_url: str, prefix: str) -> None:
    open_page(page, f"{base_url}/ennakointi?{prefix}nettomuutto=-120&{prefix}syntyvyys=110")
    slider = page.get_by_test_id("stSlider").filter(has_text="Lisänettomuutto").get_by_role("slider")
    expect(slider).to_have_value("-120")
    expect(outlook(page).locator(".legend", has_text="Skenaario (mallilaskelma)").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
