"""The archive of uploaded EU project files: `data/raw/eu_funds/<kind>/<sha256>.<ext>` + `manifest.jsonl`.

Files are stored byte for byte, once per content (named by their sha256). Every import appends one
manifest line (also when the same file is imported again), so the manifest's order is the order of
imports: the build loads the files in that order and a later import of a project code replaces an earlier
one. Only files that passed validation are ever archived (etl/sources/eu_cli.py checks first).
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

SUBDIR = "eu_funds"
MANIFEST = "manifest.jsonl"


def archive_dir(raw_dir: Path) -> Path:
    return raw_dir / SUBDIR


def read_manifest(raw_dir: Path) -> list[dict]:
    path = archive_dir(raw_dir) / MANIFEST
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry(data: bytes, original_name: str, kind: str, rows: int, via: str | None = None) -> dict:
    """The manifest line an import of `data` gets (nothing is written)."""
    digest = sha256(data)
    suffix = Path(original_name).suffix.lower() or ".csv"
    line = {"sha256": digest, "kind": kind, "file": (Path(kind) / f"{digest}{suffix}").as_posix(),
            "original_name": original_name, "rows": rows,
            "archived_at": datetime.now(UTC).isoformat(timespec="seconds")}  # fmt: skip
    return line | ({"via": via} if via else {})


def archive(data: bytes, original_name: str, kind: str, rows: int, raw_dir: Path, via: str | None = None,
            line: dict | None = None) -> dict:  # fmt: skip
    """Store `data` (if not stored yet) and append its manifest line (`line`, or a new one); returns it.

    `via="inbox"` marks files the build took from the inbox: it loads their template rows too, which for
    an upload are the app's (the editor page stores them in the app's own store)."""
    line = dict(line or entry(data, original_name, kind, rows, via))
    target = archive_dir(raw_dir) / line["file"]
    target.parent.mkdir(parents=True, exist_ok=True)
    already = target.is_file()
    if not already:
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        os.replace(partial, target)  # a crash never leaves a half-written archive file under its final name
    line["already_archived"] = already
    with (archive_dir(raw_dir) / MANIFEST).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return line
