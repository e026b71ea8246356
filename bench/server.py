"""Start `streamlit run app.py` on a free local port against a given data dir, outside pytest.

The one way the benchmarks and the browser tests (tests/e2e/conftest.py `serve`) start a server: failures
raise ServerError with the server's output, so a benchmark can report them and a test shows them. Kept
free of pytest imports.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 90.0  # s; a cold start imports pandas, plotly and duckdb, slowly on a busy 2-core machine


class ServerError(RuntimeError):
    """The server exited or never answered its health check; the message carries its output."""


@dataclass(frozen=True)
class Server:
    base_url: str
    data_dir: Path
    start_s: float  # process start → health check answers "ok"
    pid: int = 0  # the server process (the memory benchmark reads its RSS)

    @property
    def log(self) -> str:
        return (self.data_dir / "streamlit.log").read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    # The kernel picks a free port; tiny race until streamlit binds it, acceptable for a benchmark.
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


def copy_warehouse(source_data_dir: Path, data_dir: Path) -> Path:
    """`data_dir` with a copy of the current warehouse of `source_data_dir` (and its own, empty app store):
    the server then never shares a DuckDB file opened read-write with the benchmark process."""
    source = source_data_dir / "warehouse"
    name = (source / "CURRENT").read_text(encoding="utf-8").strip()
    target = data_dir / "warehouse"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / name, target / name)
    shutil.copy2(source / "CURRENT", target / "CURRENT")
    return data_dir


@contextlib.contextmanager
def serve(data_dir: Path, *, secrets: Path | None = None, env: dict[str, str] | None = None,
          script: str = "app.py") -> Iterator[Server]:  # fmt: skip
    """`streamlit run app.py` on 127.0.0.1 serving the warehouse in `data_dir`; stopped (terminate, then
    kill) on exit. Output goes to data_dir/streamlit.log. `secrets` is passed with --secrets.files (never
    the repository's .streamlit/); `env` adds variables such as TILANNEKUVA_STATE; `script` is the app
    (relative to the repository), e.g. bench/plotly_floor_app.py."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = data_dir / "streamlit.log"
    full_env = {**os.environ, "TILANNEKUVA_DATA_DIR": str(data_dir), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
                **(env or {})}  # fmt: skip
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1",
               "--server.port", str(port), "--server.headless", "true",
               # No reloading when someone edits the tree meanwhile: a module reloaded mid-run crashed
               # concurrent sessions (KeyError: 'dashboard').
               "--server.fileWatcherType", "none"]  # fmt: skip
    if secrets is not None:
        command += ["--secrets.files", str(secrets)]
    start = time.perf_counter()
    with log_path.open("wb") as log:  # a file, not a pipe: nobody reads it meanwhile, a full pipe would block
        process = subprocess.Popen(command, cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not healthy(base_url):
            if process.poll() is not None or time.monotonic() > deadline:
                state = f"exited with {process.returncode}" if process.poll() is not None else "never became healthy"
                raise ServerError(f"streamlit server {state} within {START_TIMEOUT:.0f} s; its output:\n"
                                  f"{log_path.read_text(errors='replace')[-4000:]}")  # fmt: skip
            time.sleep(0.1)
        yield Server(base_url=base_url, data_dir=data_dir, start_s=time.perf_counter() - start, pid=process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
