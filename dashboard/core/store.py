"""The app's own store (`data/app_state.duckdb`): everything users enter — projects, KPIs, targets,
allocations, scenarios, decks — kept apart from the warehouse, so a rebuild never touches it.

- Schema: numbered migrations in `dashboard/core/sql/migrations/NNN_name.sql`, applied in order once.
  A feature adds its tables by adding a file; nobody edits another feature's migration.
- Named queries: `<name>.sql` in core/sql or the feature's sql/ folder (core/sqlfiles.py), always parameterised.
- Every write goes through `write()`: the statements and an audit-log row (who, when, what, before,
  after) commit together or not at all.
- The file is opened per operation and closed again (DuckDB lets only one process hold a file for
  writing), under a lock that serialises the app's threads.
- **Viewing never needs a writable store**: `query()`/`query_many()` open the file read-only. When it
  cannot be read (another process holds its lock, the file is corrupt, it vanished, it needs a migration
  that cannot be written), they answer from an empty store with the same schema and `problem()` says
  why: public pages then draw the statistics without the coordinator's data and say so, and editor pages
  say what to do. Nothing is ever overwritten on the way: the file is left exactly as it was.
- `export_store()` / `restore_store()`: the whole store as one zip, and back.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.core.sqlfiles import sql_text

REPO = Path(__file__).resolve().parents[2]
MIGRATIONS = Path(__file__).with_name("sql") / "migrations"
_lock = threading.RLock()
_revision: int | None = None  # in-process count of writes, so caches of user data need no file access
_revision_sig: tuple | None = None  # (file, inode, mtime, size) the revision was read at
_migrated: set[Path] = set()  # store files this process has migrated (and seen existing since)
# A store export is a few MB; more than this unpacked is not one (and a zip bomb would fill the disk).
RESTORE_MAX_BYTES = 512 * 1024 * 1024
_LOAD_STATEMENT = re.compile(r"""COPY ("[^"]+"|\w+) FROM '[^']+\.parquet' \(FORMAT 'parquet'\);""")


class StoreError(RuntimeError):
    """The store could not be read, written or restored; nothing was changed."""


class StoreUnavailable(StoreError):
    """The store file cannot be read now (locked, corrupt, vanished); the file itself is untouched."""


PROBLEMS = ("locked", "damaged", "permissions", "vanished")  # what problem() can answer
RETRY_SECONDS = 5.0  # an unreadable store is tried again after this long, not on every memo lookup
_problem: tuple[float, Path, str] | None = None  # (monotonic time, file, reason) of the last failed read
_seen: set[Path] = set()  # store files this process has seen exist: one that disappears is a fault


def store_path() -> Path:
    explicit = os.environ.get("TILANNEKUVA_STATE")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("TILANNEKUVA_DATA_DIR", REPO / "data")) / "app_state.duckdb"


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every migration not yet applied; returns the names applied now."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        if path.stem in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [path.stem, datetime.now(UTC)])
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        applied.append(path.stem)
    return applied


@contextmanager
def connect(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection, for writes and migrations only (viewing reads through `query`)."""
    path = path or store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock:
        existed = path.exists()  # a new (or deleted and recreated) file must be migrated
        if not existed and path in _seen:  # it vanished: a new empty store would hide that; restore instead
            raise StoreUnavailable("vanished")
        try:
            con = duckdb.connect(str(path))
        except duckdb.Error as exc:
            raise StoreUnavailable(_reason(exc)) from exc
        _seen.add(path)
        try:
            # Migrating costs catalogue queries on every connection; once per file per process is enough.
            if not existed or path not in _migrated:
                migrate(con)
                _migrated.add(path)
            yield con
        finally:
            con.close()


def sql(name: str) -> str:
    return sql_text(name)


def query(name: str, params: dict | None = None) -> pd.DataFrame:
    """Run the named read query on the store, read-only; an empty result when the store is unavailable."""
    return query_many([(name, params or {})])[0]


def query_many(queries: Sequence[tuple[str, dict]]) -> list[pd.DataFrame]:
    """Run several named read queries on one read-only open of the store (an empty store's results, with
    the same columns, while `problem()` reports the store unavailable)."""
    global _problem
    path = store_path()
    with _lock:
        if _problem is None or _problem[1] != path or time.monotonic() - _problem[0] > RETRY_SECONDS:
            try:
                with _reader(path) as con:
                    frames = [con.execute(sql(name), params).df() for name, params in queries]
                _problem = None
                return frames
            except (duckdb.Error, OSError, StoreError) as exc:
                _problem = (time.monotonic(), path, _reason(exc))
        blank = _blank()
        return [blank.cursor().execute(sql(name), params).df() for name, params in queries]


def problem() -> str | None:
    """Why the store cannot be read now, one of PROBLEMS, or None when it can."""
    return None if _problem is None or _problem[1] != store_path() else _problem[2]


@contextmanager
def _reader(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the store file (the blank store while none has been created yet)."""
    if not path.exists():
        if path in _seen:
            raise StoreUnavailable("vanished")
        yield _blank().cursor()
        return
    _seen.add(path)
    if path not in _migrated:
        _migrate_for_reading(path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()


def _migrate_for_reading(path: Path) -> None:
    """Readers need every table: a store written by an older version is migrated once (the only write a
    reader ever makes, and only when migrations are missing); if that cannot be done, reads fail cleanly."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    finally:
        con.close()
    if {p.stem for p in MIGRATIONS.glob("*.sql")} - done:
        with connect(path):  # migrates
            pass
    _migrated.add(path)


_blank_dbs: dict[Path, duckdb.DuckDBPyConnection] = {}


def _blank() -> duckdb.DuckDBPyConnection:
    """An in-memory store with every migration and no rows: what a fresh install reads, and what pages
    read while the real store is unavailable (one per migrations folder: tests bring their own)."""
    if MIGRATIONS not in _blank_dbs:
        con = duckdb.connect(":memory:")
        migrate(con)
        _blank_dbs[MIGRATIONS] = con
    return _blank_dbs[MIGRATIONS]


def _reason(exc: BaseException) -> str:
    """What kind of failure, as a code the UI words (core.toml [store] problem_<code>): never a path or
    DuckDB's stack trace."""
    text = str(exc).splitlines()[0].lower() if str(exc) else ""
    if isinstance(exc, StoreUnavailable) and str(exc) in PROBLEMS:
        return str(exc)
    if "lock" in text:
        return "locked"
    if isinstance(exc, PermissionError) or "permission" in text or "read-only" in text:
        return "permissions"
    return "damaged"


def write(actor: str, action: str, entity: str, entity_id: str, statements: Sequence[tuple[str, dict]],
          before: dict | None = None, after: dict | None = None) -> None:  # fmt: skip
    """Run named write statements [(query name, params)] and log them, in one transaction."""
    with connect() as con:
        con.execute("BEGIN TRANSACTION")
        try:
            for name, params in statements:
                con.execute(sql(name), params)
            con.execute(sql("audit_insert"), {
                "changed_at": datetime.now(UTC), "actor": actor, "action": action, "entity": entity,
                "entity_id": entity_id, "before_json": _json(before), "after_json": _json(after),
            })  # fmt: skip
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    _changed()


def audit(actor: str, action: str, entity: str, entity_id: str, after: dict | None = None) -> None:
    """One audit-log row about an event that changes no data (a login attempt, a lockout).

    Unlike write(), it leaves the in-process revision alone: a burst of failed logins must not throw away
    every cache of user data (the revision is a cache key, its value only has to change when data does)."""
    with connect() as con:
        con.execute(sql("audit_insert"), {
            "changed_at": datetime.now(UTC), "actor": actor, "action": action, "entity": entity,
            "entity_id": entity_id, "before_json": None, "after_json": _json(after),
        })  # fmt: skip


def revision(path: Path | None = None) -> int:
    """Changes so far (the audit log's last id): a cache key for anything derived from the store; -1 while
    the store cannot be read.

    Read from the file again only when the file changed (a stat, not a query: this runs on every memo
    lookup); every write() of this process re-reads it. A file that vanished is reported, not recreated."""
    global _revision, _revision_sig, _problem
    path = path or store_path()
    with _lock:
        try:
            stat = os.stat(path)
            signature = (path, stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            if path in _seen:
                _problem = (time.monotonic(), path, "vanished")
                return -1
            signature = (path, None, None, None)  # a fresh install: the empty store
        if _revision is None or _revision_sig != signature:
            if _problem is not None and _problem[1] == path and time.monotonic() - _problem[0] <= RETRY_SECONDS:
                return -1  # unavailable: pages draw without the store's data until it can be read again
            revision_now = int(query("store_revision")["revision"].iloc[0])
            if problem() is not None:
                return -1
            _revision, _revision_sig = revision_now, signature
        return _revision


def cache_key() -> str:
    """Identifies the store's content: its file and revision (two stores can share a revision number)."""
    path = store_path()  # once: this runs on every memo lookup
    return f"{path}#{revision(path)}"


def _changed() -> None:
    global _revision, _problem
    with _lock:
        _revision = None  # re-read on next use: exact even if the audit ids are not consecutive
        _problem = None  # a write or restore that succeeded: the store is readable again


def _json(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def export_store() -> bytes:
    """The whole store as a zip of DuckDB's EXPORT DATABASE output (schema, load script, Parquet files)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "export"
        with connect() as con:
            con.execute(f"EXPORT DATABASE '{target}' (FORMAT parquet)")  # tmp path we made, not user input
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for file in sorted(target.iterdir()):
                zf.write(file, file.name)
        return buffer.getvalue()


def _check_export_sql(source: Path) -> None:
    """Only what EXPORT DATABASE writes, one statement a line: CREATE … in schema.sql, COPY <table> FROM
    <file>.parquet in load.sql. Anything else means the archive was edited: refuse it before running it."""
    for name, allowed in (("schema.sql", lambda line: line.upper().startswith("CREATE ")),
                          ("load.sql", _LOAD_STATEMENT.fullmatch)):  # fmt: skip
        lines = (source / name).read_text(encoding="utf-8", errors="replace").splitlines()
        if not all(allowed(line.strip()) for line in lines if line.strip()):
            raise StoreError(f"not a store export: {name} holds statements an export never writes")


def _sandboxed(candidate: Path, source: Path) -> duckdb.DuckDBPyConnection:
    """A connection for importing an uploaded export: IMPORT DATABASE runs the archive's schema.sql and
    load.sql, which a crafted file could fill with statements that read or write any file the app can
    (COPY … TO, read_text, ATTACH) or download extensions. It may touch only the unpacked archive."""
    con = duckdb.connect(str(candidate), config={"autoinstall_known_extensions": False,
                                                 "autoload_known_extensions": False})  # fmt: skip
    con.execute("SET allowed_directories = $dirs", {"dirs": [f"{source}/"]})
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")  # the archive's SQL cannot switch it back on
    return con


def restore_store(archive: bytes) -> None:
    """Replace the store with an export. The new file is built and checked aside, then swapped in
    atomically: a bad archive raises StoreError and leaves the current store as it was."""
    path = store_path()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "import"
        try:
            with zipfile.ZipFile(io.BytesIO(archive)) as zf:
                names = zf.namelist()
                if "schema.sql" not in names or "load.sql" not in names or any("/" in n or ".." in n for n in names):
                    raise StoreError("not a store export: schema.sql/load.sql missing or unexpected paths")
                if sum(info.file_size for info in zf.infolist()) > RESTORE_MAX_BYTES:
                    raise StoreError("not a store export: it unpacks to more than 512 MB")
                zf.extractall(source)
        except zipfile.BadZipFile as exc:
            raise StoreError(f"not a zip file: {exc}") from exc
        _check_export_sql(source)
        candidate = path.with_name(path.name + ".restore")
        candidate.unlink(missing_ok=True)
        try:
            con = _sandboxed(candidate, source)
            try:
                con.execute(f"IMPORT DATABASE '{source}'")  # our own tmp dir
                migrate(con)  # an older export gains the tables added since
                con.execute("SELECT count(*) FROM audit_log").fetchone()
                con.execute("CHECKPOINT")
            finally:
                con.close()
        except duckdb.Error as exc:
            candidate.unlink(missing_ok=True)
            reason = str(exc).splitlines()[0][:300]  # DuckDB may append a C++ stack trace: not for the UI
            raise StoreError(f"the archive could not be imported: {reason}") from exc
        with _lock:
            if path.exists():
                shutil.copyfile(path, path.with_name(path.name + ".before-restore"))
            os.replace(candidate, path)
            _migrated.discard(path)
    _changed()
