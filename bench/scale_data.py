"""The two warehouses of the scale benchmark: the real national one and a focus-region one cut from it.

Since the 2023–2026 snapshot the bundled statistics cover all 308 municipalities where Statistics Finland
publishes them nationally (population 1972–2025, 12r5 unemployment, the 2026 exports); the older files
(commuting 115n/115p, key figures, the 2019 projection, 11a2 migration, Paavo) still cover only
Keski-Suomi. The scale benchmark therefore no longer copies any municipality's series onto other codes:

- national: the warehouse `python -m etl build` makes from data/snapshot as shipped — real national series
  where they exist, the region's files where they do not;
- focus region: a copy of a built warehouse with every row of areas outside the configured region removed
  (other regions' municipalities, sub-regions and regions), what the warehouse held before the national
  files: the same pages draw the same figures from fewer rows.

Both live only in the benchmark's temporary directory; data/ and the shipped snapshot are only read.
"""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT = REPO / "data" / "snapshot"
# Tables keyed by one area code; commuting flows have two (kept when either end is in the region).
AREA_TABLES = ("fact_indicator", "fact_population_age", "fact_projection_age", "fact_jobs_industry", "geo_area",
               "dim_employment_area", "fact_aid_area")  # fmt: skip


@dataclass(frozen=True)
class RegionCut:
    data_dir: Path
    kept_areas: int  # areas of the region (its municipalities, sub-regions, the region) + the country
    removed_rows: int


def _current(data_dir: Path) -> Path:
    return data_dir / "warehouse" / (data_dir / "warehouse" / "CURRENT").read_text(encoding="utf-8").strip()


def cut_to_region(source_data_dir: Path, target_data_dir: Path) -> RegionCut:
    """Copy the current warehouse of `source_data_dir` into `target_data_dir` without the rows of areas
    outside its configured region."""
    if target_data_dir.resolve().is_relative_to(REPO / "data"):
        raise ValueError(f"refusing to write a benchmark warehouse under data/: {target_data_dir}")
    source = _current(source_data_dir)
    (target_data_dir / "warehouse").mkdir(parents=True, exist_ok=True)
    target = target_data_dir / "warehouse" / source.name
    shutil.copyfile(source, target)
    with duckdb.connect(str(target)) as con:
        region, country = (con.execute("SELECT value FROM meta_region WHERE key = ?", [k]).fetchone()[0]
                           for k in ("region", "country"))  # fmt: skip
        con.execute(
            "CREATE TEMP TABLE keep AS SELECT area_code FROM dim_area WHERE area_code IN (?, ?) "
            "OR parent_code = ? OR parent_code IN (SELECT area_code FROM dim_area WHERE parent_code = ?)",
            [region, country, region, region],
        )
        removed = 0
        for name in AREA_TABLES:
            removed += con.execute(
                f"DELETE FROM {name} WHERE area_code NOT IN (SELECT area_code FROM keep)"
            ).fetchone()[0]
        removed += con.execute("DELETE FROM fact_commuting_flow WHERE home_area_code NOT IN (SELECT area_code FROM keep) "
                               "AND work_area_code NOT IN (SELECT area_code FROM keep)").fetchone()[0]  # fmt: skip
        kept = con.execute("SELECT count(*) FROM keep").fetchone()[0]
        con.execute("CHECKPOINT")
    (target_data_dir / "warehouse" / "CURRENT").write_text(source.name, encoding="utf-8")
    return RegionCut(target_data_dir, kept, removed)


def write_region(path: Path, municipalities: tuple[str, ...], *, focus_all: bool) -> Path:
    """A region file for the national warehouse: the shipped region.toml, or the same with every
    municipality as a focus municipality (`focus_all`: the pages then draw all 308)."""
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


def municipalities(data_dir: Path) -> tuple[str, ...]:
    """Every municipality of the classification in a built warehouse, three-digit codes."""
    with duckdb.connect(str(_current(data_dir)), read_only=True) as con:
        rows = con.execute("SELECT area_code FROM dim_area WHERE level = 'municipality' ORDER BY 1").fetchall()
    return tuple(code.removeprefix("KU") for (code,) in rows)
