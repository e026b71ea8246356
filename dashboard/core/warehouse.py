"""The one module that owns warehouse connections.

The ETL writes `data/warehouse/wh-<ts>.duckdb` files and atomically replaces `data/warehouse/CURRENT`
with the name of the newest one. Readers resolve CURRENT on every query, open that file read-only once
per process (keyed by its real path, because duckdb.connect returns the already-open database for a
path) and run each query on its own cursor: one shared connection across Streamlit's threads is unsafe.

A Streamlit script run pins one warehouse: app.py calls `pin_run()` first, and until the next pin every
`current_path()`/`version()` in that run answers the pinned file, so a page drawn while the ETL swaps in a
new build shows the old data or the new, never a mix. Outside a pinned run (tests, CLI, benchmarks
running page files) CURRENT is resolved on every call, as before.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import threading
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.core.sqlfiles import sql_text

REPO = Path(__file__).resolve().parents[2]


class WarehouseMissing(RuntimeError):
    """No warehouse has been built yet (run `python -m etl build`)."""


def warehouse_dir() -> Path:
    return _warehouse_dir(os.environ.get("TILANNEKUVA_DATA_DIR"))


@functools.lru_cache(maxsize=8)  # current_path() runs a dozen times a rerun: build the Path once per setting
def _warehouse_dir(data_dir: str | None) -> Path:
    return Path(data_dir or REPO / "data") / "warehouse"


_pointer_cache: dict[Path, tuple[tuple[int, int], Path]] = {}


# The warehouse pinned for the script run executing in this context. A ContextVar, not a thread-local,
# because of how Streamlit 1.67 runs scripts: a session's reruns execute one after another on the same
# ScriptRunner thread (so the pin is re-set by every run, never inherited by the next one), a later burst
# of reruns may get a new thread (which starts unpinned and pins at the top of app.py), and parallel
# fragment workers run in `contextvars.copy_context()` of the script thread, so they see the run's pin.
# st.cache_data/cache_resource compute in the calling thread, so cached builders keyed by version() read
# the same pinned file as the key says. A fragment-only rerun does not execute app.py: it keeps the pin
# of the run that drew the page when it runs on that thread, otherwise it reads CURRENT unpinned.
_pinned: contextvars.ContextVar[Path | None] = contextvars.ContextVar("tilannekuva_warehouse_pin", default=None)


def pin_run() -> Path | None:
    """Pin the current warehouse for the rest of this script run (call first thing in app.py).

    Returns the pinned path, or None when there is no readable warehouse: then nothing is pinned and the
    next current_path() raises as usual, inside app.py's guarded block that routes to the error page."""
    _pinned.set(None)
    try:
        path = current_path()
    except Exception:  # noqa: BLE001 - app.py calls this before its guard: it must reach st.navigation
        return None
    _pinned.set(path)
    return path


def current_path() -> Path:
    """Real path of the warehouse file this run reads; raises WarehouseMissing when there is none.

    Within a pinned script run (see pin_run) that is the pinned file. Otherwise it is the file CURRENT
    names. Called many times per rerun (it is part of every cache key), so the pointer is re-read only
    when its file changes: the ETL replaces CURRENT atomically, which gives it a new inode and mtime."""
    pinned = _pinned.get()
    # The ETL keeps the previous builds (etl/load.py KEEP), so a pinned file outlives a few swaps; should
    # it still be pruned during a very long run, reading the newest beats failing.
    if pinned is not None and pinned.is_file():
        return pinned
    directory = warehouse_dir()
    pointer = directory / "CURRENT"
    try:
        stat = os.stat(pointer)
    except FileNotFoundError:
        raise WarehouseMissing(f"no warehouse in {directory}: run `make run` or `python -m etl build`") from None
    signature = (stat.st_ino, stat.st_mtime_ns)
    cached = _pointer_cache.get(pointer)
    if cached and cached[0] == signature and os.path.isfile(cached[1]):
        return cached[1]
    name = pointer.read_text(encoding="utf-8").strip()
    path = (directory / name).resolve()
    if not path.is_file():
        raise WarehouseMissing(f"{pointer} names {name}, which does not exist")
    _pointer_cache[pointer] = (signature, path)
    return path


def version() -> str:
    """Identifies the data the app is serving; part of every cache key."""
    return current_path().name


_lock = threading.Lock()


MAX_OPEN = 3  # builds kept open: the current one and those runs may still be pinned to
_open: dict[str, duckdb.DuckDBPyConnection] = {}  # real path -> read-only connection, oldest first


def connection(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The read-only connection to `path` (default: this run's warehouse), opened once per process.

    Opening a new build closes the connections to builds the ETL has pruned and to the oldest beyond
    MAX_OPEN: each open build holds its buffers (~17 MB here), so a long-running server would otherwise
    grow with every swap."""
    real = str(path or current_path())
    with _lock:  # two threads must not both open the file
        con = _open.get(real)
        if con is None:
            con = _open[real] = duckdb.connect(real, read_only=True)
            _close_retired(keep=real)
        return con


def _close_retired(keep: str) -> None:
    retired = [p for p in _open if p != keep and not os.path.exists(p)]
    retired += [p for p in list(_open)[: max(0, len(_open) - MAX_OPEN)] if p != keep and p not in retired]
    for old in retired:
        with contextlib.suppress(duckdb.Error):
            _open.pop(old).close()


def query(name: str, params: dict | None = None, path: Path | None = None) -> pd.DataFrame:
    """Run a named, parameterised query on its own cursor and return a DataFrame."""
    cursor = connection(path).cursor()
    try:
        return cursor.execute(sql_text(name), params or {}).df()
    finally:
        cursor.close()
