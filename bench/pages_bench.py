"""Rerun timings of the app's pages, in-process with streamlit.testing.v1.AppTest.

For each page: a cold first render (every cache emptied by dashboard.core.memo.clear_all, modules already
imported), the same for the floor page with the page's own figures and tables pre-built, a few warm-ups,
then timed warm reruns of the two taking turns; the result is the ratio of the medians.
"""

from __future__ import annotations

import hashlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, local_script_runner

from bench import floor_page
from dashboard.core import memo as cache
from dashboard.ui import chart_element

REPO = Path(__file__).resolve().parent.parent
PAGES_DIR = REPO / "pages"
FLOOR_PAGE = Path(floor_page.__file__).resolve()
SKIP_PAGES = {"virhe.py"}  # the error page only renders when no warehouse exists
RUN_TIMEOUT = 120.0  # s per AppTest run; generous, so a slow page is measured rather than aborted


class BenchError(RuntimeError):
    """A page raised while being measured: its numbers would be meaningless."""


@dataclass(frozen=True)
class Timing:
    cold_ms: float
    warm_ms: list[float]
    charts: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.warm_ms)


@dataclass(frozen=True)
class PageResult:
    page: str
    page_timing: Timing
    floor_timing: Timing

    @property
    def ratio(self) -> float:
        return self.page_timing.median_ms / self.floor_timing.median_ms


def discover_pages(pages_dir: Path = PAGES_DIR) -> list[Path]:
    """Every page script the navigation can serve (so a new page is benchmarked without editing this)."""
    return sorted(p for p in pages_dir.glob("*.py") if p.name not in SKIP_PAGES and not p.name.startswith("_"))


# `streamlit run` compiles a page once per server (one ScriptCache for all sessions); AppTest gives every run a
# new ScriptCache and so compiles the script again each time, a cost that grows with the page's length and
# that no visitor pays. The timed runs share one cache, as the server's runs do.
_BYTECODE = ScriptCache()


def _run(at: AppTest, name: str) -> float:
    """One script run in milliseconds, the script's bytecode cached as a server caches it; raises if the
    script raised."""
    with mock.patch.object(local_script_runner, "ScriptCache", lambda: _BYTECODE):
        start = time.perf_counter()
        at.run(timeout=RUN_TIMEOUT)
        elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise BenchError(f"{name} raised: " + "; ".join(e.message for e in at.exception))
    return elapsed


def chart_elements(at: AppTest) -> list:
    """The charts the last run drew (dashboard.ui.chart_element), in page order: AppTest gives each as an
    UnknownElement of type bidi_component, its proto's bytes the figure's JSON."""
    return [el for el in at.get("bidi_component") if el.proto.component_name == chart_element.NAME]


def figure_specs(at: AppTest) -> tuple[bytes, ...]:
    """The chart elements' payloads the last run sent (chart_element.payload: each figure with its locale)."""
    return tuple(el.proto.bytes for el in chart_elements(at))


def _cold(script: Path, session: dict) -> tuple[AppTest, float]:
    """A new session's first run with every cache emptied: (the session, its time in ms)."""
    cache.clear_all()
    at = AppTest.from_file(str(script), default_timeout=RUN_TIMEOUT)
    for key, value in session.items():
        at.session_state[key] = value
    return at, _run(at, script.name)


def time_script(script: Path, session: dict, *, warmup: int, runs: int, budget_s: float,
                min_runs: int = 5) -> Timing:  # fmt: skip
    """Cold first render, `warmup` untimed reruns, then up to `runs` timed reruns within `budget_s`.

    The budget keeps the whole benchmark short when a page is slow; at least `min_runs` are still timed
    so the median means something.
    """
    at, cold = _cold(script, session)
    drawn = len(chart_elements(at))
    for _ in range(warmup):
        _run(at, script.name)
    warm: list[float] = []
    deadline = time.monotonic() + budget_s
    while len(warm) < runs and (len(warm) < min_runs or time.monotonic() < deadline):
        warm.append(_run(at, script.name))
    return Timing(cold_ms=cold, warm_ms=warm, charts=drawn)


def bench_page(page: Path, *, lang: str, warmup: int, runs: int, budget_s: float,
               min_runs: int = 5) -> PageResult:  # fmt: skip
    """Time one page and the floor page with that page's figures pre-built, their reruns interleaved.

    Page and floor take turns (page, floor, page, floor…), so a change in the machine's load during the
    measurement slows both sides alike instead of whichever ran in that stretch: on a shared 2-core machine
    back-to-back blocks moved a ratio by ±0.5× between runs.
    """
    session = {"lang": lang}
    # Throwaway first run: imports every module the page needs (plotly's validators, pyarrow…), so the
    # cold time below measures empty caches, not Python's import system.
    _run(AppTest.from_file(str(page), default_timeout=RUN_TIMEOUT), page.name)

    page_at, page_cold = _cold(page, session)
    specs = figure_specs(page_at)
    digest = hashlib.sha256(b"".join(specs)).hexdigest()
    floor_session = {"lang": lang, floor_page.SPECS_KEY: specs, f"{floor_page.SPECS_KEY}_digest": digest,
                     floor_page.TABLES_KEY: tuple(el.value for el in page_at.dataframe)}  # fmt: skip
    floor_at, floor_cold = _cold(FLOOR_PAGE, floor_session)
    if len(chart_elements(floor_at)) != len(specs):  # the comparison only holds with equal chart counts
        raise BenchError(f"floor drew {len(chart_elements(floor_at))} charts, {page.name} drew {len(specs)}")
    # The page's warm state includes the caches its first run filled; the floor's cold run emptied them.
    for _ in range(warmup):
        _run(page_at, page.name)
        _run(floor_at, FLOOR_PAGE.name)
    page_ms: list[float] = []
    floor_ms: list[float] = []
    deadline = time.monotonic() + budget_s
    while len(page_ms) < runs and (len(page_ms) < min_runs or time.monotonic() < deadline):
        page_ms.append(_run(page_at, page.name))
        floor_ms.append(_run(floor_at, FLOOR_PAGE.name))
    return PageResult(page=page.name, page_timing=Timing(page_cold, page_ms, len(specs)),
                      floor_timing=Timing(floor_cold, floor_ms, len(specs)))  # fmt: skip


def bench_pages(*, lang: str = "fi", warmup: int = 3, runs: int = 15, budget_s: float = 30.0,
                progress: Callable[[str], None] = print) -> list[PageResult]:  # fmt: skip
    results = []
    for page in discover_pages():
        progress(f"timing {page.relative_to(REPO)} and its floor…")
        results.append(bench_page(page, lang=lang, warmup=warmup, runs=runs, budget_s=budget_s))
    return results


def chart_counts(*, lang: str = "fi") -> dict[str, int]:
    """{page file name: charts it draws}, from one run each: what the browser benchmark waits for when the
    rerun timings (which count them too) were not run."""
    counts = {}
    for page in discover_pages():
        at = AppTest.from_file(str(page), default_timeout=RUN_TIMEOUT)
        at.session_state["lang"] = lang
        _run(at, page.name)
        counts[page.name] = len(chart_elements(at))
    return counts
