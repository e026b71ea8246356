"""The snapshot's integrity manifest, `data/snapshot/sources.lock.toml`: sha256, rows and coverage per file.

`python -m etl snapshot` writes it when the snapshot is changed on purpose; every `python -m etl build`
checks each file named in sources.toml against it before reading anything, and refuses (exit 1) a file
that is missing, unrecorded or different — a file cut to its header or to 200 rows builds nothing. Equal
sha256 means equal content; rows and coverage are recorded so a refusal can say *what* differs (rows,
areas, first or last period) instead of two hashes only. The lock is a file of its own beside
sources.toml so that the hand-written source descriptions and the machine-written facts never mix.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from etl import limits
from etl.validate import ValidationError

LOCK_NAME = "sources.lock.toml"
AREA_COLUMNS = ("area_code", "municipality_code_3", "municipality_code", "municipality_codes", "area_codes")
PERIOD_COLUMNS = ("month", "year", "period")
FIX = ("restore the file (`git checkout -- data/snapshot`) or, if it was changed on purpose, "
       "run `python -m etl snapshot` to record it")  # fmt: skip


class IntegrityError(ValidationError):
    """A snapshot file differs from its record in sources.lock.toml; nothing was read or swapped."""

    fix = FIX


@dataclass(frozen=True)
class Record:
    """What the lock says about one file."""

    sha256: str
    rows: int
    areas: int
    first: str
    last: str


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe(path: Path) -> Record:
    """sha256, data rows, distinct areas and first/last period of one snapshot file (.csv.gz or .geojson.gz).

    Unpacked within etl/limits.toml, so describing a damaged or hostile file cannot exhaust memory."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    text = limits.gunzip(raw, path.name).decode("utf-8-sig") if path.name.endswith(".gz") else raw.decode("utf-8")
    if ".geojson" in path.name:
        features = json.loads(text)["features"]
        codes = {str(f.get("properties", {}).get("NATCODE")) for f in features}
        return Record(digest, len(features), len(codes), "", "")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    area = next((header.index(c) for c in AREA_COLUMNS if c in header), None)
    period = next((header.index(c) for c in PERIOD_COLUMNS if c in header), None)
    rows, areas, periods = 0, set(), set()
    for cells in reader:
        rows += 1
        if area is not None and area < len(cells) and cells[area]:
            areas.add(cells[area])
        if period is not None and period < len(cells) and cells[period]:
            periods.add(cells[period])
    return Record(digest, rows, len(areas), min(periods, default=""), max(periods, default=""))


def read_lock(snapshot_dir: Path) -> dict[str, Record]:
    path = snapshot_dir / LOCK_NAME
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        files = tomllib.load(fh).get("file", {})
    return {name: Record(**entry) for name, entry in files.items()}


def write_lock(snapshot_dir: Path, files: list[str]) -> Path:
    """Record every file of `files` (paths relative to `snapshot_dir`) as it is now; returns the lock path."""
    lines = ["# Integrity manifest of the bundled snapshot, written by `python -m etl snapshot` (do not edit).",
             "# `python -m etl build` refuses a file whose sha256 differs; rows, areas and the first and last",
             "# period are recorded so that a refusal says what differs.", ""]  # fmt: skip
    for name in sorted(files):
        lines.append(f"[file.{json.dumps(name)}]")  # a JSON string is a valid TOML basic string here
        for key, value in asdict(describe(snapshot_dir / name)).items():
            lines.append(f"{key} = {json.dumps(value)}")
        lines.append("")
    path = snapshot_dir / LOCK_NAME
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    tmp.replace(path)  # never a half-written lock
    return path


def _differences(recorded: Record, found: Record) -> list[str]:
    out = [f"sha256 {found.sha256[:12]}… ≠ recorded {recorded.sha256[:12]}…"]
    for key, label in (("rows", "rows"), ("areas", "areas"), ("first", "first period"), ("last", "last period")):
        was, now = getattr(recorded, key), getattr(found, key)
        if was != now:
            out.append(f"{label} {now if now != '' else 'none'} ≠ recorded {was if was != '' else 'none'}")
    return out


def problems(snapshot_dir: Path, files: list[str]) -> list[str]:
    """One sentence per file of `files` that is missing, unrecorded or differs from the lock."""
    lock = read_lock(snapshot_dir)
    where = f"{snapshot_dir.name}/{LOCK_NAME}"
    if not lock:
        return [f"{where} is missing: run `python -m etl snapshot` to record the snapshot's files"]
    out = []
    for name in files:
        path = snapshot_dir / name
        if not path.is_file():
            out.append(f"{name}: snapshot file missing")
            continue
        recorded = lock.get(name)
        if recorded is None:
            out.append(f"{name}: not recorded in {where}; if it was added on purpose, run `python -m etl snapshot`")
            continue
        if sha256(path) == recorded.sha256:
            continue
        try:
            found = describe(path)
        except (limits.TooLarge, ValueError, UnicodeDecodeError, OSError, KeyError) as exc:
            out.append(f"{name}: differs from {where} and cannot be read ({exc})")
            continue
        out.append(f"{name}: differs from {where}: {'; '.join(_differences(recorded, found))}")
    for name in sorted(set(lock) - set(files)):
        out.append(f"{name}: recorded in {where} but not in sources.toml; run `python -m etl snapshot`")
    return out


def check(snapshot_dir: Path, files: list[str]) -> None:
    """Raise IntegrityError naming every file that does not match the lock."""
    found = problems(snapshot_dir, files)
    if found:
        raise IntegrityError(found)
