"""Command line: `python -m etl build | fetch | status | snapshot`.

Exit codes: 0 ok · 1 validation failed (previous warehouse still current) · 2 bad configuration or
input (region.toml, catalogue, snapshot) or environment (disk full, data folder not writable) · 3 a source
could not be fetched (timeout, HTTP error, a table that no longer fits the catalogue) · 4 unexpected error.
"""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from pathlib import Path

from etl import build as build_mod
from etl.catalog import CatalogError
from etl.region import RegionError
from etl.sources.snapshot import SnapshotError
from etl.validate import ValidationError

EXIT_OK, EXIT_INVALID, EXIT_CONFIG, EXIT_SOURCE, EXIT_CRASH = 0, 1, 2, 3, 4
# A disk or folder the ETL cannot write is the operator's to fix, like a bad configuration: not a crash.
ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS}
ALL_TABLES = ("11ra", "11re", "11lj", "12dy", "121w", "11a2", "12w7", "14wx", "14ww", "12bs", "115b", "115x", "115h",
              "115n", "115p", "125s", "12r5", "12tf")  # fmt: skip


def paths_from(args: argparse.Namespace) -> build_mod.Paths:
    default = build_mod.Paths.default()
    return build_mod.Paths(
        data_dir=Path(args.data_dir) if args.data_dir else default.data_dir,
        snapshot_dir=Path(args.snapshot_dir) if args.snapshot_dir else default.snapshot_dir,
        region_file=Path(args.region) if args.region else default.region_file,
    )


def cmd_build(args: argparse.Namespace) -> int:
    result = build_mod.build(paths_from(args), show_progress=not args.quiet)
    print(f"built {result.path.name}: {result.rows} rows; now current")
    for table, count in result.counts.items():
        print(f"  {table:<22} {count:>8}")
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
    print(f"archived {len(written)} response(s) under {paths.raw_dir / 'statfin'}")
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
    print("run `python -m etl build` to load them")
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

    print(describe(paths_from(args).warehouse_dir))
    return EXIT_OK


def cmd_snapshot(args: argparse.Namespace) -> int:
    from etl.snapshot_import import import_snapshot

    paths = paths_from(args)
    repo = build_mod.REPO
    written = import_snapshot(Path(args.source), paths.snapshot_dir, repo / "tests" / "fixtures")
    print(f"copied {len(written)} file(s) into {paths.snapshot_dir} and tests/fixtures")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m etl", description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    root.add_argument("--data-dir", help="folder for raw/ and warehouse/ (default: data/)")
    root.add_argument("--snapshot-dir", help="bundled snapshot folder (default: data/snapshot/)")
    root.add_argument("--region", help="region file (default: region.toml)")
    root.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    sub = root.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build a new warehouse offline from the snapshot + data/raw, then swap")
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
    snap = sub.add_parser("snapshot", help="(developers) re-copy the bundled snapshot from shared data")
    snap.add_argument("--from", dest="source", required=True, help="folder with the published CSV files")
    return root


COMMANDS = {"build": cmd_build, "fetch": cmd_fetch, "status": cmd_status, "snapshot": cmd_snapshot}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return COMMANDS[args.command](args)
    except ValidationError as exc:
        print(f"error: {exc}\nthe previous warehouse is still current.", file=sys.stderr)
        return EXIT_INVALID
    except (RegionError, CatalogError, SnapshotError, FileNotFoundError) as exc:
        print(f"error: {exc}\nthe previous warehouse is still current.", file=sys.stderr)
        return EXIT_CONFIG
    except Exception as exc:
        from etl.pxweb import PxWebError

        if isinstance(exc, PxWebError):
            print(f"error: fetching from Statistics Finland failed: {exc}", file=sys.stderr)
            return EXIT_SOURCE
        if isinstance(exc, OSError) and exc.errno in ENVIRONMENT_ERRNOS:
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
            what = "no space left on the disk" if full else "a file of the data folder cannot be written or read"
            print(f"error: {what}: {exc}\nfree some space or fix the permissions of the data folder (--data-dir) "
                  "and run again; nothing was swapped, the previous warehouse is still current.", file=sys.stderr)  # fmt: skip
            return EXIT_CONFIG
        if isinstance(exc, OSError):
            print(f"error: {exc}\nthe previous warehouse is still current.", file=sys.stderr)
            return EXIT_CRASH
        logging.getLogger("etl").exception("unexpected error")
        print(f"error: unexpected {type(exc).__name__}: {exc}\nthe previous warehouse is still current.",
              file=sys.stderr)  # fmt: skip
        return EXIT_CRASH


if __name__ == "__main__":
    sys.exit(main())
