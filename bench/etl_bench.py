"""Wall time and peak memory of `python -m etl --quiet build`, each run into a fresh data dir.

Each build is a child process so its memory is its own: os.wait4 returns that one child's rusage,
whose ru_maxrss (KiB on Linux) is the build's peak resident set. RUSAGE_CHILDREN would give the maximum
over every child reaped so far, which hides a run that got lighter.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL_S = 15.0  # issue 15: the build of the national 1972–2026 snapshot on a 2-core machine …
GOAL_MIB = 1024.0  # … within 1 GB of peak memory


@dataclass(frozen=True)
class EtlRun:
    wall_s: float
    peak_rss_mib: float
    exit_code: int
    stderr_tail: str = ""


@dataclass
class EtlResult:
    runs: list[EtlRun] = field(default_factory=list)
    data_dir: Path | None = None  # a data dir holding a successfully built warehouse, for the page timings

    @property
    def ok(self) -> list[EtlRun]:
        return [run for run in self.runs if run.exit_code == 0]

    @property
    def median_wall_s(self) -> float:
        return statistics.median(run.wall_s for run in self.ok)

    @property
    def median_peak_mib(self) -> float:
        return statistics.median(run.peak_rss_mib for run in self.ok)


def build_once(data_dir: Path, options: tuple[str, ...] = (), env: dict[str, str] | None = None) -> EtlRun:
    """One `python -m etl --quiet [options] build` into `data_dir`, timed and measured; `options` and
    `env` (e.g. --snapshot-dir, TILANNEKUVA_REGION) let the scale benchmark build from its own inputs."""
    env = {**os.environ, "TILANNEKUVA_DATA_DIR": str(data_dir), **(env or {})}
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "etl", "--quiet", *options, "build"], cwd=REPO, env=env,
                                   stdout=subprocess.DEVNULL, stderr=stderr)  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
        stderr.seek(0)
        tail = stderr.read().decode(errors="replace")[-2000:]
    return EtlRun(wall_s=wall, peak_rss_mib=usage.ru_maxrss / 1024, exit_code=process.returncode, stderr_tail=tail)


def bench_etl(runs: int, workdir: Path) -> EtlResult:
    """`runs` builds, each into its own fresh data dir under `workdir`: a rebuild into an existing dir
    also prunes the previous warehouse and appends to its run log, so the runs would not be alike."""
    result = EtlResult()
    for index in range(runs):
        data_dir = workdir / f"etl-{index}"
        data_dir.mkdir(parents=True)
        run = build_once(data_dir)
        result.runs.append(run)
        if run.exit_code == 0:
            result.data_dir = data_dir
    return result
