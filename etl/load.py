"""Write a warehouse file and make it current atomically; keep the build history.

Layout of the warehouse folder:
    wh-<UTC timestamp>.duckdb   immutable warehouse files (the newest few are kept)
    CURRENT                     one line: the file name of the warehouse the app should read
    runs.jsonl                  one line per build attempt, ok or failed

A build writes `wh-<ts>.duckdb.partial`, checkpoints and closes it, renames it to `.duckdb`, and only then
replaces CURRENT with os.replace (atomic on POSIX). A crash at any point leaves CURRENT naming the previous
good file; readers that already opened the old file keep reading it undisturbed. The build lock
(build.lock, etl/buildlock.py) keeps a second build from writing here at the same time.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
from pathlib import Path

import duckdb
import pandas as pd

log = logging.getLogger(__name__)
SCHEMA_PATH = Path(__file__).with_name("sql") / "schema.sql"
POINTER = "CURRENT"
KEEP = 3  # warehouse files kept besides the current one, for readers still on an older version


# DuckDB turns OS errors into its own exceptions; the OS's words in the text tell which fault it was.
DUCKDB_OS_ERRORS = {"No space left": errno.ENOSPC, "Disk quota exceeded": errno.EDQUOT,
                    "File too large": errno.EFBIG, "Permission denied": errno.EACCES,
                    "Read-only file system": errno.EROFS}  # fmt: skip


def os_errno(exc: BaseException) -> int | None:
    """The errno a DuckDB error stands for (a full disk, no permission), else None."""
    text = str(exc)
    return next((code for words, code in DUCKDB_OS_ERRORS.items() if words in text), None)


def current_path(warehouse_dir: Path) -> Path | None:
    """The warehouse the app should read, or None when no build has succeeded yet."""
    pointer = warehouse_dir / POINTER
    if not pointer.is_file():
        return None
    path = warehouse_dir / pointer.read_text(encoding="utf-8").strip()
    return path if path.is_file() else None


def write_warehouse(path: Path, tables: dict[str, pd.DataFrame]) -> int:
    """Create `path` from the schema and the given frames (columns in schema order); returns rows written."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    rows = 0
    con = None
    try:
        con = duckdb.connect(str(partial))
        con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
        # Parents before children so the foreign keys hold during the inserts.
        for name, frame in tables.items():
            if frame.empty:
                continue
            columns = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]  # name from our own dict
            con.register("incoming", frame[columns])
            con.execute(f"INSERT INTO {name} SELECT * FROM incoming")
            con.unregister("incoming")
            rows += len(frame)
        con.execute("CHECKPOINT")
        con.close()
        os.replace(partial, path)
    except BaseException as exc:
        # A failed write (disk full, …) must not leave a half-written file eating the space that is short.
        if con is not None:
            with contextlib.suppress(duckdb.Error):
                con.close()
        for leftover in (partial, partial.with_name(partial.name + ".wal")):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, duckdb.Error):  # DuckDB reports a full disk as its own IOException or, at a
            code = os_errno(exc)  # commit, as a TransactionException: with the OS's words in the text
            if code is not None or isinstance(exc, duckdb.IOException):
                raise OSError(code or errno.EIO, f"could not write the new warehouse: {exc}", str(partial)) from exc
        raise
    return rows


def swap(warehouse_dir: Path, path: Path) -> None:
    """Point CURRENT at `path` atomically, then drop old warehouse files beyond KEEP."""
    tmp = warehouse_dir / f".{POINTER}.tmp"
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(path.name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, warehouse_dir / POINTER)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        prune(warehouse_dir, path)
    except OSError as exc:  # the swap is done: a failed clean-up must not be reported as a failed build
        log.warning("could not remove old warehouse files: %s", exc)


def prune(warehouse_dir: Path, current: Path) -> None:
    """Drop warehouse files beyond KEEP (with their WAL files) and the leftovers of dead builds.

    Only a build holding the build lock (etl/buildlock.py) calls this, so no other build is writing: every
    `.partial` (and its `.partial.wal`) here belongs to a build that died or finished."""
    old = sorted(p for p in warehouse_dir.glob("wh-*.duckdb") if p != current)
    for stale in old[:-KEEP] if KEEP else old:
        stale.unlink(missing_ok=True)
        stale.with_name(stale.name + ".wal").unlink(missing_ok=True)
    remove_leftovers(warehouse_dir)


def remove_leftovers(warehouse_dir: Path) -> list[str]:
    """Remove what killed builds leave: `*.partial`, `*.partial.wal`, WALs of vanished files, the pointer's
    temp file. Call only while holding the build lock; returns the names removed."""
    removed = []
    candidates = [*warehouse_dir.glob("wh-*.duckdb.partial"), *warehouse_dir.glob("wh-*.duckdb.partial.wal"),
                  *warehouse_dir.glob(f".{POINTER}.tmp")]  # fmt: skip
    candidates += [w for w in warehouse_dir.glob("wh-*.duckdb.wal") if not w.with_suffix("").is_file()]
    for leftover in candidates:
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed.append(leftover.name)
    if removed:
        log.info("removed leftovers of earlier builds: %s", ", ".join(sorted(removed)))
    return removed


def append_run(warehouse_dir: Path, run: dict) -> None:
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    with (warehouse_dir / "runs.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(run, ensure_ascii=False, default=str) + "\n")


def read_runs(warehouse_dir: Path) -> pd.DataFrame:
    path = warehouse_dir / "runs.jsonl"
    columns = ["run_id", "started_at", "finished_at", "status", "rows", "message"]
    if not path.is_file():
        return pd.DataFrame(columns=columns)
    runs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    frame = pd.DataFrame(runs, columns=columns).drop_duplicates("run_id", keep="last")
    for column in ("started_at", "finished_at"):
        frame[column] = pd.to_datetime(frame[column])
    return frame
