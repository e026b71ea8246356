"""Warehouse data for the foresight page, shaped for the model and cached per data version.

Reads only through `queries` (named SQL files). The arrays and frames built here are cached with
`memo`, which keys them by the run's own data version (the warehouse this run is pinned to): a run pinned
to one build never gets another build's figures. Callers never mutate them. The region is configuration: the focus municipalities come from `queries.focus_codes()` and
"the region" is their sum, named after the sub-region when the two are the same set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.core import queries
from dashboard.core.memo import memo
from dashboard.foresight import model
from dashboard.model import derive

TOTAL = "focus_total"  # code of the region total when the focus set is not a whole sub-region
BAND_GROUPS = {"age_65_plus": ("65-74", "75-"), "age_75_plus": ("75-",)}  # groups the published bands give


@dataclass(frozen=True)
class Official:
    """One official projection for the focus municipalities, with the rates it implies."""

    projection: str
    years: tuple[int, ...]
    codes: tuple[str, ...]  # focus municipalities with projection rows, display order
    cube: np.ndarray  # (A, T, 101) persons
    rates: model.Rates
    survival_area: str  # whose projection gives the survival proxy (the country, else the region)
    source_table: str
    vintage: str


def projections() -> pd.DataFrame:
    return queries.run("foresight_projections", focus_codes=queries.focus_codes())


@memo
def newest_projection() -> str | None:
    """The newest projection vintage (a live-fetched 2024 projection supersedes the bundled 2019 one)."""
    available = projections()
    return None if available.empty else str(available["projection"].iloc[-1])


@memo
def total_code() -> str:
    """The sub-region's code when the focus municipalities are exactly its members, else TOTAL."""
    meta, areas = queries.region(), queries.areas()
    members = set(areas[(areas["parent_code"] == meta["subregion"]) & (areas["level"] == "municipality")].index)
    return meta["subregion"] if members == set(queries.focus_codes()) else TOTAL


def _cube(rows: pd.DataFrame, codes: list[str], years: list[int]) -> np.ndarray:
    cube = np.zeros((len(codes), len(years), model.AGES))
    index = {code: i for i, code in enumerate(codes)}
    rows = rows[rows["area_code"].isin(index)]
    if rows.empty:  # no projection for these areas (a region outside the bundled Keski-Suomi projection)
        return cube
    cube[rows["area_code"].map(index).to_numpy(), (rows["year"] - years[0]).to_numpy(), rows["age"].to_numpy()] = (
        rows["population"].fillna(0).to_numpy()
    )
    return cube


def official(projection: str | None = None) -> Official:
    """One official projection (the newest when none is named) with the rates it implies."""
    return _official(projection or newest_projection())


@memo
def _official(projection: str) -> Official:
    meta = queries.region()
    focus = queries.focus_codes()
    rows = queries.run("foresight_projection", projection=projection,
                       area_codes=[*focus, meta["country"], meta["region"]])  # fmt: skip
    years = sorted(int(y) for y in rows["year"].unique())
    present = set(rows["area_code"])
    codes = [c for c in focus if c in present]
    proxy = meta["country"] if meta["country"] in present else meta["region"]
    cube = _cube(rows, codes, years)
    country = _cube(rows, [proxy], years)[0]
    rates = model.implied_rates(cube, country, tuple(years))
    own = rows[rows["area_code"].isin(codes)]
    return Official(projection, tuple(years), tuple(codes), cube, rates, proxy,
                    ",".join(sorted(set(own["source_table"]))), ",".join(sorted(set(own["vintage"].dropna()))))  # fmt: skip


def _years(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(year=frame["period"].astype(int))


def _with_total(frame: pd.DataFrame, focus: list[str]) -> pd.DataFrame:
    """Append the region total (sum of the focus municipalities) for years where every one has a value."""
    rows = frame[frame["area_code"].isin(focus)].dropna(subset=["value"])
    complete = rows.groupby("year").filter(lambda g: g["area_code"].nunique() == len(focus))
    total = complete.groupby("year", as_index=False).agg(
        value=("value", "sum"),
        source_table=("source_table", lambda s: ",".join(sorted(set(s)))),
        vintage=("vintage", lambda s: ",".join(sorted(set(s)))),
    )
    return pd.concat([frame, total.assign(area_code=total_code(), is_derived=True)], ignore_index=True)


@memo
def actual() -> pd.DataFrame:
    """Actual values of the page's age groups where the data allows (group, area_code, year, value, …).

    Population 1972–2022, 15–64 1972–2018, 65+ and 75+ from the published bands 1972–2018, the dependency
    ratio where population and 15–64 meet. 0–6, 7–15 and 85+ cannot be formed from the bands: absent.
    """
    focus = queries.focus_codes()
    columns = ["area_code", "year", "value", "is_derived", "source_table", "vintage"]
    population = _years(queries.series("population", focus))[columns]
    working = _years(queries.series("working_age_population", focus))[columns]
    bands = queries.run("foresight_bands", area_codes=focus).rename(columns={"population": "value"})
    frames = {"population": population, "working_age": working}
    for group, members in BAND_GROUPS.items():
        # A group is known only where every band in it is: count the bands present per area and year.
        part = bands[bands["age_group"].isin(members)].dropna(subset=["value"])
        summed = part.groupby(["area_code", "year"], as_index=False).agg(
            value=("value", "sum"), bands=("age_group", "nunique"), is_derived=("is_derived", "any"),
            source_table=("source_table", "first"), vintage=("vintage", "first"),
        )  # fmt: skip
        frames[group] = summed[summed["bands"] == len(members)].drop(columns=["bands"])
    frames = {group: _with_total(frame, focus) for group, frame in frames.items()}
    ratio = derive.dependency_ratio(frames["population"].assign(period=frames["population"]["year"]),
                                    frames["working_age"].assign(period=frames["working_age"]["year"]))  # fmt: skip
    frames["dependency_ratio"] = ratio.drop(columns=["period"]).assign(is_derived=True)
    out = pd.concat([frame.assign(group=group) for group, frame in frames.items()], ignore_index=True)
    return out.dropna(subset=["value"])[["group", *columns]]


def bands(codes: list[str]) -> pd.DataFrame:
    """Published age bands, wide: index (area_code, year), one column per band."""
    rows = queries.run("foresight_bands", area_codes=list(codes))
    return rows.pivot_table(index=["area_code", "year"], columns="age_group", values="population", aggfunc="sum")


def region_municipalities() -> list[str]:
    return queries.run("foresight_region_municipalities", region=queries.region()["region"])["area_code"].tolist()
