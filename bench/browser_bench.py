"""Browser time until a page's charts are visible: Playwright driving Debian's Chromium against a real
`streamlit run app.py` on localhost (bench/server.py), the way a user's browser meets the app.

One measurement = navigation start (the document's performance.timeOrigin) until, in the same frame,
Streamlit's script is idle (stApp data-test-script-state="notRunning", no spinner), the page shows at
least the number of charts the page draws (counted by the in-process benchmark, so a chart that never
arrives is a timeout, not a fast page) and every `.js-plotly-plot` has drawn its SVG and is visible.
The time is read from the page's own clock (performance.now()), so Playwright's overhead is not in it.
The moment the script run was over is recorded too: what follows it is the browser's work (loading
Plotly, drawing), what precedes it the server's and the connection's.

Each run starts a new server (nothing cached) and visits every page: cold = the first visit of that page
on that server, from a new browser profile (empty HTTP cache); warm = the same page again in the same
profile (server caches and HTTP cache warm). The page order is rotated between runs, so the one-off cost
of the server's first session (app.py's imports) falls on a different page each run and the median
across runs leaves it out.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.server import copy_warehouse, serve

CHROMIUM = Path("/usr/bin/chromium")
# The flags tests/e2e/conftest.py uses: root in containers (no sandbox), tiny /dev/shm, no network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
VIEWPORT = {"width": 1400, "height": 1800}
VISIT_TIMEOUT_MS = 120_000  # a cold page on a busy 2-core machine takes seconds; a hung one is reported

# Resolves to performance.now() once the page is complete (see the module docstring), else false.
READY_JS = """(expected) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSpinner"]')) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  if (plots.length < expected) return false;
  const drawn = (p) => p.querySelector('.main-svg') && p.checkVisibility({visibilityProperty: true})
    && p.getBoundingClientRect().height > 0;
  return plots.every(drawn) ? performance.now() : false;
}"""
# The first moment the script run is over (charts may still be drawing): splits server from browser time.
IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stSpinner"]');
  return idle ? performance.now() : false;
}"""
COUNT_JS = "() => document.querySelectorAll('.js-plotly-plot').length"


@dataclass
class BrowserTiming:
    page: str
    expected_charts: int
    cold_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    cold_idle_ms: list[float] = field(default_factory=list)  # when the script run was over, charts or not
    warm_idle_ms: list[float] = field(default_factory=list)
    seen_charts: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def median(values: list[float]) -> float | None:
        return statistics.median(values) if values else None


@dataclass
class BrowserResult:
    timings: list[BrowserTiming]
    server_start_s: list[float]
    runs: int
    warm_visits: int
    skipped: str = ""  # why nothing was measured (no Chromium, no Playwright)
    chromium: str = ""  # the browser's version


def page_url(base_url: str, page: str) -> str:
    # URL path = file name without .py (app.py sets url_path so); the default page also answers there.
    return f"{base_url}/{Path(page).stem}"


def visit(tab, url: str, expected: int) -> tuple[float, float]:
    """One navigation; milliseconds from navigation start until the script run was over, and until the
    page was complete (charts drawn)."""
    tab.goto(url, wait_until="commit")
    idle = tab.wait_for_function(IDLE_JS, polling="raf", timeout=VISIT_TIMEOUT_MS)
    ready = tab.wait_for_function(READY_JS, arg=expected, polling="raf", timeout=VISIT_TIMEOUT_MS)
    if tab.locator('[data-testid="stException"]').count():
        raise RuntimeError("the page shows an exception")
    return float(idle.json_value()), float(ready.json_value())


def _count(tab) -> str:
    try:
        return str(tab.evaluate(COUNT_JS))
    except Exception:  # noqa: BLE001 - only for the error message: a crashed tab has no count
        return "?"


def _measure_page(browser, base_url: str, timing: BrowserTiming, warm_visits: int) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="fi-FI")  # new profile: empty HTTP cache
    tab = context.new_page()
    try:
        url = page_url(base_url, timing.page)
        idle, ready = visit(tab, url, timing.expected_charts)
        timing.cold_idle_ms.append(idle)
        timing.cold_ms.append(ready)
        for _ in range(warm_visits):
            idle, ready = visit(tab, url, timing.expected_charts)
            timing.warm_idle_ms.append(idle)
            timing.warm_ms.append(ready)
        timing.seen_charts = max(timing.seen_charts, tab.evaluate(COUNT_JS))
    except Exception as exc:  # noqa: BLE001 - a timeout or a page error is reported, the run goes on
        timing.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]} ({_count(tab)} charts seen)")
    finally:
        context.close()


def bench_browser(data_dir: Path, expected: dict[str, int], *, runs: int = 3, warm_visits: int = 1,
                  progress: Callable[[str], None] = print) -> BrowserResult:  # fmt: skip
    """`runs` fresh servers on copies of the warehouse in `data_dir`; every page in `expected` (page file
    name → charts it draws) visited cold once and warm `warm_visits` times per run."""
    if not CHROMIUM.exists():
        return BrowserResult([], [], runs, warm_visits, skipped=f"{CHROMIUM} is missing (`make test` installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return BrowserResult([], [], runs, warm_visits, skipped="playwright is not installed (requirements-dev.txt)")
    pages = sorted(expected)
    timings = {page: BrowserTiming(page, expected[page]) for page in pages}
    starts: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        version = browser.version
        try:
            for run in range(runs):
                shift = (run * len(pages)) // max(runs, 1)
                order = pages[shift:] + pages[:shift]
                with tempfile.TemporaryDirectory(prefix="tilannekuva-browser-") as tmp:
                    with serve(copy_warehouse(data_dir, Path(tmp))) as server:
                        starts.append(server.start_s)
                        progress(f"browser run {run + 1}/{runs}: server up in {server.start_s:.1f} s, "
                                 f"{len(order)} pages from {order[0]}…")  # fmt: skip
                        for page in order:
                            _measure_page(browser, server.base_url, timings[page], warm_visits)
        finally:
            browser.close()
    return BrowserResult([timings[p] for p in pages], starts, runs, warm_visits, chromium=version)
