"""Server memory across warehouse swaps (issue 12, point 10): RSS of a `streamlit run app.py` process while
the warehouse is swapped `swaps` times and sessions keep reading pages.

A swap does what the end of `python -m etl build` does (etl/build.py): a new immutable `wh-<ts>.duckdb`
file, then etl.load.swap, which points CURRENT at it atomically and prunes old files beyond KEEP. The new
file is a copy of the current one under a new name rather than a fresh build: for the server a new file is a
new build (new path, new data version, new connection and memo keys), and a copy takes milliseconds where
a build takes a minute of both cores. After each swap a few protocol sessions (bench/streamlit_client.py)
read pages, in turn, so every build is opened and drawn from. RSS is read from /proc/<pid>/status.
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.server import copy_warehouse, serve
from bench.streamlit_client import PageError, ProtocolSession
from etl import load

GOAL_MB = 50.0  # RSS after the swaps within +50 MB of the start
SESSIONS = 3
VIEW_TIMEOUT_S = 120.0
PAGES = ("", "vaesto", "tyo_ja_elinkeinot", "tyossakaynti", "kuntavertailu", "ennakointi", "rahoitus",
         "rahoitusasema", "vaikuttavuus", "karkihankkeet", "tietolahteet")  # fmt: skip
SERVER_ENV = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}


@dataclass
class MemoryResult:
    swaps: int
    sessions: int
    start_mb: float = 0.0  # after every page was read once on the first build
    rss_mb: list[float] = field(default_factory=list)  # after each swap and its reads
    views: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def end_mb(self) -> float:
        return self.rss_mb[-1] if self.rss_mb else self.start_mb

    @property
    def growth_mb(self) -> float:
        return self.end_mb - self.start_mb

    @property
    def per_swap_mb(self) -> float:
        """Median growth per swap over the run (steady growth is a leak; a one-off step is not)."""
        steps = [b - a for a, b in itertools.pairwise([self.start_mb, *self.rss_mb])]
        return statistics.median(steps) if steps else 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and self.growth_mb <= GOAL_MB


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def new_build(data_dir: Path, number: int) -> Path:
    """A copy of the current warehouse under a new build's name, swapped in as the ETL does."""
    directory = data_dir / "warehouse"
    current = load.current_path(directory)
    stamp = (datetime.now(UTC) + timedelta(microseconds=number)).strftime("%Y%m%dT%H%M%S%fZ")
    path = directory / f"wh-{stamp}.duckdb"
    partial = path.with_name(path.name + ".partial")
    shutil.copy2(current, partial)
    partial.rename(path)  # as write_warehouse: complete under its final name before CURRENT points at it
    load.swap(directory, path)
    return path


async def _read(clients: list[ProtocolSession], paths: list[str], result: MemoryResult) -> None:
    async def one(client: ProtocolSession, path: str) -> None:
        try:
            await client.open(path)
            result.views += 1
        except PageError as exc:
            result.errors.append(f"/{path}: {exc}"[:300])

    await asyncio.gather(*(one(client, path) for client, path in zip(clients, paths, strict=True)))


async def _measure(server, swaps: int, sessions: int, progress: Callable[[str], None]) -> MemoryResult:
    result = MemoryResult(swaps=swaps, sessions=sessions)
    clients = [ProtocolSession(server.base_url, VIEW_TIMEOUT_S) for _ in range(sessions)]
    for client in clients:
        await client.__aenter__()
    try:
        for path in PAGES:  # every page once on the first build: its caches and imports are the start
            await _read(clients, [path] * sessions, result)
        result.start_mb = rss_mb(server.pid)
        progress(f"memory: {result.start_mb:.0f} MB after every page was read; {swaps} swaps…")
        turn = itertools.cycle(PAGES)
        for number in range(swaps):
            new_build(server.data_dir, number)
            await _read(clients, [next(turn) for _ in range(sessions)], result)
            result.rss_mb.append(rss_mb(server.pid))
            if (number + 1) % 10 == 0:
                progress(f"memory: {number + 1} swaps, {result.rss_mb[-1]:.0f} MB")
    finally:
        for client in clients:
            await client.__aexit__(None, None, None)
    return result


def bench_memory(data_dir: Path, *, swaps: int = 50, sessions: int = SESSIONS,
                 progress: Callable[[str], None] = print) -> MemoryResult:  # fmt: skip
    """A server on a copy of the warehouse in `data_dir`; its RSS before and after `swaps` swaps."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tilannekuva-memory-") as tmp:
        with serve(copy_warehouse(data_dir, Path(tmp)), env=SERVER_ENV) as server:
            result = asyncio.run(_measure(server, swaps, sessions, progress))
    result.seconds = time.perf_counter() - start
    return result
