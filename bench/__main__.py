"""`python -m bench` (`make bench`): page rerun ratios to the floor page, cold renders, ETL build cost.

Builds the warehouse it measures against (3 × `python -m etl --quiet build` into temporary data dirs,
timed), then times every page in pages/ and its floor page in-process, prints a table and writes it as
Markdown to bench/results/latest.md. Absolute times depend on the machine and its load; the ratios,
measured back to back in one process, are the numbers to compare across runs and machines.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # the pages import `dashboard` from the repository root
    sys.path.insert(0, str(REPO))

from bench.etl_bench import EtlResult, bench_etl  # noqa: E402 - needs the path above
from bench.export_bench import bench_export, export_lines  # noqa: E402
from bench.pages_bench import PageResult, bench_pages  # noqa: E402
from bench.scenario_bench import report as scenario_report  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "latest.md"
GOAL_RATIO = 2.0
HEADER = ["page", "charts", "warm median ms", "floor ms", "ratio", f"goal ≤{GOAL_RATIO:g}×", "cold ms", "runs"]


def machine() -> str:
    import streamlit

    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"streamlit {streamlit.__version__}")  # fmt: skip


def rows(results: list[PageResult]) -> list[list[str]]:
    return [[r.page, str(r.page_timing.charts), f"{r.page_timing.median_ms:.1f}", f"{r.floor_timing.median_ms:.1f}",
             f"{r.ratio:.2f}", "OK" if r.ratio <= GOAL_RATIO else "FAIL", f"{r.page_timing.cold_ms:.0f}",
             f"{len(r.page_timing.warm_ms)}/{len(r.floor_timing.warm_ms)}"]
            for r in results]  # fmt: skip


def plain_table(header: list[str], body: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(row: list[str]) -> str:  # text left, numbers right: easier to scan
        return " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))

    return "\n".join([line(header), "-+-".join("-" * w for w in widths), *map(line, body)])


def markdown_table(header: list[str], body: list[list[str]]) -> str:
    align = ["---", *["---:"] * (len(header) - 1)]
    return "\n".join("| " + " | ".join(row) + " |" for row in [header, align, *body])


def etl_line(etl: EtlResult | None) -> str:
    if etl is None:
        return "etl build: skipped (--etl-runs 0)"
    if not etl.ok:
        return (
            f"etl build: FAILED in all {len(etl.runs)} runs (exit {etl.runs[-1].exit_code}): {etl.runs[-1].stderr_tail}"
        )
    walls = ", ".join(f"{run.wall_s:.2f}" for run in etl.ok)
    failed = f"; {len(etl.runs) - len(etl.ok)} run(s) failed" if len(etl.ok) < len(etl.runs) else ""
    return (f"etl build: median wall {etl.median_wall_s:.2f} s, median peak RSS {etl.median_peak_mib:.0f} MiB "
            f"({len(etl.ok)} run(s): {walls} s{failed})")  # fmt: skip


def notes(args: argparse.Namespace) -> list[str]:
    return [
        f"machine: {machine()}",
        f"warm = median of up to {args.runs} reruns (runs = timed page/floor reruns) after {args.warmup} warm-ups (at least 5; {args.budget:g} s "
        f"budget per page), language '{args.lang}'; floor = title + the page's own figures pre-built with "
        "st.cache_resource; cold = first run after st.cache_data/st.cache_resource.clear(), modules imported.",
        "Absolute times are noisy (machine, load, AppTest overhead); the ratio is the measure.",
    ]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--runs", type=int, default=15, help="timed warm reruns per page (default 15)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed reruns before timing (default 3)")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds of timed reruns per page (default 30)")
    parser.add_argument("--etl-runs", type=int, default=3, help="etl builds to time; 0 skips (default 3)")
    parser.add_argument("--lang", default="fi", choices=["fi", "sv", "en"], help="page language (default fi)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # AppTest and cache clearing outside a server log "missing ScriptRunContext" warnings by the dozen;
    # they are expected in bare mode and would bury the table. Errors still show.
    from streamlit import logger as streamlit_logger

    streamlit_logger.set_log_level("error")
    started = datetime.now(UTC)
    print(f"machine: {machine()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="tilannekuva-bench-") as workdir:
        etl = None
        if args.etl_runs > 0:
            print(f"timing {args.etl_runs} × `python -m etl --quiet build`…", flush=True)
            etl = bench_etl(args.etl_runs, Path(workdir))
        if etl is not None and etl.data_dir is not None:
            # Measure the pages against the warehouse just built, never whatever data/ happens to hold.
            os.environ["TILANNEKUVA_DATA_DIR"] = str(etl.data_dir)
        else:
            where = os.environ.get("TILANNEKUVA_DATA_DIR", str(REPO / "data"))
            print(f"no fresh build: timing pages against the warehouse in {where}", flush=True)
        results = bench_pages(lang=args.lang, warmup=args.warmup, runs=args.runs, budget_s=args.budget,
                              progress=lambda message: print(message, flush=True))  # fmt: skip
        scenario_report()  # foresight scenario server time → bench/results/scenario.md (needs the warehouse above)
        print("timing a 10-slide deck export (PPTX, PDF)…", flush=True)
        exports = export_lines(bench_export(args.lang))

    body = rows(results)
    print()
    print(plain_table(HEADER, body))
    print()
    print(etl_line(etl))
    print("\n".join(exports))
    for note in notes(args):
        print(note)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n\n".join([
        f"# Benchmark {started:%Y-%m-%d %H:%M} UTC",
        markdown_table(HEADER, body),
        etl_line(etl),
        "\n".join(f"- {line}" for line in exports),
        "\n".join(f"- {note}" for note in notes(args)),
    ]) + "\n", encoding="utf-8")  # fmt: skip
    print(f"\nwrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
