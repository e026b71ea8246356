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


def archive(data: bytes, original_name: str, kind: str, rows: int, raw_dir: Path) -> dict:
    """Store `data` (if not stored yet) and append a manifest line; returns that line."""
    digest = sha256(data)
    suffix = Path(original_name).suffix.lower() or ".csv"
    relative = Path(kind) / f"{digest}{suffix}"
    target = archive_dir(raw_dir) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    already = target.is_file()
    if not already:
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        os.replace(partial, target)  # a crash never leaves a half-written archive file under its final name
    entry = {"sha256": digest, "kind": kind, "file": relative.as_posix(), "original_name": original_name,
             "rows": rows, "archived_at": datetime.now(UTC).isoformat(timespec="seconds"),
             "already_archived": already}  # fmt: skip
    with (archive_dir(raw_dir) / MANIFEST).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return entry
