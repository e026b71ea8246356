"""The Markdown report of a `python -m bench` run: docs/benchmarks.md.

Machine and load first (absolute times mean nothing without them), then every goal of issue 7 with its
measured value and pass/fail, then one section per benchmark. Parts that were not run say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench import machine
from bench.browser_bench import BrowserResult, BrowserTiming
from bench.etl_bench import GOAL_MIB as ETL_GOAL_MIB
from bench.etl_bench import GOAL_S as ETL_GOAL_S
from bench.etl_bench import EtlResult
from bench.export_bench import GOAL_S as EXPORT_GOAL_S
from bench.export_bench import ExportTiming, export_lines
from bench.memory_bench import GOAL_MB as MEMORY_GOAL_MB
from bench.memory_bench import MemoryResult
from bench.pages_bench import PageResult
from bench.scale_bench import GOAL_RATIO as SCALE_GOAL
from bench.scale_bench import ScaleResult, warehouse_size
from bench.scenario_bench import GOAL_MS as SCENARIO_GOAL_MS
from bench.scenario_bench import HEADER as SCENARIO_HEADER
from bench.scenario_bench import ScenarioTiming
from bench.switch_bench import FIRST_GOAL, SWITCH_GOAL, SwitchResult

REPO = Path(__file__).resolve().parent.parent
LOAD_RESULTS = REPO / "bench" / "results" / "load.json"  # written by tests/e2e/test_load_e2e.py
FLOOR_GOAL = 2.0


@dataclass
class Report:
    started: datetime
    command: str
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float] | None = None
    wall_s: float = 0.0
    settings: list[str] = field(default_factory=list)  # how the parts were run (runs, budgets)
    etl: EtlResult | None = None
    pages: list[PageResult] | None = None
    browser: BrowserResult | None = None
    switch: SwitchResult | None = None
    memory: MemoryResult | None = None
    scale: ScaleResult | None = None
    exports: list[ExportTiming] | None = None
    scenario: ScenarioTiming | None = None
    failures: dict[str, str] = field(default_factory=dict)  # part → the error that stopped it

    def missing(self, part: str) -> str:
        """What a section says when its part produced nothing."""
        return f"Failed: {self.failures[part]}" if part in self.failures else "Not run."


def table(header: list[str], body: list[list[str]], text_columns: int = 1) -> str:
    """Markdown table; the first `text_columns` columns left-aligned, the numbers after them right-aligned."""
    align = ["---"] * text_columns + ["---:"] * (len(header) - text_columns)
    return "\n".join("| " + " | ".join(row) + " |" for row in [header, align, *body])


def ms(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def _int(value: int) -> str:
    return f"{value:,}".replace(",", " ")  # 1 329 525: the Finnish grouping the app uses too


def verdict(ok: bool) -> str:
    return "OK" if ok else "FAIL"


def _ratio_goal(values: dict[str, float | None], goal: float) -> tuple[str, str]:
    """('12/15 pages ≤ 2×; worst x 3.1×', OK/FAIL) for per-page ratios."""
    known = {page: value for page, value in values.items() if value is not None}
    if not known:
        return "no page measured", "—"
    worst = max(known, key=known.__getitem__)
    passing = sum(value <= goal for value in known.values())
    missing = len(values) - len(known)
    text = f"{passing}/{len(known)} pages ≤ {goal:g}×; worst {worst} {known[worst]:.2f}×"
    return text + (f"; {missing} not measured (error)" if missing else ""), verdict(passing == len(values))


def goals(r: Report) -> str:
    def absent(part: str) -> tuple[str, str]:
        return ("failed (see below)", "FAIL") if part in r.failures else ("not run", "—")

    rows = []
    rows.append(["warm rerun ÷ floor page, every page", f"≤ {FLOOR_GOAL:g}×",
                 *(_ratio_goal({p.page: p.ratio for p in r.pages}, FLOOR_GOAL) if r.pages else absent("pages"))])  # fmt: skip
    if r.scale:
        for label, attribute in (("cold render", "cold"), ("warm rerun", "warm")):
            ratios = {p.page: p.ratio(attribute) for p in r.scale.pages}
            rows.append([f"scale: {label}, national warehouse ({r.scale.large.municipalities} municipalities, real "
                         f"series) ÷ focus-region warehouse ({r.scale.small.municipalities}), every page", f"≤ {SCALE_GOAL:g}×",
                         *_ratio_goal(ratios, SCALE_GOAL)])  # fmt: skip
    else:
        rows.append(["scale: page time, national ÷ focus-region warehouse", f"≤ {SCALE_GOAL:g}×", *absent("scale")])
    text = r.switch.text_page.removesuffix(".py") if r.switch else "text-only page"
    for label, ratio, goal in (("page switch in one session (sidebar click → charts drawn)", "switch_ratio", SWITCH_GOAL),
                               ("first load in a new profile, warm server", "first_ratio", FIRST_GOAL)):  # fmt: skip
        name = f"{label} ÷ {text}, every page"
        if r.switch and not r.switch.skipped:
            ratios = {t.page: getattr(r.switch, ratio)(t) for t in r.switch.timings}
            rows.append([name, f"≤ {goal:g}×", *_ratio_goal(ratios, goal)])
        else:
            rows.append(
                [name, f"≤ {goal:g}×", *(("skipped: " + r.switch.skipped, "—") if r.switch else absent("switch"))]
            )
    if r.switch and not r.switch.skipped and r.switch.floor:
        floor_switch, floor_first = r.switch.floor_ratios()
        rows.append(["reference: Plotly's floor, a page with one three-point chart ÷ a text page, same run "
                     "(bench/plotly_floor_app.py)", "none (what any chart page pays)",
                     f"switch {ms(floor_switch, 2)}×, first load {ms(floor_first, 2)}×", "—"])  # fmt: skip
    if r.memory:
        m = r.memory
        shown = f"{m.growth_mb:+.0f} MB ({m.start_mb:.0f} → {m.end_mb:.0f} MB)" + (
            f"; {len(m.errors)} errors" if m.errors else ""
        )
        rows.append([f"server RSS after {m.swaps} warehouse swaps", f"≤ +{MEMORY_GOAL_MB:g} MB", shown, verdict(m.ok)])
    else:
        rows.append(["server RSS after 50 warehouse swaps", f"≤ +{MEMORY_GOAL_MB:g} MB", *absent("memory")])
    pptx = next((e for e in r.exports or [] if e.fmt == "pptx"), None)
    rows.append(["10-slide deck export (PPTX)", f"< {EXPORT_GOAL_S:g} s",
                 *((f"{pptx.seconds:.1f} s", verdict(pptx.ok)) if pptx else absent("export"))])  # fmt: skip
    if r.scenario:
        cpu = r.scenario.slider_cpu_ms
        rows.append(["foresight scenario: slider move (CPU, median)", f"< {SCENARIO_GOAL_MS:g} ms",
                     f"{cpu:.0f} ms", verdict(cpu < SCENARIO_GOAL_MS)])  # fmt: skip
    else:
        rows.append(["foresight scenario: slider move", f"< {SCENARIO_GOAL_MS:g} ms", *absent("scenario")])
    if r.etl and r.etl.ok:
        wall, peak = r.etl.median_wall_s, r.etl.median_peak_mib
        rows.append([f"`etl build` of the shipped snapshot (median of {len(r.etl.ok)})",
                     f"≤ {ETL_GOAL_S:g} s, ≤ {ETL_GOAL_MIB / 1024:g} GiB peak",
                     f"{wall:.1f} s, {peak:.0f} MiB", verdict(wall <= ETL_GOAL_S and peak <= ETL_GOAL_MIB)])  # fmt: skip
    else:
        rows.append(["`etl build` time and peak memory", f"≤ {ETL_GOAL_S:g} s, ≤ {ETL_GOAL_MIB / 1024:g} GiB",
                     *absent("etl")])  # fmt: skip
    for name in ("cold first render", "browser time until charts are visible"):
        rows.append([name, "none set (reported below)", "see below", "—"])
    return table(["benchmark", "goal", "measured", "result"], rows, text_columns=4)


def pages_section(results: list[PageResult]) -> str:
    header = ["page", "charts", "warm median ms", "floor ms", "ratio", f"goal ≤{FLOOR_GOAL:g}×", "cold ms", "runs"]
    body = [[r.page, str(r.page_timing.charts), f"{r.page_timing.median_ms:.1f}", f"{r.floor_timing.median_ms:.1f}",
             f"{r.ratio:.2f}", verdict(r.ratio <= FLOOR_GOAL), ms(r.page_timing.cold_ms),
             f"{len(r.page_timing.warm_ms)}/{len(r.floor_timing.warm_ms)}"] for r in results]  # fmt: skip
    return table(header, body)


def browser_section(result: BrowserResult) -> str:
    if result.skipped:
        return f"Not measured: {result.skipped}."
    header = ["page", "charts", "cold ms", "cold: script over ms", "warm ms", "warm: script over ms", "visits cold/warm",
              "errors"]  # fmt: skip
    median = BrowserTiming.median
    body = [[t.page, f"{t.seen_charts}" + ("" if t.seen_charts == t.expected_charts else f" (expected {t.expected_charts})"),
             ms(median(t.cold_ms)), ms(median(t.cold_idle_ms)), ms(median(t.warm_ms)), ms(median(t.warm_idle_ms)),
             f"{len(t.cold_ms)}/{len(t.warm_ms)}", "; ".join(t.errors) or "—"] for t in result.timings]  # fmt: skip
    starts = ", ".join(f"{s:.1f}" for s in result.server_start_s)
    return f"Server start (process → health check ok): {starts} s.\n\n" + table(header, body)


def switch_section(result: SwitchResult) -> str:
    if result.skipped:
        return f"Not measured: {result.skipped}."
    median = BrowserTiming.median
    text = result.text_page.removesuffix(".py")
    intro = (f"Text-only page: {text} (the accessibility statement: headings and paragraphs, no chart, no table). "
             f"Its medians: switch {ms(median(result.text_switch_ms))} ms ({len(result.text_switch_ms)} switches), "
             f"first load {ms(median(result.text_first_ms))} ms ({len(result.text_first_ms)} loads).")  # fmt: skip
    header = ["page", "charts", "switch ms", "switch ratio", f"goal ≤{SWITCH_GOAL:g}×", "first switch in a session ms",
              "first load ms", "first ratio", f"goal ≤{FIRST_GOAL:g}×", "errors"]  # fmt: skip
    body = []
    for t in result.timings:
        switch, first = result.switch_ratio(t), result.first_ratio(t)
        body.append([t.page, str(t.expected_charts), ms(median(t.switch_ms)), ms(switch, 2),
                     "—" if switch is None else verdict(switch <= SWITCH_GOAL), ms(median(t.session_first_ms)),
                     ms(median(t.first_ms)), ms(first, 2),
                     "—" if first is None else verdict(first <= FIRST_GOAL), "; ".join(t.errors) or "—"])  # fmt: skip
    return intro + "\n\n" + table(header, body) + floor_paragraph(result)


def floor_paragraph(result: SwitchResult) -> str:
    """The floor app's medians and ratios (bench/plotly_floor_app.py), when it was measured."""
    f = result.floor
    if not f.get("chart_first") or not f.get("text_first"):
        return ""
    median = BrowserTiming.median
    floor_switch, floor_first = result.floor_ratios()
    return (
        "\n\nPlotly's floor (bench/plotly_floor_app.py: a tiny app with a text page and a page holding one "
        "three-point Plotly chart, served the same way in the same run): switch "
        f"{ms(median(f['chart_switch']))} ms against {ms(median(f['text_switch']))} ms ({ms(floor_switch, 2)}×), first "
        f"load {ms(median(f['chart_first']))} ms against {ms(median(f['text_first']))} ms ({ms(floor_first, 2)}×; "
        f"{len(f['chart_first'])} loads each). A first load of any page with a chart includes the browser "
        "fetching and starting the app's partial plotly.js bundle (dashboard.ui.chart_element, 1.6 MB), which the text "
        "page never loads." + _other_charts(f)
    )


def _other_charts(f: dict[str, list[float]]) -> str:
    """The same three points with Streamlit's own chart elements, first loaded in the same run."""
    median = BrowserTiming.median
    names = {
        "plotly_chart": "Plotly drawn by st.plotly_chart (Streamlit's full plotly.js, 4.7 MB)",
        "echarts": "ECharts (st.echarts_chart)",
        "vega": "Vega-Lite (st.vega_lite_chart)",
    }
    loads = [f"{name} {ms(median(f[f'{key}_first']))} ms ({ms(median(f[f'{key}_first']) / median(f['text_first']), 2)}×)"
             for key, name in names.items() if f.get(f"{key}_first")]  # fmt: skip
    if not loads:
        return ""
    return (" The same chart with Streamlit's own chart elements, first loaded the same way: "
            f"{', '.join(loads)}.")  # fmt: skip


def memory_section(m: MemoryResult) -> str:
    curve = ", ".join(f"{mb:.0f}" for mb in m.rss_mb[9::10])
    errors = f" Errors: {'; '.join(m.errors[:5])}." if m.errors else ""
    return (f"RSS of the `streamlit run` process: {m.start_mb:.0f} MB once every page had been read on the first "
            f"build, {m.end_mb:.0f} MB after {m.swaps} swaps ({m.growth_mb:+.0f} MB; median {m.per_swap_mb:+.1f} MB per "
            f"swap; every 10th swap: {curve} MB). {m.sessions} sessions, {m.views} page views, {m.seconds:.0f} s. "
            f"Goal ≤ +{MEMORY_GOAL_MB:g} MB: {verdict(m.ok)}.{errors}")  # fmt: skip


def etl_section(etl: EtlResult | None, scale: ScaleResult | None) -> str:
    header = ["snapshot", "municipalities with data", "fact_indicator rows", "wall s", "peak RSS MiB", "runs"]
    body = []
    if etl and etl.ok:
        walls = ", ".join(f"{run.wall_s:.2f}" for run in etl.ok)
        size = warehouse_size(etl.data_dir)
        body.append(["shipped (data/snapshot)", str(size.municipalities), _int(size.fact_rows),
                     f"{etl.median_wall_s:.2f}", f"{etl.median_peak_mib:.0f}", f"{len(etl.ok)} (median of {walls} s)"])  # fmt: skip
    elif etl:
        tail = etl.runs[-1].stderr_tail[-200:] if etl.runs else "no run"
        body.append(
            [
                "shipped (data/snapshot)",
                "—",
                "—",
                "FAILED",
                "—",
                f"exit {etl.runs[-1].exit_code if etl.runs else '?'}: {tail}",
            ]
        )
    if scale:
        run = scale.build.run
        body.append(["shipped, national build of the scale part", str(scale.large.municipalities),
                     _int(scale.large.fact_rows), f"{run.wall_s:.2f}", f"{run.peak_rss_mib:.0f}", "1"])  # fmt: skip
    if not body:
        return ""
    return (
        "`python -m etl --quiet build`, each into a fresh data dir, as a child process (peak RSS from wait4).\n\n"
        + table(header, body)
    )


def scale_section(result: ScaleResult) -> str:
    focus = (f"the shipped region.toml ({result.large.focus} focus municipalities) on both: the pages show the same "
             f"areas, only the warehouse is bigger" if result.build.focus == "region" else
             f"all {result.large.focus} municipalities as focus municipalities, against the shipped region "
             f"({result.small.focus}): every chart draws them all")  # fmt: skip
    intro = (
        f"National warehouse: built with the real ETL from data/snapshot as shipped — the real national series "
        f"where the bundle has them (population, 12r5 unemployment, the 2026 exports: {result.large.municipalities} "
        f"municipalities with data, {_int(result.large.fact_rows)} fact rows), the Keski-Suomi files where it does "
        f"not; no copied series. Focus-region warehouse: the same build with the rows of every area outside the "
        f"configured region removed ({result.small.municipalities} municipalities, {_int(result.small.fact_rows)} "
        f"fact rows, {_int(result.build.region.removed_rows)} rows removed), in a temporary directory. Region: {focus}. "
        f"Each page is timed on both warehouses in one process, interleaved, {result.rounds} round(s) of a cold "
        f"render + {result.warm_runs} warm reruns each; medians.")  # fmt: skip
    n, m = result.small.municipalities, result.large.municipalities
    header = ["page", f"charts {n}/{m}", f"cold {n} ms", f"cold {m} ms", "cold ratio", f"warm {n} ms", f"warm {m} ms",
              "warm ratio", f"goal ≤{SCALE_GOAL:g}×"]  # fmt: skip
    body = []
    for p in result.pages:
        cold, warm = p.ratio("cold"), p.ratio("warm")
        ok = cold is not None and warm is not None and cold <= SCALE_GOAL and warm <= SCALE_GOAL
        error = p.large.error or p.small.error
        body.append([p.page, f"{p.small.charts}/{p.large.charts}", ms(p.small.cold), ms(p.large.cold),
                     ms(cold, 2), ms(p.small.warm, 1), ms(p.large.warm, 1), ms(warm, 2),
                     f"FAIL: {error}" if error else verdict(ok)])  # fmt: skip
    return intro + "\n\n" + table(header, body)


def load_section(path: Path = LOAD_RESULTS) -> str:
    """The load test (tests/e2e/test_load_e2e.py) runs under `make test`; its last figures, if any."""
    try:
        load = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "No results yet: the load test (`tests/e2e/test_load_e2e.py`, part of `make test`) writes them."
    return (f"From the last run of `tests/e2e/test_load_e2e.py` ({load.get('measured_at', '?')}, "
            f"{load.get('machine', '?')}), not from this run: {load.get('sessions')} sessions, {load.get('views')} "
            f"page views while the warehouse was swapped, {load.get('errors')} errors; page time p50 "
            f"{load.get('p50_s')} s, p95 {load.get('p95_s')} s, max {load.get('max_s')} s.")  # fmt: skip


def render(r: Report) -> str:
    chromium = r.browser.chromium if r.browser else ""
    machine_lines = [*machine.describe(r.load_start, r.load_end, chromium), *r.settings]
    scenario = r.missing("scenario")
    if r.scenario:
        scenario = (f"{r.scenario.areas} municipalities, years {r.scenario.years}; in-process, CPU time of this "
                    f"thread.\n\n{table(SCENARIO_HEADER, r.scenario.rows())}")  # fmt: skip
    parts = [
        "# Benchmarks",
        f"Written by `make bench` (`{r.command}`) on {r.started:%Y-%m-%d %H:%M} UTC, wall time {r.wall_s / 60:.1f} "
        "min; rerun it to refresh this file. Every ratio below comes from one run, its two sides measured back to back "
        "in the same process; absolute times are noisy (machine, load, other processes) and only comparable "
        "within one run.",
        "## Machine",
        "\n".join(f"- {line}" for line in machine_lines),
        "## Goals (issues 7 and 12)",
        goals(r),
        "## Page reruns against the floor page (in-process, AppTest)",
        "Warm = median rerun after warm-ups; floor = a page drawing the same pre-built figures and tables "
        "(bench/floor_page.py), its reruns taking turns with the page's (page, floor, page…); cold = first run "
        "after emptying every cache (dashboard.core.memo.clear_all), modules already imported. Every run reads the "
        "script's bytecode from one shared ScriptCache, as `streamlit run` does (AppTest alone compiles the "
        "script again on each run).\n\n" + (pages_section(r.pages) if r.pages else r.missing("pages")),
        "## Browser: navigation start → every chart visible, script idle (Playwright + Chromium, localhost)",
        "Cold = first visit of the page on a freshly started server, from a new browser profile; warm = the same "
        'page again. Medians over the runs (bench/browser_bench.py). "Script over" = when Streamlit reported the '
        "script run finished; the rest, up to every chart drawn, is the browser loading Plotly and drawing. "
        "Editor pages are timed as an anonymous visitor meets them (the login prompt).\n\n"
        + (browser_section(r.browser) if r.browser else r.missing("browser")),
        "## Browser: page switch in one session, and first load, against a text-only page",
        "One warm server (every page read once first). Switch = a click on the page's sidebar link until a script "
        "run has started and ended, nothing stale is left and every chart is drawn, in one browser session where "
        "each page's switch is followed by a switch to the text-only page. Each round's session first goes through "
        "every page once, as a person who has used the app: Streamlit loads an element's code (plotly.js, 4.7 MB, "
        "among them) when a page first needs it, so the first chart page of a session pays for all; those first "
        "switches are the column *first switch in a session*, not in the ratio. First load = the page's address in a new "
        "browser profile (empty HTTP cache), navigation start → every chart drawn, each followed by the text-only "
        "page's first load. Medians (bench/switch_bench.py); ratios to the text-only page's medians of the same run."
        "\n\n" + (switch_section(r.switch) if r.switch else r.missing("switch")),
        "## Server memory across warehouse swaps",
        "Each swap does what the end of `etl build` does: a new `wh-<ts>.duckdb` (a copy of the build under a new "
        "name: for the server a new build, without a minute of ETL) made current by `etl.load.swap`, which prunes old "
        "files; after each swap protocol sessions read pages in turn, so every build is opened and drawn from "
        "(bench/memory_bench.py).\n\n" + (memory_section(r.memory) if r.memory else r.missing("memory")),
        "## `etl build`: time and peak memory",
        etl_section(r.etl, r.scale) or r.missing("etl"),
        "## Scale: the national warehouse against the focus-region one",
        scale_section(r.scale) if r.scale else r.missing("scale"),
        "## 10-slide deck export",
        "\n".join(f"- {line}" for line in export_lines(r.exports)) if r.exports else r.missing("export"),
        "## Foresight scenario",
        scenario,
        "## Load (30 sessions during a warehouse swap)",
        load_section(),
        "## Rerunning one part",
        "`.venv/bin/python -m bench --only pages,browser` (parts: etl, pages, scenario, export, browser, switch, memory, "
        "scale) "
        "prints the same report for those parts; it writes this file only with `--output docs/benchmarks.md`. "
        "`make bench-quick` prints the page ratios with fewer repetitions. Options: `python -m bench --help`.",
    ]
    return "\n\n".join(parts) + "\n"
