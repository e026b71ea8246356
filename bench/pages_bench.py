"""Rerun timings of the app's pages, in-process with streamlit.testing.v1.AppTest.

For each page: a cold first render (every cache emptied by dashboard.cache.clear_all, modules already
imported), then a few warm-ups, then timed warm reruns. The same is done, right after, for the floor
page with the page's own figures and tables pre-built, and the result is reported as the ratio of the medians.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import floor_page
from dashboard import cache

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


def _run(at: AppTest, name: str) -> float:
    """One script run in milliseconds; raises if the script raised."""
    start = time.perf_counter()
    at.run(timeout=RUN_TIMEOUT)
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise BenchError(f"{name} raised: " + "; ".join(e.message for e in at.exception))
    return elapsed


def plotly_specs(at: AppTest) -> tuple[tuple[str, str], ...]:
    """The figures the last run drew, as (figure JSON, config JSON); AppTest has no typed plotly element."""
    return tuple((el.proto.spec, el.proto.config) for el in at.get("plotly_chart"))


def time_script(script: Path, session: dict, *, warmup: int, runs: int, budget_s: float,
                min_runs: int = 5, after_cold: Callable[[AppTest], None] | None = None) -> Timing:  # fmt: skip
    """Cold first render, `warmup` untimed reruns, then up to `runs` timed reruns within `budget_s`.

    The budget keeps the whole benchmark short when a page is slow; at least `min_runs` are still timed
    so the median means something.
    """
    cache.clear_all()
    at = AppTest.from_file(str(script), default_timeout=RUN_TIMEOUT)
    for key, value in session.items():
        at.session_state[key] = value
    cold = _run(at, script.name)
    charts = len(at.get("plotly_chart"))
    if after_cold:
        after_cold(at)
    for _ in range(warmup):
        _run(at, script.name)
    warm: list[float] = []
    deadline = time.monotonic() + budget_s
    while len(warm) < runs and (len(warm) < min_runs or time.monotonic() < deadline):
        warm.append(_run(at, script.name))
    return Timing(cold_ms=cold, warm_ms=warm, charts=charts)


def bench_page(page: Path, *, lang: str, warmup: int, runs: int, budget_s: float) -> PageResult:
    """Time one page, then the floor page with that page's figures pre-built, back to back."""
    session = {"lang": lang}
    # Throwaway first run: imports every module the page needs (plotly's validators, pyarrow…), so the
    # cold time below measures empty caches, not Python's import system.
    _run(AppTest.from_file(str(page), default_timeout=RUN_TIMEOUT), page.name)

    captured: dict[str, object] = {}

    def capture(at: AppTest) -> None:
        captured["specs"] = plotly_specs(at)
        captured["tables"] = tuple(el.value for el in at.dataframe)

    page_timing = time_script(page, session, warmup=warmup, runs=runs, budget_s=budget_s, after_cold=capture)
    specs = captured["specs"]
    digest = hashlib.sha256(json.dumps(specs).encode()).hexdigest()
    floor_session = {floor_page.SPECS_KEY: specs, f"{floor_page.SPECS_KEY}_digest": digest,
                     floor_page.TABLES_KEY: captured["tables"]}  # fmt: skip
    floor_timing = time_script(FLOOR_PAGE, floor_session, warmup=warmup, runs=runs, budget_s=budget_s)
    if floor_timing.charts != page_timing.charts:  # the comparison only holds with equal chart counts
        raise BenchError(f"floor drew {floor_timing.charts} charts, {page.name} drew {page_timing.charts}")
    return PageResult(page=page.name, page_timing=page_timing, floor_timing=floor_timing)


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
        counts[page.name] = len(at.get("plotly_chart"))
    return counts
