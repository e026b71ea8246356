"""`python -m bench` (`make bench`): every benchmark of issues 7 and 12, written to docs/benchmarks.md.

Parts, in the order they run (`--only` picks some; a partial run prints its report and writes a file only
with --output):
  etl       3 × `python -m etl --quiet build` into temporary data dirs: wall time, peak memory
  pages     every page's warm rerun as a ratio to the floor page with the same figures; cold render
  scenario  foresight scenario server time
  export    a 10-slide deck to PPTX and PDF; the decision makers' review (PPTX, PDF)
  browser   Playwright + Chromium: navigation start → every chart visible, cold and warm
  switch    one browser session: sidebar click → every chart drawn, each page against the text-only page;
            and each page's first load in a new profile on a warm server, against the text-only page's
  memory    RSS of the server across 50 warehouse swaps (etl.load.swap) with sessions reading pages
  scale     the national warehouse (real ETL, the shipped snapshot's real series) against a focus-region cut

Everything measures the warehouse the etl part just built (or, without it, TILANNEKUVA_DATA_DIR or data/).
Absolute times depend on the machine and its load, which the report records; the ratios, measured back to
back in one process, are the numbers to compare across runs and machines.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # the pages import `dashboard` from the repository root
    sys.path.insert(0, str(REPO))

from streamlit import config as streamlit_config  # noqa: E402
from streamlit import logger as streamlit_logger  # noqa: E402

# AppTest, cache clearing and importing bench.floor_page (a page script) outside a server log "missing
# ScriptRunContext" warnings by the dozen and a banner on how to run apps; expected here, and they would
# bury the output. Errors still show.
streamlit_config.set_option("global.showWarningOnDirectExecution", False)  # first: parsing the config resets the level
# The app hides error details from visitors (.streamlit/config.toml); a benchmark must say why a page failed.
# Only this process: the browser benchmark's server keeps the app's own setting.
streamlit_config.set_option("client.showErrorDetails", "full")
streamlit_logger.set_log_level("error")

from bench import machine  # noqa: E402 - needs the path above
from bench.browser_bench import bench_browser  # noqa: E402
from bench.etl_bench import bench_etl  # noqa: E402
from bench.export_bench import bench_export, bench_review  # noqa: E402
from bench.memory_bench import bench_memory  # noqa: E402
from bench.pages_bench import bench_pages, chart_counts  # noqa: E402
from bench.report import Report, render  # noqa: E402
from bench.scale_bench import bench_scale  # noqa: E402
from bench.scenario_bench import report as scenario_report  # noqa: E402
from bench.server import copy_warehouse  # noqa: E402
from bench.switch_bench import bench_switch  # noqa: E402

PARTS = ("etl", "pages", "scenario", "export", "browser", "switch", "memory", "scale")
DOCS = REPO / "docs" / "benchmarks.md"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument(
        "--only", default=",".join(PARTS), help=f"comma-separated parts (default all: {','.join(PARTS)})"
    )
    parser.add_argument("--output", help=f"write the report here (default: {DOCS.relative_to(REPO)} for a full run, "
                                         "nothing for a partial one)")  # fmt: skip
    parser.add_argument("--lang", default="fi", choices=["fi", "sv", "en"], help="page language (default fi)")
    pages = parser.add_argument_group("pages")
    pages.add_argument("--runs", type=int, default=15, help="timed warm reruns per page (default 15)")
    pages.add_argument("--warmup", type=int, default=3, help="untimed reruns before timing (default 3)")
    pages.add_argument("--budget", type=float, default=30.0, help="seconds of timed reruns per page (default 30)")
    parser.add_argument("--etl-runs", type=int, default=3, help="etl builds to time (default 3)")
    browser = parser.add_argument_group("browser")
    browser.add_argument(
        "--browser-runs", type=int, default=3, help="fresh servers, each visiting every page (default 3)"
    )
    browser.add_argument("--browser-warm", type=int, default=1, help="warm visits per page and run (default 1)")
    browser.add_argument("--switch-rounds", type=int, default=3,
                         help="switch: rounds of every page switched to and loaded first (default 3)")  # fmt: skip
    parser.add_argument("--swaps", type=int, default=50, help="memory: warehouse swaps (default 50)")
    scale = parser.add_argument_group("scale")
    scale.add_argument("--scale-rounds", type=int, default=5, help="cold renders per page and warehouse (default 5)")
    scale.add_argument("--scale-warm", type=int, default=3, help="warm reruns per round (default 3)")
    scale.add_argument("--scale-focus", default="region", choices=["region", "all"],
                       help="region: the shipped region.toml (default); all: every municipality a focus one")  # fmt: skip
    args = parser.parse_args(argv)
    args.parts = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = sorted(set(args.parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    return args


def settings(args: argparse.Namespace) -> list[str]:
    """How each part was run, for the report."""
    lines = {
        "pages": f"pages: up to {args.runs} timed reruns per page and floor (at least {min(args.runs, 5)}, "
                 f"{args.budget:g} s budget per page) after {args.warmup} warm-ups; language '{args.lang}'",
        "browser": f"browser: {args.browser_runs} fresh server(s), each page 1 cold + {args.browser_warm} warm visits "
                   f"per server; viewport 1400×1800, locale fi-FI",
        "switch": f"switch: {args.switch_rounds} round(s) on one warm server: every page switched to through the "
                  f"sidebar in one session (after one unmeasured pass through every page), each followed by the "
                  f"text-only page; then each page's first load in a "
                  f"new profile, each followed by the text-only page's",
        "memory": f"memory: {args.swaps} warehouse swaps (a copy of the build under a new name, etl.load.swap), "
                  f"sessions reading pages after each",
        "scale": f"scale: {args.scale_rounds} round(s) × (1 cold + {args.scale_warm} warm) per page and warehouse; "
                 + ("region: the shipped region.toml" if args.scale_focus == "region" else "every municipality a focus one"),
        "etl": f"etl: {args.etl_runs} build(s) of the shipped snapshot",
    }  # fmt: skip
    return [line for part, line in lines.items() if part in args.parts]


def command(argv: list[str] | None) -> str:
    python = Path(sys.executable)
    shown = python.relative_to(REPO) if python.is_relative_to(REPO) else python
    return shlex.join([str(shown), "-m", "bench", *(sys.argv[1:] if argv is None else argv)])


def warehouse_dir(built: Path | None, workdir: Path) -> Path:
    """The data dir to measure: the fresh build, else a copy of the current warehouse of TILANNEKUVA_DATA_DIR
    or data/ (a copy, so the pages' own store is a new one in the temp dir, never the developer's)."""
    if built is not None:
        return built
    source = Path(os.environ.get("TILANNEKUVA_DATA_DIR", REPO / "data"))
    print(f"no fresh build: measuring a copy of the warehouse in {source}", flush=True)
    return copy_warehouse(source, workdir / "existing")


def _progress(message: str) -> None:
    print(message, flush=True)


def _attempt(report: Report, part: str, measure: Callable[[], object]) -> object | None:
    """Run one part; a part that fails is reported as failed and the other parts still run."""
    try:
        return measure()
    except Exception as exc:  # noqa: BLE001 - one broken part must not lose the others' figures
        report.failures[part] = f"{type(exc).__name__}: {exc}"[:600]
        _progress(f"{part}: FAILED: {report.failures[part]}")
        return None


def browser_charts(args: argparse.Namespace, report: Report) -> dict[str, int]:
    if report.pages:
        return {p.page: p.page_timing.charts for p in report.pages}
    _progress("counting each page's charts for the browser benchmark…")
    return chart_counts(lang=args.lang)


def run(args: argparse.Namespace, report: Report, workdir: Path) -> None:
    parts, built = set(args.parts), None
    if "etl" in parts and args.etl_runs > 0:
        _progress(f"timing {args.etl_runs} × `python -m etl --quiet build`…")
        report.etl = _attempt(report, "etl", lambda: bench_etl(args.etl_runs, workdir))
        built = report.etl.data_dir if report.etl else None
    data_dir = warehouse_dir(built, workdir)
    os.environ["TILANNEKUVA_DATA_DIR"] = str(data_dir)  # never whatever data/ happens to hold, when built
    if "pages" in parts:
        report.pages = _attempt(report, "pages", lambda: bench_pages(
            lang=args.lang, warmup=args.warmup, runs=args.runs, budget_s=args.budget, progress=_progress))  # fmt: skip
    if "scenario" in parts:
        report.scenario = _attempt(report, "scenario", scenario_report)
    if "export" in parts:
        _progress("timing a 10-slide deck export and the review export (PPTX, PDF)…")
        report.exports = _attempt(report, "export", lambda: bench_export(args.lang) + bench_review(args.lang))
    if "browser" in parts:
        report.browser = _attempt(report, "browser", lambda: bench_browser(
            data_dir, browser_charts(args, report), runs=args.browser_runs, warm_visits=args.browser_warm,
            progress=_progress))  # fmt: skip
    if "switch" in parts:
        report.switch = _attempt(report, "switch", lambda: bench_switch(
            data_dir, browser_charts(args, report), rounds=args.switch_rounds, progress=_progress))  # fmt: skip
    if "memory" in parts:
        report.memory = _attempt(report, "memory", lambda: bench_memory(data_dir, swaps=args.swaps,
                                                                         progress=_progress))  # fmt: skip
    if "scale" in parts:
        report.scale = _attempt(report, "scale", lambda: bench_scale(
            data_dir, workdir, focus=args.scale_focus, lang=args.lang, rounds=args.scale_rounds,
            warm_runs=args.scale_warm, progress=_progress))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = Report(started=datetime.now(UTC), command=command(argv), load_start=machine.load_average(),
                    settings=settings(args))  # fmt: skip
    print(f"load average at start: {machine.fmt_load(report.load_start)} ({os.cpu_count()} cores)", flush=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tilannekuva-bench-") as workdir:
        run(args, report, Path(workdir))
        report.wall_s = time.perf_counter() - start
        report.load_end = machine.load_average()
        text = render(report)  # inside: the report counts rows in the warehouses it measured
    print("\n" + text)
    output = Path(args.output) if args.output else (DOCS if set(args.parts) == set(PARTS) else None)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
