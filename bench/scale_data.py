"""A snapshot for all 308 municipalities of 2026, written ONLY into a benchmark's temporary directory.

The bundled snapshot's statistics files are trimmed to Keski-Suomi (+ Kuhmoinen and the whole country,
see data/snapshot/PROVENANCE.upstream.md, "KEEP set"); only the classification, the boundaries and the
locality points cover every municipality. For the scale benchmark each statistics file is copied with
every real row unchanged, and every municipality the file lacks gets a copy of the rows of one real
municipality of that file (its "donor", chosen round-robin in code order), under its own code and name.
The numbers are therefore real series attached to other codes: good for measuring how the ETL and the
pages cope with 308 municipalities' worth of rows, meaningless as statistics. They never leave the
temporary directory the caller passes in; data/ and the shipped snapshot are only read.
"""

from __future__ import annotations

import gzip
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl import integrity

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT = REPO / "data" / "snapshot"
CLASSIFICATION_ID = "classification_2026"
# Statistics files with one row set per municipality (sources.toml ids); everything else is copied as is.
REPLICATED = ("population_11re", "population_sotkanet_127", "population_age_11re", "projection_128v",
              "migration_11a2", "commuting_out_115n", "commuting_in_115p", "unemployment_12r5", "key_figures",
              "paavo_2020")  # fmt: skip
MUNICIPALITY = r"(KU)?\d{3}"  # '077' in most files, 'KU077' in 12r5; SSS/SKnnn/MKnn rows are left alone


@dataclass(frozen=True)
class ScaleSnapshot:
    path: Path
    municipalities: tuple[str, ...]  # every 2026 municipality, three-digit codes
    replicated_rows: int  # rows added by copying donors' series (0 in the real files)
    real_rows: int


def _sources(snapshot: Path) -> dict[str, dict]:
    with (snapshot / "sources.toml").open("rb") as fh:
        return {entry["id"]: entry for entry in tomllib.load(fh)["source"]}


def _write_gz(frame: pd.DataFrame, path: Path) -> None:
    # mtime=0: the same input gives the same bytes, like `python -m etl snapshot` writes them.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(frame.to_csv(index=False).encode("utf-8"))


def _replicate(frame: pd.DataFrame, names: dict[str, str]) -> tuple[pd.DataFrame, int]:
    """`frame` plus donor copies for every code in `names` the file has no rows for."""
    codes = frame["area_code"]
    is_muni = codes.str.fullmatch(MUNICIPALITY)
    prefix = "KU" if codes[is_muni].str.startswith("KU").any() else ""
    present = set(codes[is_muni].str.removeprefix("KU"))
    donors = sorted(present & set(names))  # real municipalities of 2026 in this file
    missing = sorted(set(names) - present)
    by_donor = {donor: frame[codes == prefix + donor] for donor in donors}
    copies = []
    for index, code in enumerate(missing):
        donor = donors[index % len(donors)]
        copy = by_donor[donor].copy()
        copy["area_code"] = prefix + code
        for column in ("area_name", "Area"):  # names as the file writes them; the ETL takes names from the key
            if column in copy:
                copy[column] = names[code]
        if "area_group" in copy:
            copy["area_group"] = f"bench_replica_of_{donor}"
        copies.append(copy)
    added = sum(len(c) for c in copies)
    return pd.concat([frame, *copies], ignore_index=True), added


def build_scale_snapshot(target: Path, source: Path = SNAPSHOT) -> ScaleSnapshot:
    """Copy `source` to `target` (a temporary directory) with the statistics files widened to 308."""
    if target.resolve().is_relative_to(REPO / "data"):
        raise ValueError(f"refusing to write replicated series under data/: {target}")
    shutil.copytree(source, target)
    sources = _sources(source)
    key = pd.read_csv(source / sources[CLASSIFICATION_ID]["file"], dtype=str)
    names = dict(zip(key["municipality_code_3"].str.zfill(3), key["municipality_name_fi"]))
    real = added = 0
    for source_id in REPLICATED:
        path = target / sources[source_id]["file"]
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)  # strings: real rows are written back as read
        widened, extra = _replicate(frame, names)
        _write_gz(widened, path)
        real, added = real + len(frame), added + extra
    # The widened files are changed on purpose: record them, as `python -m etl snapshot` would, or the
    # build's integrity check refuses them (data/snapshot/sources.lock.toml stays the shipped one).
    integrity.write_lock(target, [entry["file"] for entry in sources.values()])
    return ScaleSnapshot(target, tuple(sorted(names)), added, real)


def write_region(path: Path, municipalities: tuple[str, ...], *, focus_all: bool) -> Path:
    """A region file for the scale warehouse: the shipped region.toml, or the same with every municipality
    as a focus municipality (`focus_all`: the pages then draw all 308)."""
    text = (REPO / "region.toml").read_text(encoding="utf-8")
    if focus_all:
        with (REPO / "region.toml").open("rb") as fh:
            conf = tomllib.load(fh)["region"]
        old = "focus_municipalities = [" + ", ".join(f'"{c}"' for c in conf["focus_municipalities"]) + "]"
        if old not in text:
            raise ValueError("region.toml's focus_municipalities line has an unexpected format")
        text = text.replace(old, "focus_municipalities = [" + ", ".join(f'"{c}"' for c in municipalities) + "]")
    path.write_text(text, encoding="utf-8")
    return path
