"""The hand-compiled EU material of the snapshot: 25 projects from public web pages, the stated facts
(allocations, special position, Leader), regional aid areas and investment-aid ceilings.

Rows are copied as published: a number only where the page gives an exact figure, otherwise the
verbatim statement ("as stated") and empty numeric columns. Nothing is inferred here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from etl.sources import eu_parse
from etl.sources.snapshot import SnapshotError, Source

_YEAR = re.compile(r"\d{4}")


def read(snapshot_dir: Path, source: Source) -> pd.DataFrame:
    path = snapshot_dir / source.file
    if not path.is_file():
        raise SnapshotError(f"snapshot file missing: {path}")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _amount(value: str, where: str) -> float | None:
    try:
        return eu_parse.parse_amount(value)
    except ValueError:
        raise SnapshotError(f"{where}: amount {value!r} is not a number") from None


def _date_and_year(text: str) -> tuple[object, int | None]:
    """A date only when the page gives one exactly; a year only when the text is just a year."""
    try:
        date = eu_parse.parse_date(text)
    except ValueError:
        date = None
    if date is not None:
        return date, date.year
    return None, int(text) if _YEAR.fullmatch(text.strip()) else None


def curated_projects(snapshot_dir: Path, source: Source, rules: list[list[str]]) -> tuple[list[dict], list[dict]]:
    """(project records, area rows) of the web-page list; areas keep the page's qualifier as basis."""
    frame = read(snapshot_dir, source)
    projects, areas = [], []
    for row in frame.to_dict("records"):
        project_id = f"web-{int(row['row_id']):02d}"
        where = f"{source.file} row {row['row_id']}"
        start, start_year = _date_and_year(row["start_date"])
        end, end_year = _date_and_year(row["end_date"])
        as_stated = " – ".join(t for t in (row["start_date"], row["end_date"]) if t)
        projects.append({
            "project_id": project_id, "project_code": row["project_code"] or None, "register": "curated_web",
            "source_id": source.id, "source_line": int(row["row_id"]) + 1,
            "programme_period": eu_parse.normalise_period(row["programme_period"]),
            "period_as_stated": row["programme_period"] or None, "fund": row["fund"] or None,
            "fund_group": eu_parse.fund_group(row["fund"], rules), "name": row["project_name"],
            "programme_section": row["programme_or_instrument"] or None, "priority_axis": None,
            "authority": row["funder_authority"] or None, "status": row["status"] or None,
            "start_date": start, "end_date": end, "start_year": start_year, "end_year": end_year,
            "dates_as_stated": as_stated or None, "implementer": row["implementer"] or None, "business_id": None,
            "partners": row["partners"] or None,
            "granted_eu_state": _amount(row["eu_and_state_funding_granted_eur"], where),
            "realised_eu_state": None, "planned_public_total": None, "realised_public_total": None,
            "total_budget": _amount(row["total_budget_eur"], where),
            "eu_contribution": _amount(row["eu_contribution_eur"], where),
            "municipal_funding": _amount(row["municipal_funding_eur"], where),
            "funding_as_stated": row["funding_as_stated"] or None, "summary": row["summary_as_stated"] or None,
            "location_as_stated": row["municipalities"] or None, "match_hint": None,
            "source_url": row["source_url"] or None, "source_url_2": row["source_url_2"] or None,
            "page_date_shown": row["page_date_shown"] or None, "notes": row["notes"] or None,
        })  # fmt: skip
        for token in filter(None, (t.strip() for t in row["municipality_codes"].split(";"))):
            code, _, qualifier = token.partition("(")
            code = code.strip()
            area = f"KU{int(code):03d}" if code.isdigit() else code
            basis = "web_page" + (f" ({qualifier.rstrip(')')})" if qualifier else "")
            areas.append({"project_id": project_id, "area_code": area, "basis": basis, "partial": bool(qualifier)})
    return projects, areas


def facts(snapshot_dir: Path, source: Source) -> pd.DataFrame:
    """One row per stated figure; `value` only when the stated figure is a single number."""
    frame = read(snapshot_dir, source)

    def number(text: str) -> float | None:
        try:
            return eu_parse.parse_amount(text)
        except ValueError:
            return None  # e.g. '1.9 / 0.3': kept verbatim in value_text

    out = frame.rename(columns={"value": "value_text"})
    out["value"] = out["value_text"].map(number)
    out["value_text"] = out["value_text"].where(out["value_text"] != "", None)
    out["source_id"] = source.id
    return out.replace({"": None})


def aid_areas(snapshot_dir: Path, source: Source) -> pd.DataFrame:
    frame = read(snapshot_dir, source)
    return pd.DataFrame({
        "area_code": "KU" + frame["municipality_code"].str.zfill(3), "period": frame["period"],
        "tukialue": frame["tukialue"], "basis_as_stated": frame["basis_as_stated"],
        "source_url": frame["source_url"], "page_date_shown": frame["page_date_shown"].replace({"": None}),
    })  # fmt: skip


def aid_intensity(snapshot_dir: Path, source: Source) -> pd.DataFrame:
    frame = read(snapshot_dir, source)
    pct = frame["max_aid_pct"].map(lambda v: float(v) if v.strip() else None)
    return pd.DataFrame({
        "period": frame["period"], "tukialue": frame["tukialue"], "company_size": frame["company_size"],
        "max_aid_pct": pct, "source_url": frame["source_url"], "notes": frame["notes"].replace({"": None}),
    })  # fmt: skip
