"""Scale: the same pages on the national warehouse (all 308 municipalities of 2026, real series) against the
focus-region one (Keski-Suomi's municipalities only).

The national warehouse is built with the real ETL (`python -m etl build`, TILANNEKUVA_DATA_DIR and
TILANNEKUVA_REGION pointing into a temporary directory) from data/snapshot as shipped: the real national
series where the bundle has them, the region's files where it does not — no copied series. The
focus-region warehouse is a copy of the etl part's build with the rows of areas outside the configured
region removed (bench/scale_data.py). Nothing is written under data/.

Which region the pages show (`focus`):
- "region" (default, what `make bench` runs): the shipped region.toml. Every page shows exactly what it
  shows on the focus-region warehouse, but the national series hold 308 municipalities' rows instead of 23
  (the report gives the row counts), so the ratio isolates the cost of data size: queries that filter in
  SQL stay flat, code that loads whole tables into pandas does not. This is what the ≤ 1.5× goal is about.
- "all": all 308 municipalities are focus municipalities: every chart draws 308 areas. A stress test of
  views that were designed for a handful of municipalities (`python -m bench --only scale --scale-focus all`).

Each page is timed on both warehouses in the same process, interleaved page by page and alternating which
warehouse goes first, so a change in machine load hits both sides alike. Caches are keyed by the
warehouse file name, so switching TILANNEKUVA_DATA_DIR between them needs no restart.
"""

from __future__ import annotations

import contextlib
import os
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.etl_bench import EtlRun, build_once
from bench.pages_bench import RUN_TIMEOUT, BenchError, discover_pages, time_script
from bench.scale_data import RegionCut, cut_to_region, municipalities, write_region

GOAL_RATIO = 1.5


@dataclass(frozen=True)
class ScaleBuild:
    region: RegionCut  # the focus-region warehouse the pages are compared against
    run: EtlRun  # the national build
    data_dir: Path
    focus: str


@dataclass
class Side:
    """One page on one warehouse: cold renders (one per round) and warm reruns (all rounds)."""

    cold_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    charts: int = 0
    error: str = ""

    @property
    def cold(self) -> float | None:
        return statistics.median(self.cold_ms) if self.cold_ms else None

    @property
    def warm(self) -> float | None:
        return statistics.median(self.warm_ms) if self.warm_ms else None


@dataclass
class ScalePage:
    page: str
    small: Side = field(default_factory=Side)  # the eight-municipality warehouse
    large: Side = field(default_factory=Side)  # the 308-municipality warehouse

    def ratio(self, attribute: str) -> float | None:
        small, large = getattr(self.small, attribute), getattr(self.large, attribute)
        return large / small if small and large is not None else None


@dataclass(frozen=True)
class WarehouseSize:
    municipalities: int  # municipalities with at least one fact row
    focus: int  # focus municipalities of the region it was built for
    fact_rows: int


@dataclass
class ScaleResult:
    build: ScaleBuild
    pages: list[ScalePage]
    rounds: int
    warm_runs: int
    small: WarehouseSize
    large: WarehouseSize


def warehouse_size(data_dir: Path) -> WarehouseSize:
    """Counted in the built warehouse itself, so the report states what was measured, not what was meant."""
    import duckdb

    name = (data_dir / "warehouse" / "CURRENT").read_text(encoding="utf-8").strip()
    with duckdb.connect(str(data_dir / "warehouse" / name), read_only=True) as con:
        munis, rows = con.execute("SELECT count(DISTINCT area_code) FILTER (WHERE area_code LIKE 'KU%'), count(*) "
                                  "FROM fact_indicator").fetchone()  # fmt: skip
        focus = con.execute("SELECT value FROM meta_region WHERE key = 'focus_municipalities'").fetchone()[0]
    return WarehouseSize(munis, len(focus.split(",")), rows)


def build_scale(shipped_data_dir: Path, workdir: Path, focus: str = "region") -> ScaleBuild:
    """Build the national warehouse from the shipped snapshot (timed) and cut the focus-region one from
    `shipped_data_dir`'s build (the shipped region.toml)."""
    cut = cut_to_region(shipped_data_dir, workdir / "region-data")
    region = write_region(workdir / "scale-region.toml", municipalities(shipped_data_dir), focus_all=focus == "all")
    data_dir = workdir / "scale-data"
    data_dir.mkdir(parents=True)
    run = build_once(data_dir, (), {"TILANNEKUVA_REGION": str(region)})
    if run.exit_code != 0:
        raise BenchError(f"the national build failed (exit {run.exit_code}): {run.stderr_tail}")
    return ScaleBuild(cut, run, data_dir, focus)


def _time_on(side: Side, data_dir: Path, page: Path, lang: str, warm_runs: int) -> None:
    """Cold render + `warm_runs` reruns of `page` against the warehouse in `data_dir`."""
    if side.error:
        return  # it failed before: a page that raises is not timed again
    os.environ["TILANNEKUVA_DATA_DIR"] = str(data_dir)
    try:
        timing = time_script(page, {"lang": lang}, warmup=1, runs=warm_runs, budget_s=0.0, min_runs=warm_runs)
    except Exception as exc:  # noqa: BLE001 - a page that raises or times out is reported, the others still run
        message = str(exc) if isinstance(exc, BenchError) else f"{type(exc).__name__}: {exc}"
        side.error = message.splitlines()[0][:200] if message else type(exc).__name__
        return
    side.cold_ms.append(timing.cold_ms)
    side.warm_ms.extend(timing.warm_ms)
    side.charts = timing.charts


def bench_scale(small_data_dir: Path, workdir: Path, *, focus: str = "region", lang: str = "fi", rounds: int = 5,
                warm_runs: int = 3, progress: Callable[[str], None] = print) -> ScaleResult:  # fmt: skip
    """Build the national warehouse and cut the focus-region one from `small_data_dir`'s, then time every
    page on both."""
    progress(f"scale: building the national warehouse (focus: {focus})…")
    build = build_scale(small_data_dir, workdir, focus)
    small_data_dir = build.region.data_dir
    progress(f"scale: built in {build.run.wall_s:.1f} s, peak RSS {build.run.peak_rss_mib:.0f} MiB")
    previous = os.environ.get("TILANNEKUVA_DATA_DIR")
    results = []
    try:
        for page in discover_pages():
            progress(f"scale: timing {page.name} on both warehouses…")
            os.environ["TILANNEKUVA_DATA_DIR"] = str(small_data_dir)
            with contextlib.suppress(Exception):  # imports the page's modules: cold renders then measure caches
                AppTest.from_file(str(page), default_timeout=RUN_TIMEOUT).run()  # errors: recorded by the timed runs
            result = ScalePage(page.name)
            for round_ in range(rounds):  # alternate who goes first: drift in machine load hits both alike
                sides = [(result.small, small_data_dir), (result.large, build.data_dir)]
                for side, data_dir in sides if round_ % 2 == 0 else sides[::-1]:
                    _time_on(side, data_dir, page, lang, warm_runs)
            results.append(result)
    finally:
        if previous is None:
            os.environ.pop("TILANNEKUVA_DATA_DIR", None)
        else:
            os.environ["TILANNEKUVA_DATA_DIR"] = previous
    return ScaleResult(
        build, results, rounds, warm_runs, warehouse_size(small_data_dir), warehouse_size(build.data_dir)
    )
