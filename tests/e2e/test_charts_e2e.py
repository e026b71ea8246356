"""Charts after a page switch, in a real browser: each is on the screen from its first drawing, and that
drawing already has the chart's final width (dashboard/ui/chart_assets/chart.js draws a figure without a
width at its container's width, so nothing moves after), and they are drawn by the app's partial plotly.js
bundle, not by Streamlit's full one."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e

# For every chart, the moment its first drawing appears: was it visible, and at what width was it drawn.
WATCH_FIRST_DRAWINGS = """() => {
  window.__firstDrawings = [];
  const seen = new WeakSet();
  new MutationObserver(() => document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
    if (seen.has(gd) || !gd.querySelector('.main-svg') || !gd._fullLayout) return;
    seen.add(gd);
    window.__firstDrawings.push({visible: gd.checkVisibility({visibilityProperty: true}),
                                 width: gd._fullLayout.width});
  })).observe(document.body, {childList: true, subtree: true});
}"""
FINAL_WIDTHS = """() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')].map(
  (gd) => [gd._fullLayout.width, Math.round(gd.closest('[data-testid="stElementContainer"]').getBoundingClientRect().width)])"""


# Työssäkäynti opens on its first part: the series and the balance.
@pytest.mark.parametrize(("link", "charts"), [("Työssäkäynti", 2), ("Rahoitus", 2)])
def test_charts_shown_at_final_width(page: Page, base_url: str, link: str, charts: int) -> None:
    open_page(page, f"{base_url}/saavutettavuus")
    page.evaluate(WATCH_FIRST_DRAWINGS)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    page.wait_for_function(f"() => document.querySelectorAll('[data-testid=\"stMain\"] .main-svg').length >= {charts}")
    wait_idle(page)
    page.wait_for_timeout(500)  # a late resize and redraw, if any, would be over
    first = page.evaluate("() => window.__firstDrawings")
    final = page.evaluate(FINAL_WIDTHS)
    assert len(first) >= charts and len(final) >= charts, (first, final)
    assert all(drawing["visible"] for drawing in first), f"{link}: a chart was hidden at its first drawing: {first}"
    assert [d["width"] for d in first[: len(final)]] == [width for width, _ in final], (first, final)
    assert all(abs(width - container) <= 1 for width, container in final), final


# What the browser fetched: the app's own chart element and bundle, never Streamlit's plotly.js chunk.
SCRIPTS = "() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname)"


def test_charts_are_drawn_by_the_partial_bundle(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/tyossakaynti")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stMain\"] .tk-chart .main-svg').length >= 2"
    )
    fetched = page.evaluate(SCRIPTS)
    assets = "/_stcore/bidi-components/tilannekuva.plotly/"
    assert f"{assets}chart.js" in fetched and f"{assets}plotly-tilannekuva.min.js" in fetched, fetched
    assert not [path for path in fetched if "/PlotlyChart." in path], "Streamlit's full plotly.js was loaded"
