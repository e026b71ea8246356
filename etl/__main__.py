"""Command line: `python -m etl build | fetch | status | snapshot`.

Exit codes (README "Exit codes" lists the same): 0 ok · 1 validation failed: a rule, a snapshot file that
differs from data/snapshot/sources.lock.toml, or a shrink against the current warehouse · 2 configuration
or environment: region.toml, catalogue, snapshot or archive unreadable, disk full, folder not writable,
out of memory, another build holding the lock · 3 a source failed: a fetch (timeout, HTTP error, a table
that no longer fits the catalogue) or an inbox file refused · 4 unexpected error (a bug; --debug shows the
traceback). Every failure ends with one line on stderr naming what failed and what to do, and saying
which warehouse is current — read from CURRENT at that moment, so it is right whatever happened before.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import logging
import os
import sys
import traceback
from pathlib import Path

from etl import build as build_mod
from etl import load
from etl.buildlock import BuildLocked
from etl.catalog import CatalogError
from etl.region import RegionError
from etl.sources.eu_inbox import InboxRefused
from etl.sources.snapshot import SnapshotError
from etl.validate import ValidationError

EXIT_OK, EXIT_INVALID, EXIT_CONFIG, EXIT_SOURCE, EXIT_CRASH = 0, 1, 2, 3, 4
# A disk or folder the ETL cannot write is the operator's to fix, like a bad configuration: not a crash.
ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.EFBIG}
FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
ALL_TABLES = ("11ra", "11re", "11lj", "12dy", "121w", "11a2", "12w7", "14wx", "14ww", "12bs", "115b", "115x", "115h",
              "115n", "115p", "125s", "12r5", "12tf")  # fmt: skip
DEFAULT_WAIT = 60.0  # s a build waits for another one (a scheduled build and an editor's import may meet)


def ensure_std_fds() -> None:
    """Give a closed stdin/stdout/stderr /dev/null, before any file is opened: else the first file opened
    (a warehouse!) would get fd 1, and anything written to "stdout" would land in it."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:  # lower fds were free too and are filled in turn by this loop
                os.dup2(opened, fd)
                os.close(opened)


def emit(text: str) -> bool:
    """Write `text` to stdout; False when stdout cannot take it (closed, a reader gone, a full disk)."""
    stream = sys.stdout
    if stream is None:
        return False
    try:
        stream.write(text + "\n")
        stream.flush()
        return True
    except (OSError, ValueError):
        # Point fd 1 at /dev/null, so the interpreter's own flush at exit does not fail again (exit 120).
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        return False


def tell(text: str) -> None:
    """A line for the operator on stderr (best effort: nothing is left to tell it to if stderr is gone)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(text + "\n")
        sys.stderr.flush()


def paths_from(args: argparse.Namespace) -> build_mod.Paths:
    default = build_mod.Paths.default()
    return build_mod.Paths(
        data_dir=Path(args.data_dir) if args.data_dir else default.data_dir,
        snapshot_dir=Path(args.snapshot_dir) if args.snapshot_dir else default.snapshot_dir,
        region_file=Path(args.region) if args.region else default.region_file,
    )


def cmd_build(args: argparse.Namespace) -> int:
    result = build_mod.build(paths_from(args), show_progress=not args.quiet, wait=args.wait,
                             accept_shrink=args.accept_shrink)  # fmt: skip
    lines = [f"  {table:<22} {count:>8}" for table, count in result.counts.items()]
    lines += [f"  shrink accepted ({args.accept_shrink}): {loss}" for loss in result.shrunk]
    final = f"built {result.path.name}: {result.rows} rows; now current"
    if not emit("\n".join([*lines, final])):
        tell(f"{final} (stdout could not be written)")  # the verdict must reach the operator somewhere
    return EXIT_OK


def cmd_fetch(args: argparse.Namespace) -> int:
    from etl.pxweb import PxWebClient
    from etl.sources import statfin

    paths = paths_from(args)
    tables = args.tables or list(ALL_TABLES)
    unknown = sorted(set(tables) - set(ALL_TABLES))
    if unknown:
        print(f"unknown table(s): {', '.join(unknown)}; supported: {', '.join(ALL_TABLES)}", file=sys.stderr)
        return EXIT_CONFIG
    given = {"timeout": args.timeout, "max_retries": args.retries, "backoff": args.backoff}
    client = PxWebClient(base_url=args.base_url, lang=args.lang, response_format=args.format,
                         **{k: v for k, v in given.items() if v is not None})  # fmt: skip
    failures: dict[str, Exception] = {}
    written = statfin.fetch_tables(client, tables, fetch_areas(paths), paths.raw_dir, progress=not args.quiet,
                                   failures=failures)  # fmt: skip
    fetched = {entry["table"] for entry in written if entry.get("kind") == "data"}
    emit(f"archived {len(written)} response(s) under {paths.raw_dir / 'statfin'}")
    failed = [table for table in tables if table not in fetched]
    for table in failed:
        if table in failures:
            print(f"error: {table} not fetched: {failures[table]}\n  what to do: {advice(failures[table])}",
                  file=sys.stderr)  # fmt: skip
    if failed:
        print(f"error: not fetched: {', '.join(failed)}; no data of these tables was archived, the archive keeps "
              "what was fetched, the warehouse is unchanged (the previous warehouse is still current)",
              file=sys.stderr)  # fmt: skip
        return EXIT_SOURCE
    emit("run `python -m etl build` to load them")
    return EXIT_OK


def advice(exc: Exception) -> str:
    """What the operator can do about one table's fetch failure."""
    from etl.pxweb import PxWebError

    if not isinstance(exc, PxWebError):  # StatFinError: the table no longer fits the catalogue
        return "compare the table on the service with etl/statfin_tables.toml; the build keeps the older data"
    if exc.status is None:
        return ("the connection failed, timed out or was cut off: check the network and --base-url (or raise "
                "--timeout) and run `python -m etl fetch` again")  # fmt: skip
    if exc.status == 429:
        return "the service asks us to slow down: wait at least the Retry-After time, then run the fetch again"
    if exc.status >= 500:
        return f"the service is failing (HTTP {exc.status}): try again later"
    if exc.status == 200:
        return "the answer was cut off or is not JSON: run the fetch again later"
    return "the service refused the request: check the table id and --base-url"


def fetch_areas(paths: build_mod.Paths) -> list[str]:
    """Focus municipalities, comparison areas and every municipality of the region (for peers and maps)."""
    from etl import region as region_mod
    from etl.sources import snapshot

    region = region_mod.load_region(paths.region_file)
    sources = snapshot.load_sources(paths.snapshot_dir)
    dim_area = region_mod.build_dim_area(snapshot.read_classification(paths.snapshot_dir, sources), region)
    peers = sorted(region_mod.members(dim_area).get(region.region, []))
    areas = [*region.focus, region.subregion, region.region, region.country, *region.comparison, *peers]
    return list(dict.fromkeys(areas))  # keep order, drop repeats


def cmd_status(args: argparse.Namespace) -> int:
    from etl.status import describe

    emit(describe(paths_from(args).warehouse_dir))
    return EXIT_OK


def cmd_snapshot(args: argparse.Namespace) -> int:
    from etl import integrity
    from etl.snapshot_import import import_snapshot
    from etl.sources import snapshot

    paths = paths_from(args)
    if args.source:
        written = import_snapshot(Path(args.source), paths.snapshot_dir, build_mod.REPO / "tests" / "fixtures")
        emit(f"copied {len(written)} file(s) into {paths.snapshot_dir} and tests/fixtures")
    before = integrity.read_lock(paths.snapshot_dir)
    files = [s.file for s in snapshot.load_sources(paths.snapshot_dir).values()]
    lock = integrity.write_lock(paths.snapshot_dir, files)
    after = integrity.read_lock(paths.snapshot_dir)
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            was, now = before.get(name), after.get(name)
            change = ("added" if was is None else "removed" if now is None
                      else f"rows {was.rows} → {now.rows}, periods {was.first}–{was.last} → {now.first}–{now.last}")  # fmt: skip
            emit(f"  {name}: {change}")
    emit(f"recorded {len(files)} file(s) in {lock}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m etl", description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    root.add_argument("--data-dir", help="folder for raw/ and warehouse/ (default: data/)")
    root.add_argument("--snapshot-dir", help="bundled snapshot folder (default: data/snapshot/)")
    root.add_argument("--region", help="region file (default: region.toml)")
    root.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    root.add_argument("--debug", action="store_true", help="show the traceback of an error")
    sub = root.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build a new warehouse offline from the snapshot + data/raw, then swap")
    build.add_argument("--wait", type=float, default=DEFAULT_WAIT, metavar="S",
                       help=f"seconds to wait for another running build (default {DEFAULT_WAIT:g}); then exit 2")  # fmt: skip
    build.add_argument("--accept-shrink", metavar="REASON",
                       help="let an indicator or table lose years or rows against the current warehouse; "
                            "REASON is logged in meta_load_run")  # fmt: skip
    fetch = sub.add_parser("fetch", help="fetch live tables from Statistics Finland PxWeb into data/raw")
    fetch.add_argument("--tables", nargs="+", metavar="ID", help=f"short table ids (default: all of {ALL_TABLES})")
    fetch.add_argument("--lang", default="fi", choices=["fi", "sv", "en"])
    fetch.add_argument("--format", default="json-stat2", choices=["json-stat2", "json"],
                       help="PxWeb response format to ask for; the build reads both (default: json-stat2)")  # fmt: skip
    fetch.add_argument("--base-url", default="https://pxdata.stat.fi/PxWeb/api/v1",
                       help="PxWeb API v1 root (default: Statistics Finland)")  # fmt: skip
    fetch.add_argument("--timeout", type=float, metavar="S",
                       help="seconds to wait for a connection and for an answer (default: 5 and 60)")  # fmt: skip
    fetch.add_argument("--retries", type=int, metavar="N",
                       help="retries of a request after 429/5xx, a timeout or a cut-off answer (default: 5)")  # fmt: skip
    fetch.add_argument("--backoff", type=float, metavar="S",
                       help="first wait before a retry, doubled each time; a longer Retry-After wins (default: 1)")  # fmt: skip
    sub.add_parser("status", help="describe the current warehouse")
    snap = sub.add_parser("snapshot", help="record the snapshot's files (sha256, rows, coverage) in "
                          "data/snapshot/sources.lock.toml after changing them on purpose")  # fmt: skip
    snap.add_argument("--from", dest="source", help="(developers) first re-copy the files from this folder of "
                      "published CSV files (../shared/data)")  # fmt: skip
    return root


COMMANDS = {"build": cmd_build, "fetch": cmd_fetch, "status": cmd_status, "snapshot": cmd_snapshot}


def environment_errno(exc: BaseException) -> int | None:
    """The errno of an environment fault (full disk, no permission) anywhere in `exc`'s chain, else None."""
    import duckdb

    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in ENVIRONMENT_ERRNOS:
            return exc.errno
        if isinstance(exc, duckdb.Error) and load.os_errno(exc) is not None:
            return load.os_errno(exc)
        exc = exc.__cause__ or exc.__context__
    return None


def classify(exc: BaseException) -> tuple[int, list[str], str]:
    """(exit code, detail lines, the one-line message) for an error that ended a command."""
    from etl.pxweb import PxWebError

    if isinstance(exc, ValidationError):
        details = [f"  - {p}" for p in exc.problems] if len(exc.problems) > 1 else []
        what = exc.problems[0] if len(exc.problems) == 1 else f"{len(exc.problems)} problems (listed above)"
        kind = type(exc).__name__.removesuffix("Error").lower()  # validation | integrity | shrink
        return EXIT_INVALID, details, f"{kind} check failed: {what}; {exc.fix}"
    if isinstance(exc, BuildLocked):
        return EXIT_CONFIG, [], str(exc)
    if isinstance(exc, InboxRefused):
        return EXIT_SOURCE, [], str(exc)
    if isinstance(exc, PxWebError):
        return EXIT_SOURCE, [], f"fetching from Statistics Finland failed: {exc}"
    code = environment_errno(exc)
    if code is not None:
        if code == errno.EFBIG:
            what, fix = "a file grew over the file-size limit", "raise the limit (ulimit -f) or free some space"
        elif code in FULL_ERRNOS:
            what, fix = "no space left on the disk", "free some space"
        else:
            what, fix = (
                "a file of the data folder cannot be written or read",
                "fix the permissions of the data folder (--data-dir)",
            )
        return EXIT_CONFIG, [], f"{what}: {one_line(exc)}; {fix} and run again"
    if isinstance(exc, (RegionError, CatalogError, SnapshotError)):
        return EXIT_CONFIG, [], one_line(exc)
    if isinstance(exc, FileNotFoundError):
        return EXIT_CONFIG, [], f"{one_line(exc)}; check the path (--data-dir, --snapshot-dir, --region)"
    if isinstance(exc, MemoryError):
        return EXIT_CONFIG, [], ("out of memory; give the build more memory, and check data/raw/eu_funds/inbox and "
                                 "etl/limits.toml for an oversized input")  # fmt: skip
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_CRASH, [], "interrupted"
    return EXIT_CRASH, [], (f"unexpected {type(exc).__name__}: {one_line(exc)} — a bug: run again with --debug and "
                            "report the traceback")  # fmt: skip


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:600] or type(exc).__name__


def warehouse_verdict(warehouse_dir: Path, before: str | None) -> str:
    """Which warehouse serves now, read from CURRENT at this moment (so the last line never lies)."""
    try:
        now = load.current_path(warehouse_dir)
    except OSError:
        now = None
    name = now.name if now else None
    if name is None:
        return "no warehouse is current yet"
    if name == before:
        return f"nothing was swapped: the previous warehouse is still current ({name})"
    return f"the new warehouse {name} is current nevertheless"


def main(argv: list[str] | None = None) -> int:
    ensure_std_fds()
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    warehouse_dir = paths_from(args).warehouse_dir
    try:
        before = load.current_path(warehouse_dir)
    except OSError:
        before = None
    before_name = before.name if before else None
    try:
        return COMMANDS[args.command](args)
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the last resort: every error gets its exit code
        code, details, message = classify(exc)
        if args.debug:
            tell("".join(traceback.format_exception(exc)).rstrip())
        for line in details:
            tell(line)
        tail = f"; {warehouse_verdict(warehouse_dir, before_name)}" if args.command in ("build", "fetch") else ""
        tell(f"error: {message}{tail}.")
        return code


if __name__ == "__main__":
    sys.exit(main())
