"""The one module that owns warehouse connections.

The ETL writes `data/warehouse/wh-<ts>.duckdb` files and atomically replaces `data/warehouse/CURRENT`
with the name of the newest one. Readers resolve CURRENT on every query, open that file read-only once
per process (keyed by its real path, because duckdb.connect returns the already-open database for a
path) and run each query on its own cursor: one shared connection across Streamlit's threads is unsafe.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path

import duckdb
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
SQL_DIR = Path(__file__).with_name("sql")


class WarehouseMissing(RuntimeError):
    """No warehouse has been built yet (run `python -m etl build`)."""


def warehouse_dir() -> Path:
    return Path(os.environ.get("TILANNEKUVA_DATA_DIR", REPO / "data")) / "warehouse"


_pointer_cache: dict[Path, tuple[tuple[int, int], Path]] = {}


def current_path() -> Path:
    """Real path of the warehouse file CURRENT names; raises WarehouseMissing when there is none.

    Called many times per rerun (it is part of every cache key), so the pointer is re-read only when its
    file changes: the ETL replaces CURRENT atomically, which gives it a new inode and mtime."""
    directory = warehouse_dir()
    pointer = directory / "CURRENT"
    try:
        stat = pointer.stat()
    except FileNotFoundError:
        raise WarehouseMissing(f"no warehouse in {directory}: run `make run` or `python -m etl build`") from None
    signature = (stat.st_ino, stat.st_mtime_ns)
    cached = _pointer_cache.get(pointer)
    if cached and cached[0] == signature and cached[1].is_file():
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


@functools.lru_cache(maxsize=4)
def _connection(real_path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(real_path, read_only=True)


def connection(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    path = path or current_path()
    with _lock:  # lru_cache is thread-safe for reads, but two threads must not both open the file
        return _connection(str(path))


@functools.cache
def sql_text(name: str) -> str:
    """The named query `dashboard/sql/<name>.sql` (names come from our code, never from users)."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(name: str, params: dict | None = None, path: Path | None = None) -> pd.DataFrame:
    """Run a named, parameterised query on its own cursor and return a DataFrame."""
    cursor = connection(path).cursor()
    try:
        return cursor.execute(sql_text(name), params or {}).df()
    finally:
        cursor.close()
