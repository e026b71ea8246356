"""Server time of a foresight scenario (goal: < 200 ms for the region). Called from `python -m bench`
while its freshly built warehouse is current (the table goes into docs/benchmarks.md); also runs alone
and prints the table: `python -m bench.scenario_bench` (against TILANNEKUVA_DATA_DIR or data/).

Wall time and this thread's CPU time (time.thread_time: what the server itself spends, not the time it
waits for a core on a shared machine) per run, each with a new slider value so no cache can answer:
- model: the cohort model for all focus municipalities to the projection's last year (numpy only);
- rebuild: what the server does when a slider moves — model, age groups, the outlook chart, the
  service-need chart and tables (every page-model builder of the scenario, caches missed);
- the one-off cost of loading the projection and deriving its rates (cold, once per data version).
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

GOAL_MS = 200.0
HEADER = ["foresight scenario", "wall median ms", "wall max ms", "cpu median ms", f"goal <{GOAL_MS:g} ms cpu", "runs"]


@dataclass(frozen=True)
class ScenarioTiming:
    load_ms: tuple[float, float]  # (wall, cpu)
    model_ms: list[tuple[float, float]]
    rebuild_ms: list[tuple[float, float]]
    areas: int
    years: str

    @property
    def slider_cpu_ms(self) -> float:
        """Median CPU time of a slider move (model + charts + tables): the figure the goal is about."""
        return statistics.median(cpu for _, cpu in self.rebuild_ms)

    def rows(self) -> list[list[str]]:
        def row(name: str, values: list[tuple[float, float]]) -> list[str]:
            wall, cpu = [v[0] for v in values], [v[1] for v in values]
            median_cpu = statistics.median(cpu)
            return [name, f"{statistics.median(wall):.1f}", f"{max(wall):.1f}", f"{median_cpu:.1f}",
                    "OK" if median_cpu < GOAL_MS else "FAIL", str(len(values))]  # fmt: skip

        return [row("model run (all areas)", self.model_ms), row("slider move: model + charts + tables", self.rebuild_ms),
                ["load projection + implied rates (once per data version)", f"{self.load_ms[0]:.1f}", "",
                 f"{self.load_ms[1]:.1f}", "", "1"]]  # fmt: skip


class _Timer:
    def __enter__(self) -> _Timer:
        self.wall, self.cpu = time.perf_counter(), time.thread_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.ms = ((time.perf_counter() - self.wall) * 1000, (time.thread_time() - self.cpu) * 1000)


def _scenarios(count: int):
    from dashboard.foresight import model

    profiles = list(model.PROFILES)
    # Distinct values every time (a cache hit would measure nothing); extremes included.
    for i in range(count):
        yield model.Scenario(-400 + (800 * i) // max(count - 1, 1), profiles[i % len(profiles)], 50 + (i * 7) % 101,
                             -3 + (i % 13) * 0.5)  # fmt: skip


def bench_scenario(runs: int = 30) -> ScenarioTiming:
    from dashboard.core import memo as cache
    from dashboard.foresight import data as foresight_data
    from dashboard.foresight import model
    from dashboard.foresight import scenarios as foresight
    from dashboard.foresight import service as foresight_service

    cache.clear_all()
    with _Timer() as load:
        official = foresight_data.official()
    model_ms, rebuild_ms = [], []
    for scenario in _scenarios(runs):
        with _Timer() as timer:
            model.project(official.rates, scenario)
        model_ms.append(timer.ms)
    foresight.outlook_chart("fi", "population", model.Scenario())  # warm the parts a slider does not change
    foresight_service.service_view("fi", 2040, model.Scenario())
    for scenario in _scenarios(runs):
        scenario = model.Scenario(scenario.net_migration + 1, scenario.profile, scenario.fertility, scenario.mortality)
        with _Timer() as timer:
            foresight.outlook_chart("fi", "population", scenario)
            foresight_service.groups_view("fi", foresight.area_codes()[0], scenario)
            foresight_service.service_view("fi", 2040, scenario)
        rebuild_ms.append(timer.ms)
    return ScenarioTiming(load.ms, model_ms, rebuild_ms, len(official.codes),
                          f"{official.years[0]}–{official.years[-1]}")  # fmt: skip


def report(runs: int = 30) -> ScenarioTiming:
    """Time and print the table; what `python -m bench` calls (it writes the table into its report)."""
    timing = bench_scenario(runs)
    body = timing.rows()
    widths = [max(len(r[i]) for r in [HEADER, *body]) for i in range(len(HEADER))]
    print(f"\nforesight scenario: {timing.areas} municipalities, years {timing.years}")
    for row in [HEADER, *body]:
        print(" | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return timing


if __name__ == "__main__":
    import logging

    from streamlit import logger

    logger.set_log_level("error")  # bare-mode cache warnings would bury the table
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    report()
