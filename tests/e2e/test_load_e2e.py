"""Load: 30 concurrent sessions read every public page while `python -m etl build` swaps the warehouse twice.

Zero errors, and each page is wholly one build: the data version in the sidebar footer (dashboard/
dataversion.py) and every figure, text and chart come from the same warehouse (db.pin_run). Builds 2 and 3
read a copy of the snapshot whose latest population year is 1 000 higher per area: recognisably changed
test data, only in this test's temporary folder. Without db.pin_run, 7 of 264 views were mixed. A page
that draws nothing of the changed series looks alike in both builds and can show no mix: the report lists
those pages (their check is the version footer, which must still be one build per session, never older).

28 sessions speak Streamlit's websocket protocol (bench/streamlit_client.py), 2 are Chromium pages. A
browser spends 1–7 CPU-seconds per view drawing plotly charts (measured), so 30 browsers would need ~300
CPU-seconds, beyond the 90 s budget on two cores; the protocol clients make the server run the same
scripts, and the two browsers time what a user waits for: navigation → every chart drawn. p50/p95 of both
are printed and written to bench/results/load.json (ignored by git) for docs/benchmarks.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

from bench.streamlit_client import PageError, PageRun, ProtocolSession
from tests.app.test_journeys import PUBLIC
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, REPO, VIEWPORT, Server, copy_warehouse, serve

pytestmark = pytest.mark.e2e

SESSIONS = 30
BROWSERS = 2  # of the sessions; the others are protocol clients
# Every public page, by url path ("" is the default page, yleiskuva); editor pages only show a login prompt.
PAGES = tuple("" if page.stem == "yleiskuva" else page.stem for page in PUBLIC)
HISTORY_PAGES = ("muutokset",)  # lists the warehouse builds since the last forum meeting
SHOWS_SERIES = ("", "vaesto", "kuntavertailu")  # pages known to draw the changed population series
SERIES_FILE = "population_by_municipality_1972_2023_statfin_11re.csv.gz"  # changed in builds 2 and 3
NEWEST_FILE = "pxweb_json_2026/sex_register_kunnat_11re.json.gz"  # 31.12.2025, the newest year on every page
THINK_S = 1.0  # a user looks at a page before the next click: 30 clients with no pause measure a queue
VIEW_TIMEOUT_S = 90.0  # one page view, on a busy 2-core runner
BUILD_TIMEOUT_S = 120.0
LOAD_TIMEOUT_S = 480.0  # everything in the worker thread, so it ends before the test's own timeout below
TEST_TIMEOUT_S = 600  # every public page read cold twice (before and after) and under load: beyond the usual 300 s
SERVER_ENV = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}  # as in production: no module reloads mid-load
RESULTS = REPO / "bench" / "results" / "load.json"
VERSION = re.compile(r"(?:versio|version) (\d{8}T\d{6}\d*Z)")

# The browser page as drawn so far, whether it is idle, and any failure: an exception, an error box, a dialog
# ("Page not found") or the lost-connection status.
SHAPE_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const app = document.querySelector('[data-testid="stApp"]');
  const texts = s => main ? Array.from(main.querySelectorAll(s)).map(e => e.textContent.trim()) : [];
  const dialog = document.querySelector('[role="dialog"]');
  const failure = document.querySelector('[data-testid="stException"], [data-testid="stAlertContentError"], '
                                         + '[data-testid="stConnectionStatus"]');
  const h1 = main && main.querySelector('h1');
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    title: h1 ? h1.textContent.trim() : '',
    metrics: texts('[data-testid="stMetricValue"]'),
    alts: texts('.sr-only'),
    charts: main ? Array.from(main.querySelectorAll('.js-plotly-plot')).filter(p => p.querySelector('.main-svg')).length : 0,
    idle: !!app && app.getAttribute('data-test-script-state') === 'notRunning'
          && !document.querySelector('[data-testid="stSpinner"], [data-stale="true"]'),
    failure: dialog ? 'dialog: ' + dialog.innerText.slice(0, 200) : failure ? 'error: ' + failure.innerText.slice(0, 300) : '',
    sidebar: sidebar ? sidebar.innerText : '',
  };
}"""
# Ready = idle with the whole page drawn: its title and as many headline values, text alternatives and
# drawn charts as the page has. The counts matter: after a navigation Streamlit can report the run finished
# while React is still adding elements, and plotly loads lazily after that. A failure ends the wait at once.
READY_JS = f"""(want) => {{
  const shape = ({SHAPE_JS})();
  if (shape.failure) return shape.failure;
  const drawn = shape.idle && shape.title === want.title && shape.charts === want.charts
    && shape.metrics.length === want.metrics && shape.alts.length === want.alts;
  return drawn ? 'ready' : false;
}}"""


@dataclass
class View:
    session: int
    kind: str  # protocol | browser
    page: str
    seconds: float = float("nan")
    version: str = ""
    content: tuple = ()
    error: str = ""


@dataclass
class Load:
    views: list[View] = field(default_factory=list)
    builds: list[dict] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)  # set when both builds have ended


def changed_snapshot(target: Path) -> Path:
    """A copy of data/snapshot with changed 2023 and 2025 populations (test data only)."""
    shutil.copytree(REPO / "data" / "snapshot", target)
    path = target / SERIES_FILE
    frame = pd.read_csv(path, dtype=str)
    latest = frame["year"] == frame["year"].max()
    frame.loc[latest, "population"] = (pd.to_numeric(frame["population"][latest]) + 1000).astype(str)
    frame.to_csv(path, index=False, compression="gzip")
    # The PxWeb `json` response of 2026, rows {"key": [area, sex, year], "values": [n]}: 1 000 men move from
    # Karstula to Saarijärvi, so the published sub-region, region and country totals (11ra) still add up.
    newest = target / NEWEST_FILE
    response = json.loads(gzip.decompress(newest.read_bytes()))
    moved = {"KU729": 1000, "KU226": -1000}
    for row in response["data"]:
        area, sex, _ = row["key"]
        if area in moved and sex in ("SSS", "1"):
            row["values"] = [str(int(row["values"][0]) + moved[area])]
    newest.write_bytes(gzip.compress(json.dumps(response).encode("utf-8")))
    # recorded on purpose in the copy's own lock, as an operator would after changing the snapshot
    subprocess.run([sys.executable, "-m", "etl", "--quiet", "--snapshot-dir", str(target), "snapshot"], cwd=REPO,
                   check=True, capture_output=True)  # fmt: skip
    return target


def version_of(text: str) -> str:
    return found.group(1) if (found := VERSION.search(text)) else ""


async def reference(base_url: str) -> dict[str, PageRun]:
    """Each page read once over the protocol while no build runs: what its version looks like."""
    async with ProtocolSession(base_url, VIEW_TIMEOUT_S) as client:
        return {path: await client.open(path) for path in PAGES}


async def rounds(number: int, load: Load):
    """The pages a session reads, each session in its own order (so together they read every page at every
    moment) with a pause between pages, until both builds are done. Not to the end of a round: a round of
    every page takes minutes with 30 sessions on two cores."""
    order = [PAGES[(number + k) % len(PAGES)] for k in range(len(PAGES))]
    for count, path in enumerate(itertools.cycle(order)):
        if count:
            if load.done.is_set():
                return
            await asyncio.sleep(THINK_S)
        yield path


async def protocol_user(number: int, base_url: str, load: Load) -> None:
    async with ProtocolSession(base_url, VIEW_TIMEOUT_S) as client:
        async for path in rounds(number, load):
            try:
                run = await client.open(path)
            except PageError as exc:
                load.views.append(View(number, "protocol", path, error=str(exc)))
                continue
            load.views.append(View(number, "protocol", path, run.seconds, version_of(" ".join(run.sidebar)),
                                   run.content))  # fmt: skip


async def browser_user(number: int, browser, base_url: str, shapes: dict[str, dict], load: Load) -> None:
    context = await browser.new_context(viewport=VIEWPORT, locale="fi-FI")
    context.set_default_timeout(VIEW_TIMEOUT_S * 1000)  # a first view by address too, not Playwright's 30 s
    page = await context.new_page()
    first = True
    try:
        async for path in rounds(number, load):
            start = time.perf_counter()
            try:
                if first:
                    first = False
                    await page.goto(f"{base_url}/{path}")
                else:  # the sidebar's link; the default page's address is the app's root
                    link = page.locator(f'[data-testid="stSidebarNavLink"][href$="/{path}"]').first
                    if await link.is_visible():
                        await link.click()
                    else:  # the forum's presentation mode hides the sidebar: the same click, by script
                        await link.evaluate("a => a.click()")
                handle = await page.wait_for_function(READY_JS, arg=shapes[path], timeout=VIEW_TIMEOUT_S * 1000,
                                                      polling=100)  # fmt: skip
                state = await handle.json_value()
                seconds = time.perf_counter() - start
                if state != "ready":
                    raise AssertionError(state)
                shape = await page.evaluate(SHAPE_JS)
            except (AssertionError, PlaywrightError) as exc:
                stuck = ""
                with contextlib.suppress(PlaywrightError):
                    stuck = await page.evaluate(SHAPE_JS)
                load.views.append(View(number, "browser", path, error=f"{exc}"[:300] + f"; page: {stuck}"[:600]))
                with contextlib.suppress(PlaywrightError):
                    await page.goto(base_url)  # start over from the front page
                continue
            seen = (shape["title"], tuple(shape["metrics"]), tuple(shape["alts"]))
            load.views.append(View(number, "browser", path, seconds, version_of(shape["sidebar"]), seen))
    finally:
        await context.close()


async def builder(data_dir: Path, snapshot_dir: Path, load: Load) -> None:
    """`python -m etl build` twice while the sessions read: the first once every session has read about a
    page, the second right after it, so sessions are mid-page at each swap."""
    env = {**os.environ, "TILANNEKUVA_DATA_DIR": str(data_dir)}
    try:
        for _ in range(2):
            while len(load.views) < SESSIONS:
                await asyncio.sleep(0.1)
            start, views_before = time.perf_counter(), len(load.views)
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "etl", "--quiet", "--snapshot-dir", str(snapshot_dir), "build", cwd=REPO,
                env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)  # fmt: skip
            output = (await asyncio.wait_for(process.communicate(), BUILD_TIMEOUT_S))[0].decode()
            built = re.search(r"built wh-(\S+)\.duckdb", output)
            load.builds.append({"exit": process.returncode, "run_id": built.group(1) if built else "",
                                "seconds": round(time.perf_counter() - start, 1), "views_before": views_before,
                                "output": output[-2000:]})  # fmt: skip
    finally:
        load.done.set()


async def run_load(base_url: str, data_dir: Path, snapshot_dir: Path) -> tuple[dict, Load, dict]:
    load = Load()
    before = await reference(base_url)
    shapes = {path: {"title": run.title, "metrics": len(run.metrics), "alts": len(run.alts),
                     "charts": len(run.charts)} for path, run in before.items()}  # fmt: skip
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            users = [browser_user(n, browser, base_url, shapes, load) for n in range(BROWSERS)]
            users += [protocol_user(n, base_url, load) for n in range(BROWSERS, SESSIONS)]
            await asyncio.gather(builder(data_dir, snapshot_dir, load), *users)
        finally:
            await browser.close()
    return before, load, await reference(base_url)


def summary(seconds: list[float]) -> dict[str, float]:
    """Count, p50, p95 and max of page times in seconds."""
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {"views": len(seconds), "p50_s": round(cuts[49], 2), "p95_s": round(cuts[94], 2),
            "max_s": round(max(seconds), 2)}  # fmt: skip


@pytest.mark.timeout(TEST_TIMEOUT_S)
def test_thirty_sessions_read_consistently_while_the_warehouse_is_swapped(
    server: Server, tmp_path: Path, capsys
) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (`make test` does)")
    wall = time.perf_counter()
    data_dir = copy_warehouse(server, tmp_path / "data")
    snapshot_dir = changed_snapshot(tmp_path / "snapshot")
    with serve(data_dir, env=SERVER_ENV) as running, ThreadPoolExecutor(1) as pool:
        # Own thread, own event loop: the sync Playwright of the other e2e tests may own this thread's loop.
        load_run = asyncio.wait_for(run_load(running.base_url, data_dir, snapshot_dir), LOAD_TIMEOUT_S)
        before, load, after = pool.submit(asyncio.run, load_run).result()
        log = running.log
    wall = time.perf_counter() - wall

    # Both builds swapped in a new warehouse; the changed series shows on every page, so a mix could not hide.
    assert [b["exit"] for b in load.builds] == [0, 0], [b["output"] for b in load.builds]
    old, new = version_of(" ".join(before[""].sidebar)), [b["run_id"] for b in load.builds]
    assert old and all(new) and len({old, *new}) == 3, (old, new)
    assert {version_of(" ".join(r.sidebar)) for r in after.values()} == {new[-1]}
    for path in SHOWS_SERIES:
        assert before[path].content != after[path].content, f"/{path}: the changed series does not show"
    # Pages that look the same in every build can show no mix; which they are goes into the report.
    alike = [f"/{path}" for path in PAGES if before[path].content == after[path].content]

    # Zero errors: every view finished, without exception, error box, dialog, lost connection or traceback.
    errors = [f"{v.kind} session {v.session} /{v.page}: {v.error}" for v in load.views if v.error]
    assert errors == [], "\n".join(errors)
    assert "Traceback" not in log, log[-3000:]

    # Consistent: each page is wholly the old build or wholly a new one (builds 2 and 3 hold the same data),
    # and no session goes back to older data once it has seen newer.
    seen = {v.version for v in load.views}
    assert seen <= {old, *new}, seen
    assert old in seen and seen & set(new), f"the swaps did not happen under load: versions seen {seen}"
    # Pages that list the builds themselves (meta_load_run) differ between builds 2 and 3 by that one run: for
    # them every view of one version must equal the first view of that version (no mix inside a build).
    first_of: dict[tuple[str, str, str], tuple] = {}
    for v in load.views:
        if v.page in HISTORY_PAGES and v.version != old:
            wanted = first_of.setdefault((v.kind, v.page, v.version), v.content)
        else:
            expected = (before if v.version == old else after)[v.page]
            wanted = expected.content if v.kind == "protocol" else (expected.title, expected.metrics, expected.alts)
        assert v.content == wanted, f"{v.kind} session {v.session} /{v.page}: version {v.version}, other content"
    for number in range(SESSIONS):
        versions = [v.version for v in load.views if v.session == number]
        assert versions == sorted(versions), f"session {number} went back to older data: {versions}"

    report = {
        "sessions": SESSIONS,
        "browsers": BROWSERS,
        "pages": [f"/{path}" for path in PAGES],
        "pages_alike_in_both_builds": alike,  # their check is the version footer only
        # Top level, read by bench/report.py: all views; p50/p95/max of the protocol sessions (request → every
        # element delivered). "browser": navigation → run finished with every chart drawn.
        **summary([v.seconds for v in load.views if v.kind == "protocol"]),
        "views": len(load.views),
        "protocol": summary([v.seconds for v in load.views if v.kind == "protocol"]),
        "browser": summary([v.seconds for v in load.views if v.kind == "browser"]),
        # A browser's first view loads the app's scripts into a fresh profile: most of the browser p95.
        "browser_first_view_s": [
            round(next(v.seconds for v in load.views if v.session == n), 2) for n in range(BROWSERS)
        ],
        "views_per_version": {version: sum(v.version == version for v in load.views) for version in (old, *new)},
        "builds": [{k: b[k] for k in ("run_id", "seconds", "views_before")} for b in load.builds],
        "errors": 0,
        "wall_s": round(wall, 1),
        "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    proto, shown = report["protocol"], report["browser"]
    with capsys.disabled():  # shown in `make test` output, not only with -s
        print(f"\nload: {SESSIONS} sessions, {len(load.views)} page views, 2 warehouse swaps, 0 errors, 0 mixed pages; "
              f"page time p50 {proto['p50_s']} s / p95 {proto['p95_s']} s (server, {proto['views']} views), "
              f"p50 {shown['p50_s']} s / p95 {shown['p95_s']} s (browser, charts drawn, {shown['views']} views); "
              f"wall {wall:.0f} s")  # fmt: skip
