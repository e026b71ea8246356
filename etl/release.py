"""Release rhythm of source tables (``[release.*]`` in etl/catalog.toml) and when a next period is due.

Pure date arithmetic on the newest period loaded, so the warehouse says *when* the next release is due
and the read side compares that with its own clock to say "overdue". Typical dates, not promises.
"""

from __future__ import annotations

import calendar
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from etl.catalog import CATALOG_PATH, CatalogError

__all__ = ["RELEASE_COLUMNS", "load_releases", "next_due", "next_period", "releases_frame"]

RELEASE_COLUMNS = ["source_table", "statistic_fi", "release_rhythm", "release_month", "release_day",
                   "release_year_offset", "release_lag_days", "preliminary", "rule_fi", "rule_sv", "rule_en"]  # fmt: skip
_KEYS = {"statistic_fi", "rhythm", "month", "day", "year_offset", "lag_days", "preliminary", "rule_fi", "rule_sv",
         "rule_en"}  # fmt: skip


def load_releases(path: Path = CATALOG_PATH) -> dict[str, dict]:
    """{source_table: rule}; CatalogError on unknown keys or an incomplete rule."""
    with path.open("rb") as fh:
        raw = tomllib.load(fh).get("release", {})
    problems = []
    for table, rule in raw.items():
        unknown = set(rule) - _KEYS
        if unknown:
            problems.append(f"release.{table} has unknown keys {sorted(unknown)}")
        if rule.get("rhythm") == "yearly" and not all(isinstance(rule.get(k), int) for k in ("month", "day")):
            problems.append(f"release.{table}: a yearly rule needs month and day")
        elif rule.get("rhythm") == "monthly" and not isinstance(rule.get("lag_days"), int):
            problems.append(f"release.{table}: a monthly rule needs lag_days")
        elif rule.get("rhythm") not in ("yearly", "monthly"):
            problems.append(f"release.{table}: rhythm must be yearly or monthly")
        problems += [f"release.{table} lacks {k}" for k in ("statistic_fi", "rule_fi", "rule_sv", "rule_en")
                     if not rule.get(k)]  # fmt: skip
    if problems:
        raise CatalogError(f"{path.name}: " + "; ".join(problems))
    return raw


def next_period(newest: str, rhythm: str) -> str:
    """The period after ``newest``: '2025' → '2026'; '2026-06' → '2026-07' (monthly) or '2024' when a yearly
    table with monthly periods ('2023-12') releases the next year's months at once."""
    year = int(newest[:4])
    if len(newest) == 4 or rhythm == "yearly":
        return str(year + 1)
    month = int(newest[5:7])
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def next_due(newest: str, rule: dict) -> date:
    """When the period after ``newest`` is due by ``rule``."""
    period = next_period(newest, rule["rhythm"])
    if rule["rhythm"] == "yearly":
        year = int(period[:4]) + int(rule.get("year_offset", 1))
        month = int(rule["month"])
        return date(year, month, min(int(rule["day"]), calendar.monthrange(year, month)[1]))
    year, month = int(period[:4]), int(period[5:7]) if len(period) > 4 else 12  # an annual figure: December
    end = date(year, month, calendar.monthrange(year, month)[1])
    return end + timedelta(days=int(rule["lag_days"]))


def releases_frame(releases: dict[str, dict]) -> pd.DataFrame:
    """meta_release rows."""
    rows = [{"source_table": table, "statistic_fi": r["statistic_fi"], "release_rhythm": r["rhythm"],
             "release_month": r.get("month"), "release_day": r.get("day"), "release_year_offset": r.get("year_offset"),
             "release_lag_days": r.get("lag_days"), "preliminary": bool(r.get("preliminary", False)),
             "rule_fi": r["rule_fi"], "rule_sv": r["rule_sv"], "rule_en": r["rule_en"]}
            for table, r in sorted(releases.items())]  # fmt: skip
    frame = pd.DataFrame(rows, columns=RELEASE_COLUMNS)
    return frame.astype({c: "Int64" for c in ("release_month", "release_day", "release_year_offset",
                                              "release_lag_days")})  # fmt: skip
