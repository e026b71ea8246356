"""One list of projects for every projects-and-funding page: the registers and web-page list from the
warehouse, plus what the coordinator added in the app's store (own projects, municipality assignments,
"not ours" marks, spearhead tags, notes, indicator links, KPIs).

The two kinds stay apart where they live (warehouse vs store) and are only joined here, read-only.
A coordinator's assignment replaces a register's name match, and the basis shown says which it is.
Results are memoised per data version (warehouse pin + store revision); frames come as shallow copies.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.core import queries
from dashboard.core import store as state
from dashboard.core.memo import memo

SPEARHEADS = ("ennakointi", "yrittajyys", "edellakavijyys")  # etl/catalog.toml `spearhead` values
FUND_GROUPS = ("ERDF", "ESF", "JTF", "EAFRD", "national", "municipal", "unknown")
COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Store:
    """The coordinator's data, as read from the store at one stamp."""

    projects: pd.DataFrame
    assignments: pd.DataFrame
    spearheads: pd.DataFrame
    notes: pd.DataFrame
    links: pd.DataFrame
    kpis: pd.DataFrame
    targets: pd.DataFrame
    allocations: pd.DataFrame


@memo
def store() -> Store:
    """The coordinator's data at this run's store revision (the memo key carries it)."""
    names = ("proj_projects", "proj_assignments", "proj_spearheads", "proj_notes", "proj_links", "proj_kpis",
             "proj_targets", "proj_allocations")  # fmt: skip
    return Store(*state.query_many([(name, {}) for name in names]))  # one read-only open for all eight


def split(codes: object) -> list[str]:
    return [c for c in str(codes).split(";") if c] if isinstance(codes, str) else []


@memo
def catalogue() -> pd.DataFrame:
    """Every project, indexed by project_id: register fields, `origin` (register | coordinator), `areas`
    (effective attribution), `basis`, `not_ours`, `spearheads`, `note`, `granted`/`realised` (EUR)."""
    reg = queries.run("fund_projects").copy()
    reg["origin"] = "register"
    reg["granted"] = reg["granted_eu_state"]
    reg["realised"] = reg["realised_eu_state"]
    own = _own_projects(store().projects)
    frame = pd.concat([reg, own], ignore_index=True)
    frame["areas"] = frame["area_codes"].map(split)
    frame["partial"] = frame["partial_areas"].map(split) if "partial_areas" in frame else [[]] * len(frame)
    frame["basis"] = frame["bases"]
    frame["not_ours"] = False
    assigned = store().assignments.set_index("project_id")
    hit = frame["project_id"].isin(assigned.index)
    for i in frame.index[hit]:  # a handful of rows: the coordinator's word replaces the register's match
        row = assigned.loc[frame.at[i, "project_id"]]
        frame.at[i, "areas"] = [] if row["not_ours"] else split(row["area_codes"])
        frame.at[i, "basis"] = COORDINATOR
        frame.at[i, "not_ours"] = bool(row["not_ours"])
    tags = store().spearheads.groupby("project_id")["spearhead"].agg(list)
    frame["spearheads"] = frame["project_id"].map(tags).map(lambda v: v if isinstance(v, list) else [])
    frame["note"] = frame["project_id"].map(store().notes.set_index("project_id")["note"])
    frame["start_year"] = frame["start_year"].astype("Int64")
    frame["end_year"] = frame["end_year"].astype("Int64")
    frame.index = pd.Index(frame["project_id"].tolist())  # unnamed: project_id stays a plain column too
    return frame


def _own_projects(own: pd.DataFrame) -> pd.DataFrame:
    """Coordinator projects in the register frame's shape (absent fields stay empty)."""
    if own.empty:
        return pd.DataFrame()
    start = pd.to_datetime(own["start_date"])
    end = pd.to_datetime(own["end_date"])
    return pd.DataFrame({
        "project_id": own["project_id"], "project_code": own["project_id"], "register": COORDINATOR,
        "origin": COORDINATOR, "programme_period": own["programme_period"], "fund": own["fund"],
        "fund_group": own["fund_group"], "name": own["name"], "implementer": own["implementer"],
        "status": own["status"], "start_date": own["start_date"], "end_date": own["end_date"],
        "start_year": start.dt.year, "end_year": end.dt.year, "granted": own["granted_eur"],
        "realised": own["realised_eur"], "funding_as_stated": own["funding_as_stated"], "summary": own["summary"],
        "source_url": own["source_url"], "notes": own["notes"], "area_codes": own["municipality_codes"],
        "bases": COORDINATOR, "in_region": True, "source_table": None, "vintage": None,
        "updated_by": own["updated_by"], "updated_at": own["updated_at"],
    })  # fmt: skip


def focus_related(frame: pd.DataFrame, focus: list[str], subregion: str, partial: bool = False) -> pd.Series:
    """Projects attributed to a focus municipality or to the sub-region itself; with `partial`, also those
    of which a source says only a part is here (listed, but never summed)."""
    wanted = set(focus) | {subregion}
    hit = frame["areas"].map(lambda areas: bool(wanted.intersection(areas)))
    if partial:
        hit |= frame["partial"].map(lambda areas: bool(wanted.intersection(areas)))
    return hit


def unassigned_queue(frame: pd.DataFrame, focus: list[str], subregion: str) -> pd.DataFrame:
    """The region's register projects nobody has placed: no municipality, not marked "not ours"."""
    placed = focus_related(frame, focus, subregion) | frame["not_ours"]
    has_municipality = frame["areas"].map(lambda areas: any(a.startswith("KU") for a in areas))
    queue = frame[frame["in_region"].fillna(False).astype(bool) & ~placed & ~has_municipality
                  & (frame["origin"] == "register")]  # fmt: skip
    return queue.sort_values(["start_date", "project_id"], ascending=[False, True], na_position="last")


def kpis(project_id: str) -> pd.DataFrame:
    all_kpis = store().kpis
    return all_kpis[all_kpis["project_id"] == project_id]


def links(project_id: str) -> list[str]:
    all_links = store().links
    return all_links.loc[all_links["project_id"] == project_id, "indicator_id"].tolist()
