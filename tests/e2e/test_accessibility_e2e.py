"""axe-core on every page in the browser: zero serious or critical violations (WCAG 2.1 A/AA + best practice).

Every page of app.py's PAGES is checked in Finnish as an anonymous visitor (the two editor pages then show
their refusal, which is what an anonymous visitor gets), in PAGES order, by clicking the sidebar link the way
a visitor moves: one browser session, axe-core injected once per document (axe-playwright-python bundles it:
no network). Then the forum's presentation mode opened by a permalink (?esitys=…&dia=2&kontrasti=true).
Minor and moderate findings do not fail the test; they are printed per page (pytest -s) and summed up in
one warning at the end.

No rule and no element is excluded. What axe found in Streamlit's own markup is repaired from our side:
dashboard/a11y.py (html lang, the sidebar's list semantics, caption and disabled-label contrast),
.streamlit/config.toml (link colour), dashboard/forum.py (button text in presentation mode). What remains
is listed in the accessibility statement (pages/saavutettavuus.py).
"""

from __future__ import annotations

import ast
import contextlib
import re
import time
import warnings
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE_TIMEOUT_MS, REPO, VIEWPORT, open_page, wait_idle

pytestmark = pytest.mark.e2e

BLOCKING = ("serious", "critical")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],  # passes and incomplete are not reported: a smaller, faster answer
}
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stBidiComponentRegular"]')]
    .every(element => element.querySelector('.tk-chart .main-svg'))"""


def page_paths() -> list[tuple[str, bool]]:
    """(URL path, editors only) of app.py's PAGES, read from its source: importing app.py would run the app."""
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "PAGES" for target in node.targets):
            return [(Path(row[1]).stem, row[4]) for row in ast.literal_eval(node.value)]
    raise AssertionError("app.py has no PAGES table")


PATHS = page_paths()
FINDINGS: Counter = Counter()  # (rule, impact) -> elements, over the whole module


@pytest.fixture(scope="module")
def tour(browser, base_url: str):
    """One visitor's tab for the whole module: pages are reached through the sidebar, as a visitor does."""
    context = browser.new_context(viewport=VIEWPORT, locale="fi-FI")
    context.set_default_timeout(IDLE_TIMEOUT_MS)
    page = context.new_page()
    open_page(page, base_url)
    yield page
    context.close()
    if FINDINGS:
        summary = ", ".join(f"{rule} ({impact}) ×{count}" for (rule, impact), count in sorted(FINDINGS.items()))
        warnings.warn(f"axe minor/moderate findings over all pages: {summary}", stacklevel=1)


def visit(page, base_url: str, path: str) -> None:
    """Click the page's sidebar link (fall back to its URL where the sidebar is hidden, e.g. after the forum)."""
    link = page.locator(f'[data-testid="stSidebarNavLink"][href="{base_url}/{"" if path == "yleiskuva" else path}"]')
    if link.is_visible():
        link.click()
        expect(link).to_have_attribute("aria-current", "page")
    else:
        page.goto(f"{base_url}/{path}")
    wait_idle(page)


def check(page, name: str) -> None:
    """Run axe on the settled page; fail on serious/critical, print the rest."""
    expect(page.locator("[data-stale='true']")).to_have_count(0)  # no element left over from the last page
    expect(page.locator("html")).to_have_attribute("lang", "fi")  # WCAG 3.1.1, set by dashboard/a11y.py
    with contextlib.suppress(PlaywrightTimeout):  # a chart still drawing is checked as it is, not skipped
        page.wait_for_function(CHARTS_DRAWN, timeout=10_000)
    started = time.monotonic()
    if not page.evaluate("() => typeof window.axe === 'object'"):  # once per document
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    print(f"\n{name}: axe {time.monotonic() - started:.1f} s")
    blocking = []
    for violation in results["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"]]
        line = f"  {violation['id']} ({violation['impact']}) ×{len(targets)}: {violation['help']} — {targets[:3]}"
        print(line)
        if violation["impact"] in BLOCKING:
            nodes = violation["nodes"][:5]
            blocking.append(line + "".join(f"\n      {n['html'][:160]}\n        {n['failureSummary']}" for n in nodes))
        else:
            FINDINGS[(violation["id"], violation["impact"])] += len(targets)
    assert not blocking, f"{name}: serious/critical accessibility violations:\n" + "\n".join(blocking)


@pytest.mark.parametrize(("path", "editors_only"), PATHS, ids=[path for path, _ in PATHS])
def test_page_has_no_serious_violations(tour, base_url: str, path: str, editors_only: bool) -> None:
    visit(tour, base_url, path)
    expect(tour.get_by_test_id("stException")).to_have_count(0)
    if editors_only:  # the view an anonymous visitor gets: the refusal
        expect(tour.get_by_test_id("stMain").get_by_text("vain ylläpitäjille")).to_be_visible()
    check(tour, path)


def test_presentation_mode_has_no_serious_violations(tour, base_url: str) -> None:
    """The forum's projector view by permalink: a named deck, second slide, high contrast."""
    visit(tour, base_url, "aluefoorumi")
    deck = tour.get_by_test_id("stMain").get_by_role("combobox").first.input_value()
    tour.goto(f"{base_url}/aluefoorumi?esitys={quote(deck)}&dia=2&kontrasti=true")
    wait_idle(tour)
    expect(tour.locator(".slide-progress")).to_have_text(re.compile(r"^2 / \d+$"))
    check(tour, "aluefoorumi (esitys, dia 2, kontrasti)")
