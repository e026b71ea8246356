"""Compare a new warehouse with the current one: nothing may silently lose whole years or many rows.

A damaged or cut input that still parses (a file reduced to its header, a projection of 197 rows instead
of 68 882) passes every rule of validate.py, because what is left is well-formed. This check catches it
by what disappears: per indicator, and per tidy table, no year the current warehouse has may vanish, and
no more than `max_row_loss` (etl/limits.toml) of the rows. An operator who shrinks data on purpose (a
smaller region, a withdrawn table) says so with `--accept-shrink REASON`; the reason and what shrank are
written into meta_load_run.
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pandas as pd

from etl import limits
from etl.validate import ValidationError

log = logging.getLogger(__name__)
SQL = (Path(__file__).with_name("sql") / "shrink_summary.sql").read_text(encoding="utf-8")
YEAR_TABLES = ("fact_population_age", "fact_projection_age", "fact_jobs_industry", "fact_commuting_flow")
COUNT_TABLES = ("fact_eu_project", "fact_eu_fact", "geo_area")
Summary = dict[str, tuple[int, set[str]]]  # series → (rows, years)


class ShrinkError(ValidationError):
    """The new warehouse lost years or rows the current one has; the current one stays current."""


def current_summary(path: Path) -> Summary | None:
    """Rows and years per series of the warehouse at `path`; None when it predates a table of the check."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(SQL).fetchall()
    except duckdb.CatalogException as exc:
        log.warning("the current warehouse %s lacks a table of the shrink check (%s); not compared", path.name, exc)
        return None
    finally:
        con.close()
    return _collect(rows)


def new_summary(tables: dict[str, pd.DataFrame]) -> Summary:
    """The same summary as shrink_summary.sql, of the frames about to be written."""
    rows: list[tuple[str, str | None, int]] = []
    facts = tables["fact_indicator"]
    if not facts.empty:
        counted = facts.groupby([facts["indicator_id"], facts["period"].astype(str).str[:4]]).size()
        rows += [(f"fact_indicator {ind}", year, n) for (ind, year), n in counted.items()]
    for name in YEAR_TABLES:
        frame = tables.get(name, pd.DataFrame())
        if not frame.empty:
            rows += [(name, str(year), n) for year, n in frame.groupby("year").size().items()]
    rows += [(name, None, len(tables.get(name, pd.DataFrame()))) for name in COUNT_TABLES]
    return _collect(rows)


def _collect(rows: list[tuple[str, str | None, int]]) -> Summary:
    out: Summary = {}
    for series, year, n in rows:
        count, years = out.get(series, (0, set()))
        out[series] = (count + int(n), years | ({year} if year is not None and n else set()))
    return out


def spans(years: set[str]) -> str:
    """{'1972', '1973', '1974', '1990'} → '1972–1974, 1990'."""
    numbers = sorted(int(y) for y in years if y.isdigit())
    parts, start = [], None
    for i, year in enumerate(numbers):
        start = year if start is None else start
        if i + 1 == len(numbers) or numbers[i + 1] != year + 1:
            parts.append(str(start) if start == year else f"{start}–{year}")
            start = None
    return ", ".join(parts)


def losses(current: Summary, new: Summary, max_loss: float) -> list[str]:
    """One sentence per series that lost a whole year or more than `max_loss` of its rows."""
    out = []
    for series, (rows, years) in sorted(current.items()):
        if rows == 0:
            continue
        new_rows, new_years = new.get(series, (0, set()))
        lost_years = years - new_years
        share = (rows - new_rows) / rows
        if not lost_years and share <= max_loss:
            continue
        what = [f"loses year(s) {spans(lost_years)}"] if lost_years else []
        if share > 0:
            what.append(f"{rows - new_rows} of its {rows} rows ({share:.0%}; at most {max_loss:.0%} may go)")
        out.append(f"{series}: {' and '.join(what)}")
    return out


def check(current_path: Path | None, tables: dict[str, pd.DataFrame], accept: str | None) -> list[str]:
    """Raise ShrinkError unless `accept` (the operator's reason) is given; returns the accepted losses."""
    if current_path is None:
        return []
    current = current_summary(current_path)
    if current is None:
        return []
    found = losses(current, new_summary(tables), limits.limits().max_row_loss)
    if found and not accept:
        raise ShrinkError(found, fix=f"compared with the current warehouse {current_path.name}: check the inputs "
                          "behind these tables, or if the loss is intended run again with --accept-shrink 'REASON'")  # fmt: skip
    return found
