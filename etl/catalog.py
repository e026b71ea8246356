"""The indicator catalogue (`etl/catalog.toml`): load it, check it, turn it into `dim_indicator` rows."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd

CATALOG_PATH = Path(__file__).with_name("catalog.toml")

REQUIRED = (
    "label_fi", "label_sv", "label_en", "unit", "decimals", "frequency", "description_fi", "description_sv",
    "description_en", "source_table", "source_name", "source_name_sv", "source_name_en", "publisher", "licence",
    "additive",
)  # fmt: skip
UNITS = {"persons", "percent", "ratio", "eur_per_resident", "eur", "years"}
SPEARHEADS = {"ennakointi", "yrittajyys", "edellakavijyys"}
COLUMNS = (
    "indicator_id", "label_fi", "label_sv", "label_en", "unit", "decimals", "frequency",
    "description_fi", "description_sv", "description_en", "source_table", "source_name", "publisher", "licence",
    "higher_is_better", "spearhead", "additive", "derivation", "release_rhythm", "source_name_sv", "source_name_en",
    "signed",
)  # fmt: skip


class CatalogError(ValueError):
    """The catalogue file is incomplete or inconsistent."""


def load_catalog(path: Path = CATALOG_PATH) -> dict[str, dict]:
    """Read the catalogue and return {indicator_id: entry}; raises CatalogError on any gap."""
    with path.open("rb") as fh:
        entries = tomllib.load(fh).get("indicator", {})
    problems = [p for ind_id, entry in entries.items() for p in check_entry(ind_id, entry)]
    if problems:
        raise CatalogError(f"{path.name}: " + "; ".join(problems))
    return entries


def check_entry(indicator_id: str, entry: dict) -> list[str]:
    """Every problem with one catalogue entry, as readable sentences (empty list = fine)."""
    problems = [f"{indicator_id} lacks {key}" for key in REQUIRED if entry.get(key) in (None, "")]
    if entry.get("unit") and entry["unit"] not in UNITS:
        problems.append(f"{indicator_id} has unknown unit {entry['unit']!r}")
    if entry.get("spearhead") and entry["spearhead"] not in SPEARHEADS:
        problems.append(f"{indicator_id} has unknown spearhead {entry['spearhead']!r}")
    if entry.get("frequency") not in (None, "year", "month"):
        problems.append(f"{indicator_id} has unknown frequency {entry['frequency']!r}")
    return problems


def derived_ids(catalog: dict[str, dict]) -> set[str]:
    """Indicators that our code computes from others (their rows are always is_derived)."""
    return {ind_id for ind_id, entry in catalog.items() if entry.get("derivation")}


def additive_ids(catalog: dict[str, dict]) -> set[str]:
    """Count indicators that may be summed over member municipalities."""
    return {ind_id for ind_id, entry in catalog.items() if entry["additive"]}


def to_frame(catalog: dict[str, dict], releases: dict[str, dict] | None = None) -> pd.DataFrame:
    """dim_indicator rows in schema column order; release_rhythm from the first source table with a rule."""
    releases = releases or {}

    def rhythm(entry: dict) -> str | None:
        tables = [t.strip() for t in str(entry["source_table"]).split(",")]
        return next((releases[t]["rhythm"] for t in tables if t in releases), None)

    rows = [
        {"indicator_id": ind_id, **entry, "release_rhythm": rhythm(entry)} for ind_id, entry in sorted(catalog.items())
    ]
    frame = pd.DataFrame(rows)
    for column in COLUMNS:
        if column not in frame:
            frame[column] = None
    return frame[list(COLUMNS)].astype(object).where(frame[list(COLUMNS)].notna(), None)
