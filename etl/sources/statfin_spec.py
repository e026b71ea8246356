"""The StatFin table catalogue, ``etl/statfin_tables.toml``: which tables, which contents, which targets.

Loaded into frozen dataclasses and validated on load (unknown keys, targets that do not match the sections,
``where``/``breakdown`` names that are not declared, regexes that do not compile), so a typo in the
catalogue fails the build instead of silently producing no rows. Variable roles are found by
``statfin_vars``; nothing here names a PxWeb variable code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_SPEC_PATH", "TARGETS", "MeasureSpec", "StatFinError", "TableSpec", "load_specs", "load_tol2008"]

DEFAULT_SPEC_PATH = Path(__file__).resolve().parents[1] / "statfin_tables.toml"
TARGETS = (
    "fact_indicator",
    "fact_population_age",
    "fact_projection_age",
    "fact_jobs_industry",
    "fact_commuting_flow",
)
# TOML section name → warehouse target of the non-indicator measures.
SECTIONS = {
    "population_age": "fact_population_age",
    "projection_age": "fact_projection_age",
    "jobs_industry": "fact_jobs_industry",
    "commuting_flow": "fact_commuting_flow",
}


class StatFinError(ValueError):
    """A table's metadata, response or catalogue entry does not fit what the ETL expects."""


# --------------------------------------------------------------------------- catalogue
@dataclass(frozen=True)
class MeasureSpec:
    """One thing to extract from a table: an indicator, or the measure of a tidy target table."""

    id: str
    target: str
    codes: tuple[str, ...] = ()
    label: str | None = None
    single: bool = False
    where: dict[str, str] = field(default_factory=dict)
    breakdown: str | None = None
    projection: str | None = None


@dataclass(frozen=True)
class TableSpec:
    table_id: str
    title: str
    statistic_fi: str
    targets: tuple[str, ...]
    priority: int = 0
    area: str = "area"  # which area is the indicator's area in a flow table: residence | workplace
    breakdowns: dict[str, str] = field(default_factory=dict)
    measures: tuple[MeasureSpec, ...] = ()
    preliminary: bool = False  # the table publishes preliminary figures (e.g. 11lj)


_MEASURE_KEYS = {"id", "codes", "label", "single", "where", "breakdown", "projection"}
_TABLE_KEYS = {"title", "statistic_fi", "targets", "priority", "area", "breakdowns", "indicators", "preliminary",
               *SECTIONS}  # fmt: skip


def _measure(table_id: str, target: str, raw: dict, breakdowns: dict[str, str]) -> MeasureSpec:
    unknown = set(raw) - _MEASURE_KEYS
    if unknown:
        raise StatFinError(f"{table_id}: unknown keys {sorted(unknown)} in a {target} entry")
    spec = MeasureSpec(
        id=raw.get("id", target),
        target=target,
        codes=tuple(raw.get("codes", ())),
        label=raw.get("label"),
        single=bool(raw.get("single", False)),
        where=dict(raw.get("where", {})),
        breakdown=raw.get("breakdown"),
        projection=raw.get("projection"),
    )
    if not (spec.codes or spec.label or spec.single):
        raise StatFinError(f"{table_id}/{spec.id}: give codes, label or single = true")
    for name in [*spec.where, *([spec.breakdown] if spec.breakdown else [])]:
        if name not in breakdowns:
            raise StatFinError(f"{table_id}/{spec.id}: breakdown {name!r} is not declared in breakdowns")
    for pattern in [spec.label, *(v for v in spec.where.values() if v != "total")]:
        if pattern:
            re.compile(pattern)  # fail on load, not in the middle of a fetch
    return spec


def load_specs(path: Path | str = DEFAULT_SPEC_PATH) -> dict[str, TableSpec]:
    """Read and validate the table catalogue; keys are short table ids such as '11re'."""
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    specs: dict[str, TableSpec] = {}
    for table_id, entry in raw.get("tables", {}).items():
        unknown = set(entry) - _TABLE_KEYS
        if unknown:
            raise StatFinError(f"{table_id}: unknown keys {sorted(unknown)}")
        breakdowns = dict(entry.get("breakdowns", {}))
        measures = [_measure(table_id, "fact_indicator", m, breakdowns) for m in entry.get("indicators", [])]
        measures += [_measure(table_id, SECTIONS[s], entry[s], breakdowns) for s in SECTIONS if s in entry]
        targets = tuple(entry.get("targets", ()))
        declared = {m.target for m in measures}
        if set(targets) - set(TARGETS) or not declared <= set(targets):
            raise StatFinError(f"{table_id}: targets {targets} do not match its sections {sorted(declared)}")
        area = entry.get("area", "area")
        if area not in ("area", "residence", "workplace"):
            raise StatFinError(f"{table_id}: area must be area, residence or workplace, not {area!r}")
        specs[table_id] = TableSpec(
            table_id=table_id,
            title=entry.get("title", table_id),
            statistic_fi=entry.get("statistic_fi", ""),
            targets=targets,
            priority=int(entry.get("priority", 0)),
            area=area,
            breakdowns=breakdowns,
            measures=tuple(measures),
            preliminary=bool(entry.get("preliminary", False)),
        )
    return specs


def load_tol2008(path: Path | str = DEFAULT_SPEC_PATH) -> dict[str, tuple[str, str]]:
    """TOL 2008 section letter → (Finnish name, English name)."""
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    return {letter: (names[0], names[1]) for letter, names in raw.get("tol2008", {}).items()}
