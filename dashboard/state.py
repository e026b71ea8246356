"""The app's own store (`data/app_state.duckdb`): everything users enter — projects, KPIs, targets,
allocations, scenarios, decks — kept apart from the warehouse, so a rebuild never touches it.

- Schema: numbered migrations in `dashboard/sql/state/migrations/NNN_name.sql`, applied in order once.
  A feature adds its tables by adding a file; nobody edits another feature's migration.
- Named queries: `dashboard/sql/state/<name>.sql`, always parameterised.
- Every write goes through `write()`: the statements and an audit-log row (who, when, what, before,
  after) commit together or not at all.
- The file is opened per operation and closed again (DuckDB lets only one process hold a file for
  writing), under a lock that serialises the app's threads.
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
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
STATE_SQL = Path(__file__).with_name("sql") / "state"
MIGRATIONS = STATE_SQL / "migrations"
_lock = threading.RLock()
_revision: int | None = None  # in-process count of writes, so caches of user data need no file access
_revision_path: Path | None = None
_migrated: set[Path] = set()  # store files this process has migrated (and seen existing since)
# A store export is a few MB; more than this unpacked is not one (and a zip bomb would fill the disk).
RESTORE_MAX_BYTES = 512 * 1024 * 1024
_LOAD_STATEMENT = re.compile(r"""COPY ("[^"]+"|\w+) FROM '[^']+\.parquet' \(FORMAT 'parquet'\);""")


class StoreError(RuntimeError):
    """The store could not be read, written or restored; nothing was changed."""


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
    path = path or store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock:
        existed = path.exists()  # a new (or deleted and recreated) file must be migrated
        con = duckdb.connect(str(path))
        try:
            # Migrating costs catalogue queries on every connection; once per file per process is enough.
            if not existed or path not in _migrated:
                migrate(con)
                _migrated.add(path)
            yield con
        finally:
            con.close()


def sql(name: str) -> str:
    return (STATE_SQL / f"{name}.sql").read_text(encoding="utf-8")


def query(name: str, params: dict | None = None) -> pd.DataFrame:
    """Run the named read query on the store."""
    with connect() as con:
        return con.execute(sql(name), params or {}).df()


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


def revision() -> int:
    """Changes so far (the audit log's last id): a cache key for anything derived from the store.

    Read from the file once per process, then bumped by every write() of this process; the app is the
    only writer while it runs."""
    global _revision, _revision_path
    with _lock:
        if _revision is None or _revision_path != store_path():
            _revision = int(query("store_revision")["revision"].iloc[0])
            _revision_path = store_path()
        return _revision


def cache_key() -> str:
    """Identifies the store's content: its file and revision (two stores can share a revision number)."""
    return f"{store_path()}#{revision()}"


def _changed() -> None:
    global _revision
    with _lock:
        _revision = None  # re-read on next use: exact even if the audit ids are not consecutive


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
