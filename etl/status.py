"""`python -m etl status`: a plain-text description of the current warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl import load

SUMMARY_SQL = """
SELECT f.indicator_id, i.frequency, count(DISTINCT f.area_code) AS areas,
       min(f.period) AS first, max(f.period) AS last, count(*) AS rows,
       sum(f.is_derived::INT) AS derived, string_agg(DISTINCT f.vintage, ', ') AS vintages
FROM fact_indicator f JOIN dim_indicator i USING (indicator_id)
GROUP BY ALL ORDER BY f.indicator_id
"""


def describe(warehouse_dir: Path) -> str:
    path = load.current_path(warehouse_dir)
    if path is None:
        return f"no warehouse yet in {warehouse_dir}: run `python -m etl build`"
    con = duckdb.connect(str(path), read_only=True)
    try:
        lines = [f"current warehouse: {path}", ""]
        region = dict(con.execute("SELECT key, value FROM meta_region").fetchall())
        lines.append(f"region: {region.get('brand')} — focus {region.get('focus_municipalities')}, "
                     f"sub-region {region.get('subregion')}, region {region.get('region')}")  # fmt: skip
        tables = con.execute("SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY table_name").fetchall()
        lines.append("tables: " + ", ".join(f"{name} ({size})" for name, size in tables))
        lines += ["", f"{'indicator':<40}{'freq':<7}{'areas':>6}  {'first':<8}{'last':<8}{'rows':>7}"
                  f"{'derived':>8}  vintage"]  # fmt: skip
        for ind, freq, areas, first, last, rows, derived, vintages in con.execute(SUMMARY_SQL).fetchall():
            lines.append(f"{ind:<40}{freq:<7}{areas:>6}  {first:<8}{last:<8}{rows:>7}{derived:>8}  {vintages}")
        lines += ["", "sources:"]
        for row in con.execute(
            "SELECT origin, source_table, vintage, coverage, rows_loaded FROM meta_source ORDER BY origin, source_id"
        ).fetchall():
            lines.append("  {:<9}{:<26}vintage {:<9}{:<28}{:>7} rows".format(*row))
        lines += ["", "last runs:"]
        for run_id, status, finished, rows, message in con.execute(
            "SELECT run_id, status, finished_at, rows, message FROM meta_load_run ORDER BY run_id DESC LIMIT 5"
        ).fetchall():
            lines.append(f"  {run_id}  {status:<7}{finished}  rows={rows}  {message or ''}"[:160])
        return "\n".join(lines)
    finally:
        con.close()
