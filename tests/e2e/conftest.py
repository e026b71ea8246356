"""Browser tests: one warehouse, one `streamlit run` server and one Debian Chromium per test session.

The server runs exactly as users run it (a subprocess on a free port), pointed at a warehouse built into
a temporary TILANNEKUVA_DATA_DIR, so the tests never touch data/ and never race a developer's own server.
Each test gets a fresh browser context (own cookies, own Streamlit session) on the shared browser.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from bench import server as server_process

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # containers and CI run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # /dev/shm is tiny in containers; Chromium crashes on big pages otherwise
    "--disable-background-networking",  # no internet here: don't let Chromium stall on update checks
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1800}  # tall enough that the whole overview fits one screenshot
IDLE_TIMEOUT_MS = 60_000  # a cold first render of the overview takes seconds, not minutes
EXPECT_TIMEOUT_MS = 20_000  # Playwright's 5 s default is too tight for a multi-second rerun on a busy runner

IDLE_SELECTOR = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SPINNER_SELECTOR = '[data-testid="stSpinner"]'
CHART = ".tk-chart"  # a chart's plot: dashboard/ui/chart_assets/chart.js draws each figure into one


@dataclass(frozen=True)
class Server:
    """A running `streamlit run app.py` and the data dir it serves."""

    base_url: str
    data_dir: Path

    @property
    def warehouse(self) -> Path:
        directory = self.data_dir / "warehouse"
        return directory / (directory / "CURRENT").read_text(encoding="utf-8").strip()

    @property
    def log(self) -> str:
        """Everything the server has printed so far (stdout and stderr)."""
        return (self.data_dir / "streamlit.log").read_text(encoding="utf-8", errors="replace")


def _build_warehouse(data_dir: Path) -> None:
    """Build with the real CLI; if the ETL is broken mid-edit, copy the developer's warehouse instead.

    The copy keeps the browser tests about the app: an ETL regression is the ETL tests' job to report.
    """
    env = {**os.environ, "TILANNEKUVA_DATA_DIR": str(data_dir)}
    result = subprocess.run([sys.executable, "-m", "etl", "--quiet", "build"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    if result.returncode == 0:
        return
    source = REPO / "data" / "warehouse"
    if not (source / "CURRENT").is_file():
        pytest.fail(f"`python -m etl build` failed (exit {result.returncode}) and there is no data/warehouse to "
                    f"fall back on:\n{result.stderr[-3000:]}")  # fmt: skip
    warnings.warn(f"`python -m etl build` failed (exit {result.returncode}); e2e tests use a copy of "
                  f"data/warehouse instead:\n{result.stderr[-1000:]}", stacklevel=1)  # fmt: skip
    name = (source / "CURRENT").read_text(encoding="utf-8").strip()
    target = data_dir / "warehouse"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / name, target / name)
    shutil.copy2(source / "CURRENT", target / "CURRENT")


@contextlib.contextmanager
def serve(data_dir: Path, *, secrets: Path | None = None, env: dict[str, str] | None = None) -> Iterator[Server]:
    """`streamlit run app.py` on a free local port, serving the warehouse in `data_dir`, stopped on exit
    (bench/server.py starts it, as for the benchmarks). `secrets` is passed with --secrets.files (tests never
    write the repository's .streamlit/); `env` adds variables such as TILANNEKUVA_STATE."""
    with server_process.serve(data_dir, secrets=secrets, env=env) as running:
        yield Server(base_url=running.base_url, data_dir=data_dir)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The shared server of the browser tests, serving a freshly built warehouse."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    _build_warehouse(data_dir)
    with serve(data_dir) as running:
        yield running


def copy_warehouse(source: Server, data_dir: Path) -> Path:
    """A copy of `source`'s current warehouse in `data_dir` (faster than another build); returns data_dir."""
    target = data_dir / "warehouse"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source.warehouse, target / source.warehouse.name)
    shutil.copy2(source.warehouse.parent / "CURRENT", target / "CURRENT")
    return data_dir


@pytest.fixture
def fresh_server(server: Server, tmp_path: Path) -> Iterator[Server]:
    """A server of its own that no browser has visited yet (cold), on a copy of the shared warehouse."""
    with serve(copy_warehouse(server, tmp_path)) as running:
        yield running


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    return server.base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser downloads: `make test` apt-installs chromium)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (`make test` does) to run the browser tests")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def context(browser) -> Iterator[object]:
    """A fresh browser profile per test: own Streamlit session, so no test sees another's language."""
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="fi-FI")
    ctx.set_default_timeout(IDLE_TIMEOUT_MS)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context) -> object:
    return context.new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A failed browser test leaves a picture of its page as it was, failure.png in the test's tmp_path
    (pytest keeps the last few), taken here because the page is closed by the time fixtures tear down.
    Streamlit scrolls inside its own container, so what the picture holds is the tall VIEWPORT's height."""
    report = yield
    page = item.funcargs.get("page") if report.when == "call" and report.failed else None
    if page is not None and "tmp_path" in item.funcargs:
        with contextlib.suppress(Exception):  # a picture is a help, never a second error
            page.screenshot(path=str(item.funcargs["tmp_path"] / "failure.png"), full_page=True)
    return report


@pytest.fixture(autouse=True)
def _failure_screenshot_dir(tmp_path: Path) -> Path:
    """Every browser test has a tmp_path for pytest_runtest_makereport's failure.png."""
    return tmp_path


def wait_idle(page, timeout: float = IDLE_TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished the current script run and no spinner is showing.

    stApp carries data-test-script-state (initial → running → notRunning) in Streamlit 1.67. After an
    action the rerun may not have started yet, so callers still assert on the expected content with
    Playwright's retrying `expect`; this only stops them from reading a half-drawn page.
    """
    page.wait_for_selector(IDLE_SELECTOR, state="attached", timeout=timeout)
    page.wait_for_selector(SPINNER_SELECTOR, state="detached", timeout=timeout)


def open_page(page, url: str) -> None:
    """Navigate and wait for the first script run to finish."""
    page.goto(url)
    wait_idle(page)


def download_button(page, key: str, fmt: str):
    """The `fmt` button of the chart `key`'s "Lataa" menu (components.downloads), opened first: the menu draws
    its buttons in the rerun that opening it starts."""
    button = page.locator(f".st-key-{key}_{fmt}").get_by_role("button")
    for _ in range(3):
        wait_idle(page)
        page.locator(f".st-key-{key}_lataa").get_by_role("button").first.click()
        try:
            button.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeout:  # a rerun redrew the menu under the click; open it again
            continue
    expect(button).to_be_visible()
    return button


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label`. A rerun still under way can redraw the box under the
    click and swallow it, so open the list again until the option shows; then wait for the box to say it."""
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label).first
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(5):
        wait_idle(page)
        box.click()
        page.keyboard.type(option)  # filters the list: long lists only render the options in view
        try:
            wanted.wait_for(state="visible", timeout=3000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    wanted.click()
    expect(box.get_by_role("combobox")).to_have_value(option)
    wait_idle(page)


def selectbox_value(page, label: str):
    """The combobox of the main-area selectbox labelled `label` (its value is the chosen option's text)."""
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label).first
    return box.get_by_role("combobox")


def press_slide_key(page, key: str, wanted: re.Pattern) -> None:
    """Press a presentation-mode shortcut and wait for the slide progress ("2 / 7") to match `wanted`.

    The buttons' shortcuts listen only once the buttons are drawn: on two busy cores a press can come while
    the previous rerun's elements are still being mounted and go nowhere. Wait for the buttons, and press
    again only when the page is idle and still shows the old slide (so a slow press is not counted twice)."""
    progress = page.locator(".slide-progress")
    buttons = page.get_by_test_id("stMain").get_by_role("button", name=re.compile("Edellinen|Seuraava"))
    before = progress.inner_text()
    for _ in range(3):
        expect(buttons.first).to_be_visible()
        wait_idle(page)
        if progress.inner_text() != before:
            break
        page.keyboard.press(key)
        try:
            expect(progress).to_have_text(wanted, timeout=5_000)
            break
        except AssertionError:
            continue
    expect(progress).to_have_text(wanted)
