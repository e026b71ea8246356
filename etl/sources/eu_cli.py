"""Command line for EU project files — the contract between the app and the ETL for uploads.

    python -m etl.sources.eu_cli validate FILE [--name ORIGINAL]   # JSON report, writes nothing
    python -m etl.sources.eu_cli archive FILE [--name ORIGINAL]    # validate, then archive under data/raw
    python -m etl.sources.eu_cli template                          # the coordinator's CSV template
    python -m etl.sources.eu_cli snapshot --from DIR               # (developers) re-copy the shipped files

The app runs these as subprocesses (dashboard/ never imports etl/), so the upload it shows as valid is
validated by exactly the parser the build loads it with. `archive` re-validates and refuses a file with
any bad row: nothing is archived, and nothing reaches the warehouse until `python -m etl build`.
Exit codes: 0 valid/archived · 1 bad rows (listed) · 2 unreadable file or unknown format.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

from etl import region as region_mod
from etl.build import REPO, Paths
from etl.sources import eu_archive, eu_parse, snapshot

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
SHOWN_CODES = 20


def lookup(paths: Paths) -> dict[str, str]:
    """Municipality names and codes of the 2026 classification (no warehouse needed)."""
    sources = snapshot.load_sources(paths.snapshot_dir)
    region = region_mod.load_region(paths.region_file)
    dim_area = region_mod.build_dim_area(snapshot.read_classification(paths.snapshot_dir, sources), region)
    return eu_parse.municipality_lookup(dim_area)


def report(result: eu_parse.ParseResult, name: str) -> dict:
    """What the app shows: kind, counts, every bad row; the parsed rows of a template (the app stores them)."""
    out = {
        "ok": result.ok, "file": name, "kind": result.kind, "label": result.label, "register": result.register,
        "rows": len(result.rows), "error_count": len(result.errors),
        "errors": [e.as_dict() for e in result.errors],
        "codes": [r["project_code"] for r in result.rows[:SHOWN_CODES]],
    }  # fmt: skip
    if not result.register and result.ok:
        out["records"] = [_jsonable(r) for r in result.rows]
    return out


def _jsonable(record: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}


def _emit(payload: dict) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def cmd_validate(args: argparse.Namespace, paths: Paths) -> int:
    path = Path(args.file)
    name = args.name or path.name
    try:
        result = eu_parse.parse(Path(name), lookup(paths), data=path.read_bytes())
    except (eu_parse.FormatError, OSError) as exc:
        _emit({"ok": False, "file": name, "message": str(exc), "errors": [], "error_count": 0})
        return EXIT_UNREADABLE
    _emit(report(result, name))
    return EXIT_OK if result.ok else EXIT_INVALID


def cmd_archive(args: argparse.Namespace, paths: Paths) -> int:
    path = Path(args.file)
    name = args.name or path.name
    data = path.read_bytes()
    try:
        result = eu_parse.parse(Path(name), lookup(paths), data=data)
    except eu_parse.FormatError as exc:
        _emit({"ok": False, "file": name, "message": str(exc), "errors": [], "error_count": 0})
        return EXIT_UNREADABLE
    payload = report(result, name)
    if result.ok:  # a file with any bad row is never archived
        payload["archived"] = eu_archive.archive(data, name, result.kind, len(result.rows), paths.raw_dir)
    _emit(payload)
    return EXIT_OK if result.ok else EXIT_INVALID


def template_csv() -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(eu_parse.formats()["template"]["columns"])
    return buffer.getvalue()


def cmd_template(args: argparse.Namespace, paths: Paths) -> int:
    sys.stdout.write(template_csv())
    return EXIT_OK


def cmd_snapshot(args: argparse.Namespace, paths: Paths) -> int:
    from etl.sources.eu_snapshot import import_eu_snapshot

    written = import_eu_snapshot(Path(args.source), paths.snapshot_dir)
    print(f"copied {len(written)} file(s) into {paths.snapshot_dir}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl.sources.eu_cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--data-dir", help="folder holding raw/ (default: $TILANNEKUVA_DATA_DIR or data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in ("validate", "archive"):
        one = sub.add_parser(command)
        one.add_argument("file")
        one.add_argument("--name", help="the file's original name (uploads are saved under a temporary name)")
    sub.add_parser("template")
    snap = sub.add_parser("snapshot")
    snap.add_argument("--from", dest="source", required=True)
    args = parser.parse_args(argv)
    default = Paths.default()
    paths = Paths(Path(args.data_dir) if args.data_dir else default.data_dir, REPO / "data" / "snapshot",
                  default.region_file)  # fmt: skip
    commands = {"validate": cmd_validate, "archive": cmd_archive, "template": cmd_template, "snapshot": cmd_snapshot}
    return commands[args.command](args, paths)


if __name__ == "__main__":
    sys.exit(main())
