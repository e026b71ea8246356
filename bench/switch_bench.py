"""Page switches in one browser session, and first loads in new profiles, on a warm server (issue 12).

Switch: one tab goes through the sidebar (a click on the page's link) to each page, and after each page to
the text-only page, saavutettavuus (the accessibility statement: headings and paragraphs, no chart and no
table), so every page's switch has a text-only switch of the same session beside it. Time = the click until
a script run has started and ended, no element is stale and the page's charts are drawn (the page's own
clock). Each round's session first visits every page once (reported apart as its first switch in a session:
Streamlit loads an element's code, plotly.js among them, when a page first needs it), then measures. First load: each page in a new browser profile (empty HTTP cache) by its address, navigation start
→ every chart drawn, and the text-only page the same way, taking turns. The server is warmed first (every
page read once), so what is measured is the switch, not the first computation of a figure. Ratios of
medians, both sides from the same run. Last, Plotly's floor: bench/plotly_floor_app.py's one-chart page against
its text page, measured the same way — what a page pays for drawing any Plotly chart at all.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import browser_bench
from bench.browser_bench import CHROMIUM, CHROMIUM_ARGS, READY_JS, VIEWPORT, VISIT_TIMEOUT_MS, page_url, visit
from bench.server import copy_warehouse, serve

TEXT_PAGE = "saavutettavuus.py"
SWITCH_GOAL = 2.0  # a switch ≤ 2× the text-only page's switch
FIRST_GOAL = 1.5  # a first load ≤ 1.5× the text-only page's first load
FLOOR_APP = "bench/plotly_floor_app.py"  # a text page and a one-chart page: what any Plotly chart costs at least
FLOOR_REPEATS = 5  # pairs per round: the floor app's pages are quick
# The floor app's pages with Streamlit's other chart elements, first loaded only: drawn when this is there.
OTHER_CHARTS = {"plotly_chart": '[data-testid="stPlotlyChart"] .main-svg',
                "echarts": '[data-testid="stEChartsChart"] canvas',
                "vega": ".vega-embed canvas, .vega-embed svg"}  # fmt: skip
FLOOR_TIMEOUT_MS = 20_000  # a lost click (seen now and then in this tiny app) costs 20 s, not 2 minutes

# Counts script runs started from now on (the attribute leaves "notRunning" when the click asks for a rerun).
WATCH_JS = """() => {
  window.__benchRuns = 0;
  if (window.__benchWatch) window.__benchWatch.disconnect();
  // Each record's old value, not the attribute now: a fast run is over (back to "notRunning") before the
  // observer's callback runs. The whole document is watched: the app's root element can be replaced.
  window.__benchWatch = new MutationObserver((records) => {
    window.__benchRuns += records.filter((r) => r.oldValue === 'notRunning'
      && r.target.getAttribute('data-testid') === 'stApp').length;
  });
  window.__benchWatch.observe(document.documentElement, {attributes: true, attributeOldValue: true,
                                                         subtree: true, attributeFilter: ['data-test-script-state']});
  return performance.now();
}"""

# Done after a switch: a run started and is over, nothing stale is left, and the charts are drawn. A run
# counts as started when one was observed or when the address is the new page's: Streamlit writes it when the
# new page's run begins, and React can commit a fast run's "running" and "notRunning" together, unobserved.
SWITCHED_JS = f"""([expected, path]) => {{
  const started = window.__benchRuns > 0 || window.location.pathname === path;
  if (!started || document.querySelector('[data-stale="true"]')) return false;
  return ({READY_JS})(expected);
}}"""


@dataclass
class SwitchTiming:
    page: str
    expected_charts: int
    switch_ms: list[float] = field(default_factory=list)
    session_first_ms: list[float] = field(default_factory=list)  # the page's first switch in a new session
    first_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class SwitchResult:
    timings: list[SwitchTiming]
    text_page: str
    text_switch_ms: list[float] = field(default_factory=list)
    text_first_ms: list[float] = field(default_factory=list)
    rounds: int = 0
    skipped: str = ""
    floor: dict[str, list[float]] = field(default_factory=dict)  # Plotly's floor app: see floor_ratios()

    @staticmethod
    def _ratio(values: list[float], base: list[float]) -> float | None:
        return statistics.median(values) / statistics.median(base) if values and base else None

    def switch_ratio(self, timing: SwitchTiming) -> float | None:
        return self._ratio(timing.switch_ms, self.text_switch_ms)

    def first_ratio(self, timing: SwitchTiming) -> float | None:
        return self._ratio(timing.first_ms, self.text_first_ms)

    def floor_ratios(self) -> tuple[float | None, float | None]:
        """(switch, first load) of the floor app's one-chart page ÷ its text page (bench/plotly_floor_app.py)."""
        f = self.floor
        return (self._ratio(f.get("chart_switch", []), f.get("text_switch", [])),
                self._ratio(f.get("chart_first", []), f.get("text_first", [])))  # fmt: skip


def _path(page: str) -> str:
    stem = Path(page).stem
    return f"/{'' if stem == 'yleiskuva' else stem}"  # the default page's address is the root


def _link(tab, base_url: str, page: str):
    return tab.locator(f'[data-testid="stSidebarNavLink"][href="{base_url}{_path(page)}"]').first


def switch(tab, base_url: str, page: str, expected: int, timeout_ms: float = VISIT_TIMEOUT_MS) -> float:
    """Milliseconds from the sidebar click on `page` until it is drawn."""
    link = _link(tab, base_url, page)
    if not link.is_visible():  # the forum's presentation hides the sidebar: a person turns it on first
        _show_sidebar(tab, link)
    start = float(tab.evaluate(WATCH_JS))
    link.click()
    done = tab.wait_for_function(SWITCHED_JS, arg=[expected, _path(page)], polling="raf", timeout=timeout_ms)
    if tab.locator('[data-testid="stException"]').count():
        raise RuntimeError(f"{page} shows an exception")
    return float(done.json_value()) - start


def _show_sidebar(tab, link) -> None:
    """Aluefoorumi's own "show the sidebar" toggle (URL key aluefoorumi.sivupalkki), then wait for its rerun."""
    tab.locator(".st-key-aluefoorumi-sivupalkki label").first.click()  # Streamlit writes the key's dot as -
    link.wait_for(state="visible", timeout=VISIT_TIMEOUT_MS)
    tab.wait_for_function(browser_bench.IDLE_JS, polling="raf", timeout=VISIT_TIMEOUT_MS)


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"


def _first_load(browser, url: str, expected: int) -> float:
    context = browser.new_context(viewport=VIEWPORT, locale="fi-FI")
    try:
        return visit(context.new_page(), url, expected)[1]
    finally:
        context.close()


def _first_load_drawn(browser, url: str, drawn: str) -> float:
    """A first load in a new profile until the run is over and `drawn` (a CSS selector) is on the page."""
    context = browser.new_context(viewport=VIEWPORT, locale="fi-FI")
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="commit")
        tab.wait_for_function(browser_bench.IDLE_JS, polling="raf", timeout=VISIT_TIMEOUT_MS)
        tab.wait_for_selector(drawn, state="attached", timeout=VISIT_TIMEOUT_MS)
        return float(tab.evaluate("performance.now()"))
    finally:
        context.close()


def bench_switch(data_dir: Path, expected: dict[str, int], *, rounds: int = 3,
                 progress: Callable[[str], None] = print) -> SwitchResult:  # fmt: skip
    """One warm server on a copy of `data_dir`'s warehouse; `rounds` of every page switched to in one
    session and loaded first in new profiles (`expected`: page file name → charts it draws)."""
    pages = sorted(p for p in expected if p != TEXT_PAGE)
    result = SwitchResult([SwitchTiming(p, expected[p]) for p in pages], TEXT_PAGE, rounds=rounds)
    if not CHROMIUM.exists():
        result.skipped = f"{CHROMIUM} is missing (`make test` installs it)"
        return result
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        result.skipped = "playwright is not installed (requirements-dev.txt)"
        return result
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="tilannekuva-switch-") as tmp:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            with serve(copy_warehouse(data_dir, Path(tmp))) as server:
                base = server.base_url
                progress(f"switch: server up in {server.start_s:.1f} s; warming every page…")
                for timing in [*result.timings, SwitchTiming(TEXT_PAGE, 0)]:  # warm: every page computed once
                    try:
                        _first_load(browser, page_url(base, timing.page), timing.expected_charts)
                    except Exception as exc:  # noqa: BLE001 - measured (and reported) below
                        progress(f"switch: warming {timing.page} failed: {_error(exc)}")
                for number in range(rounds):
                    progress(f"switch: round {number + 1}/{rounds}: sidebar switches in one session…")
                    context = browser.new_context(viewport=VIEWPORT, locale="fi-FI")
                    tab = context.new_page()
                    try:
                        visit(tab, page_url(base, TEXT_PAGE), 0)
                        # First every page once: the session loads each element's code (the chart bundle, 1.6 MB)
                        # when a page first needs it, and that cost would land on whichever chart page
                        # came first. Reported apart, as the page's first switch in a session.
                        for first_pass, times in ((True, "session_first_ms"), (False, "switch_ms")):
                            for timing in result.timings:
                                try:
                                    ms = switch(tab, base, timing.page, timing.expected_charts)
                                    getattr(timing, times).append(ms)
                                    text_ms = switch(tab, base, TEXT_PAGE, 0)
                                    if not first_pass:
                                        result.text_switch_ms.append(text_ms)
                                except Exception as exc:  # noqa: BLE001 - reported; the session starts over
                                    timing.errors.append(_error(exc))
                                    visit(tab, page_url(base, TEXT_PAGE), 0)
                    finally:
                        context.close()
                    progress(f"switch: round {number + 1}/{rounds}: first loads in new profiles…")
                    for timing in result.timings:
                        try:
                            timing.first_ms.append(_first_load(browser, page_url(base, timing.page),
                                                               timing.expected_charts))  # fmt: skip
                            result.text_first_ms.append(_first_load(browser, page_url(base, TEXT_PAGE), 0))
                        except Exception as exc:  # noqa: BLE001 - reported, the run goes on
                            timing.errors.append(_error(exc))
            progress("switch: Plotly's floor (bench/plotly_floor_app.py)…")
            floor_dir = Path(tmp) / "floor"
            floor_dir.mkdir()
            with serve(floor_dir, script=FLOOR_APP) as floor:
                _floor(browser, floor.base_url, result.floor, rounds, progress)
        finally:
            browser.close()
    return result


def _floor(browser, base: str, floor: dict[str, list[float]], rounds: int, progress: Callable[[str], None]) -> None:
    """The floor app's chart page against its text page: first loads, then switches in one session, taking turns."""
    pages = {"chart": 1, "text": 0}
    for name in ("chart_switch", "text_switch", "chart_first", "text_first"):
        floor.setdefault(name, [])
    for page, expected in pages.items():  # warm
        _first_load(browser, f"{base}/{page}", expected)
    for _ in range(rounds):
        for _ in range(FLOOR_REPEATS):
            for page, expected in pages.items():
                floor[f"{page}_first"].append(_first_load(browser, f"{base}/{page}", expected))
            for page, drawn in OTHER_CHARTS.items():
                floor.setdefault(f"{page}_first", []).append(_first_load_drawn(browser, f"{base}/{page}", drawn))
        context = browser.new_context(viewport=VIEWPORT, locale="fi-FI")
        tab = context.new_page()
        try:
            visit(tab, f"{base}/text", 0)
            # This tiny app is idle at once: a click in the first moment after the load was seen to be lost.
            tab.wait_for_timeout(1000)
            for _ in range(FLOOR_REPEATS):
                for page, expected in pages.items():
                    try:
                        floor[f"{page}_switch"].append(switch(tab, base, page, expected, FLOOR_TIMEOUT_MS))
                    except Exception as exc:  # noqa: BLE001 - reported; the session starts over
                        progress(f"switch: floor {page} failed: {_error(exc)}")
                        visit(tab, f"{base}/text", 0)
                        tab.wait_for_timeout(1000)
        finally:
            context.close()
