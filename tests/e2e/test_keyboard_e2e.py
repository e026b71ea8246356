"""The app with the keyboard alone: one visitor's walkthrough using only page.keyboard (no clicks, no mouse).

From the root: the first Tab reaches the skip link (Streamlit's own, in Finnish by dashboard/a11y.py) and
Enter moves focus past the sidebar into the main area; Shift+Tab goes back to the sidebar navigation, whose
link opens Työ ja elinkeinot; Tab reaches the indicator selectbox, the arrow keys and Enter change it and the
chart redraws with the new indicator; Tab reaches the chart's "Tekstivastine" expander and Enter opens it;
Shift+Tab back to the navigation opens the forum's presentation, where the arrow keys change slides.
Every element the walk stops on must show where the focus is (WCAG 2.4.7): an outline or a box-shadow on
it or on its widget's frame, or the theme's primary colour on the frame's border (Streamlit's inputs).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, press_slide_key, wait_idle
from tests.e2e.test_vaesto_e2e import expect_title

pytestmark = pytest.mark.e2e

CHART = ".st-key-tyo_tyottomyys"
MAX_PRESSES = 150  # a whole page of widgets; a walk that needs more is itself a finding

# What the focused element is, and whether its focus can be seen: an outline or box-shadow on the element or
# on one of its nearest frames, or the primary colour (the theme's, #005a87) on a frame's border, which is
# how Streamlit's text inputs and selectboxes mark focus. The element must also not be faded out.
FOCUSED = """() => {
  const el = document.activeElement;
  const primary = "rgb(0, 90, 135)";
  let ring = false, opacity = 1;
  for (let x = el, depth = 0; x && x !== document.body; x = x.parentElement, depth++) {
    const cs = getComputedStyle(x);
    opacity *= parseFloat(cs.opacity);
    if (depth > 5) continue;
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== "none";
    const border = depth > 0 && [cs.borderTopColor, cs.borderBottomColor].includes(primary);
    if (outline || shadow || border) ring = true;
  }
  const box = el.getBoundingClientRect();
  return {
    testid: el.dataset.testid || (el.closest("[data-testid]") || {dataset: {}}).dataset.testid || "",
    tag: el.tagName, name: el.getAttribute("aria-label") || (el.innerText || "").trim().slice(0, 80),
    visible: ring && opacity > 0.5 && box.width > 0 && box.height > 0,
  };
}"""

# The option the open list highlights (the combobox points at it with aria-activedescendant).
HIGHLIGHTED = """() => {
  const id = document.activeElement.getAttribute("aria-activedescendant");
  const option = id && document.getElementById(id);
  return option ? option.innerText.trim() : null;
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page: Page, wanted, backwards: bool = False) -> dict:
    """Press Tab (Shift+Tab) until `wanted(focused)` holds; fail if the element cannot be reached."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        info = focused(page)
        if wanted(info):
            assert info["visible"], f"keyboard focus is not visible on {info}"
            return info
        seen.append(f"{info['testid']}:{info['name'][:30]}")
    raise AssertionError(f"{key} never reached the element; the focus went through {seen}")


def nav_link(title: str):
    return lambda f: f["testid"] == "stSidebarNavLink" and f["name"].endswith(title)


def test_keyboard_only_walkthrough(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    # dashboard/a11y.py translates Streamlit's skip link in the browser, a moment after the run has finished.
    expect(page.get_by_test_id("stSkipToContent")).to_have_text("Siirry sisältöön")

    # A quick way past the sidebar: the first Tab stop, then Enter puts the focus on the main area.
    skip = tab_to(page, lambda f: f["testid"] == "stSkipToContent")
    assert skip["name"] == "Siirry sisältöön"
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("stMain")).to_be_focused()

    # Back into the sidebar navigation, and to another page.
    tab_to(page, nav_link("Työ ja elinkeinot"), backwards=True)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/tyo_ja_elinkeinot$"))
    wait_idle(page)
    expect(page.get_by_test_id("stMain").locator("h1")).to_have_text("Työ ja elinkeinot")
    expect_title(page, CHART, "Työttömyysaste (%) 1/2006–6/2026")

    # Change a selection: the indicator selectbox opens with the arrow key, Enter picks the next option.
    box = tab_to(page, lambda f: f["tag"] == "INPUT" and f["name"] == "Indikaattori")
    assert box["testid"] == "stSelectbox"
    page.keyboard.press("ArrowDown")  # opens the list
    expect(page.get_by_role("option", name="Työttömät työnhakijat", exact=True)).to_be_visible()
    for _ in range(5):  # arrow down to the option (where the list starts highlighting is Streamlit's choice)
        if page.evaluate(HIGHLIGHTED) == "Työttömät työnhakijat":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_idle(page)
    expect(page.get_by_role("combobox", name="Indikaattori")).to_have_value("Työttömät työnhakijat")
    expect_title(page, CHART, "Työttömät työnhakijat (henkeä) 1/2006–6/2026")

    # The chart's text alternative: Tab to its expander, Enter opens it, the sentence carries figures.
    tab_to(page, lambda f: f["testid"] == "stExpander" and f["name"].endswith("Tekstivastine"))
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('details')?.open === true")
    alternative = page.locator("[data-testid='stExpander'] details[open] [data-testid='stExpanderDetails']").first
    expect(alternative).to_be_visible()
    expect(alternative).to_have_text(re.compile(r"Työttömät työnhakijat.*\d"))

    # Presentation mode: back to the navigation, open the forum, move between slides with the arrow keys.
    tab_to(page, nav_link("Esitys"), backwards=True)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/aluefoorumi"))
    wait_idle(page)
    progress = page.locator(".slide-progress")
    expect(progress).to_have_text(re.compile(r"^1 / \d+$"))
    press_slide_key(page, "ArrowRight", re.compile(r"^2 / \d+$"))
    expect(page).to_have_url(re.compile(r"[?&]aluefoorumi\.dia=2(&|$)"))  # the page's own URL key
    press_slide_key(page, "ArrowLeft", re.compile(r"^1 / \d+$"))
    expect(page.get_by_test_id("stException")).to_have_count(0)
