"""Project impact: a project's KPIs (target vs achieved, entered by the coordinator) and the development of
linked outcome indicators before, during and after the project, in the project's municipalities against a
peer group — the region's other small municipalities.

This shows development, not proof of causation: the page says so. Everything computed here (annual means
of monthly data, indices, the peer median, average annual changes) is derived.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.core import clock, queries
from dashboard.core.i18n import label, t
from dashboard.core.memo import memo
from dashboard.funding import projects
from dashboard.funding import summary as funding

WINDOW = 5  # years shown before and after the project
PEERS = "peers"
MAX_LINES = 3  # a project in more municipalities is shown as the sub-region total, where it has data


@memo
def peer_codes() -> list[str]:
    """The region's municipalities outside the focus set that are no larger than its largest member."""
    meta = queries.region()
    members = queries.run("fund_region_municipalities", region=meta["region"])
    others = members.loc[~members["is_focus"], "area_code"].tolist()
    latest = queries.latest(["population"], [*others, *queries.focus_codes()])
    size = latest.set_index("area_code")["value"]
    ceiling = size.reindex(queries.focus_codes()).max()
    return [code for code in others if code in size.index and size[code] <= ceiling]


@memo
def project_choices() -> list[str]:
    """Projects of the focus area with known years; those with KPIs or linked indicators first."""
    meta = queries.region()
    frame = projects.catalogue()
    mine = frame[projects.focus_related(frame, queries.focus_codes(), meta["subregion"], partial=True)
                 & frame["start_year"].notna() & ~frame["not_ours"]]  # fmt: skip
    store = projects.store()
    enriched = set(store.kpis["project_id"]) | set(store.links["project_id"])
    last_data = int(observed()["last_period"].str[:4].astype(int).max())
    order = mine.assign(_plain=~mine["project_id"].isin(enriched), _late=mine["start_year"] > last_data - 1)
    order = order.sort_values(["_plain", "_late", "start_year", "project_id"], ascending=[True, True, False, True])
    return order["project_id"].tolist()


def observed() -> pd.DataFrame:
    """Catalogue indicators with observed data: projections (periods beyond this year) are no outcome."""
    return _observed(clock.today().year)


@memo  # keyed by the year, so the answer turns with the calendar and not only with the data
def _observed(year: int) -> pd.DataFrame:
    catalog = queries.indicators()
    catalog = catalog[catalog["last_period"].notna()]
    return catalog[catalog["last_period"].str[:4].astype(int) <= year]


@memo
def indicator_choices(project_id: str | None) -> list[str]:
    """Linked indicators first, then every catalogue indicator that has data."""
    with_data = observed()
    linked = [i for i in projects.links(project_id) if i in with_data.index] if project_id else []
    start = projects.catalogue().loc[project_id, "start_year"] if project_id else None
    covers = with_data["last_period"].str[:4].astype(int) >= (start if pd.notna(start) else 0)
    rest = with_data.assign(_no=~covers.to_numpy()).sort_values(["_no", "label_fi"]).index
    return linked + [i for i in rest if i not in linked]


@memo
def indicator_labels(project_id: str, lang: str) -> dict[str, str]:
    """{indicator_id: label, ★ for the project's linked indicators} for the indicator chooser."""
    catalog = queries.indicators()
    linked = set(projects.links(project_id))
    return {
        i: label(catalog.loc[i].to_dict(), lang) + (" ★" if i in linked else "") for i in indicator_choices(project_id)
    }


def has_links(project_id: str) -> bool:
    """Whether the coordinator linked any indicator with data to the project (the chooser marks them ★)."""
    return any(i in observed().index for i in projects.links(project_id))


@memo
def lines_for(project_id: str, indicator_id: str) -> list[str]:
    meta = queries.region()
    row = projects.catalogue().loc[project_id]
    mine = [c for c in row["areas"] if c in queries.focus_codes()] or [meta["subregion"]]
    if len(mine) > MAX_LINES and not annual(indicator_id, [meta["subregion"]]).empty:
        return [meta["subregion"]]
    return mine


def annual(indicator_id: str, codes: list[str]) -> pd.DataFrame:
    """Yearly values (area_code, year, value); monthly series become the mean of complete years (derived)."""
    data = queries.series(indicator_id, codes).dropna(subset=["value"])
    if data.empty:
        return pd.DataFrame(columns=["area_code", "year", "value"])
    data = data.assign(year=data["period"].str[:4].astype(int))
    if (data["period"].str.len() == 7).any():
        grouped = data.groupby(["area_code", "year"])["value"].agg(["mean", "count"]).reset_index()
        return grouped[grouped["count"] == 12].rename(columns={"mean": "value"})[["area_code", "year", "value"]]
    return data[["area_code", "year", "value"]]


def indexed(catalog_row: pd.Series) -> bool:
    """Counts (persons, additive) are compared as an index; rates and ratios as they are."""
    return catalog_row["unit"] == "persons"


@dataclass(frozen=True)
class Development:
    """An indicator around one project: the lines drawn and what the data cannot show."""

    lines: pd.DataFrame  # area_code, area_name, x (year), value
    years: tuple[int, int]  # the project's first and last year
    base: int | None  # the index year (= 100) of a count, None for rates
    missing: tuple[int, ...]  # years from the year before the project to its end with no value in its areas
    last: int | None  # the latest year with a value in the project's areas, None when there is none


@memo
def development(project_id: str, indicator_id: str, lang: str) -> Development:
    """The project's areas and the peer-group median, a window around the project. Counts are indexed to
    the year before the project (= 100); where that year has no value (a project that starts after the
    data ends) nothing can be indexed, and `missing` names the years the page says are absent."""
    row = projects.catalogue().loc[project_id]
    start = int(row["start_year"])
    end = int(row["end_year"]) if pd.notna(row["end_year"]) else start
    first, last = start - WINDOW - 1, end + WINDOW
    codes = lines_for(project_id, indicator_id)
    everything = annual(indicator_id, codes + peer_codes())
    own_years = set(everything.loc[everything["area_code"].isin(codes), "year"].astype(int))
    missing = tuple(year for year in range(start - 1, end + 1) if year not in own_years)
    data = everything[(everything["year"] >= first) & (everything["year"] <= last)]
    base = start - 1
    if indexed(queries.indicators().loc[indicator_id]):
        base_values = data[data["year"] == base].set_index("area_code")["value"].astype(float)
        data = data[data["area_code"].isin(base_values.index)]  # a line without its base year cannot be indexed
        if not data.empty:
            data = data.assign(value=100 * data["value"].astype(float) / data["area_code"].map(base_values))
    else:
        base = None
    peers = data[data["area_code"].isin(peer_codes())].groupby("year")["value"].median().reset_index()
    peers = peers.assign(area_code=PEERS, area_name=peer_name(lang))
    own = data[data["area_code"].isin(codes)].assign(
        area_name=lambda f: f["area_code"].map(lambda c: funding.area_name(c, lang))
    )
    lines = pd.concat([own, peers], ignore_index=True).rename(columns={"year": "x"})
    lines = lines[["area_code", "area_name", "x", "value"]].astype({"x": int, "value": float})
    return Development(lines, (start, end), base, missing, max(own_years) if own_years else None)


def year_spans(years: tuple[int, ...]) -> str:
    """(2019, 2023, 2024, 2025) → '2019, 2023–2025'."""
    spans: list[list[int]] = []
    for year in years:
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def peer_name(lang: str) -> str:
    return t("funding_impact.peer_group", lang, n=len(peer_codes()))


def phases(lines: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Average annual change before (5 years up to the year before), during and after (5 years) the project,
    per line (derived; '–' where an endpoint year has no value)."""
    start, end = years
    spans = {"before": (start - 1 - WINDOW, start - 1), "during": (start - 1, end), "after": (end, end + WINDOW)}
    rows = []
    for code, part in lines.groupby("area_code", sort=False):
        value = dict(zip(part["x"], part["value"]))
        row = {"area_code": code, "area_name": part["area_name"].iloc[0]}
        for phase, (a, b) in spans.items():
            row[phase] = (value[b] - value[a]) / (b - a) if a in value and b in value and b > a else None
        rows.append(row)
    return pd.DataFrame(rows, columns=["area_code", "area_name", "before", "during", "after"])
