"""Named, parameterised warehouse queries for the pages, memoised per data version.

Each query is a named SQL file (core/sqlfiles.py). Results are memoised (`core.memo`), keyed by the data
version of the run, so a rebuild is picked up on the next rerun without a restart, a run pinned to one
build never sees another's rows, and a page rerun costs no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import pandas as pd

from dashboard.core import warehouse as db
from dashboard.core.i18n import t
from dashboard.core.memo import memo
from dashboard.model import areas as areas_model


@memo
def run(name: str, **params: object) -> pd.DataFrame:
    """Run the named query against the warehouse of this run (lists bind as DuckDB lists)."""
    return db.query(name, params)


@memo
def region() -> Mapping[str, str]:
    """Region configuration the warehouse was built for: brand, focus, subregion, region, country…"""
    meta = run("region_meta")
    return MappingProxyType(dict(zip(meta["key"], meta["value"])))


def focus_codes() -> list[str]:
    return region()["focus_municipalities"].split(",")


def comparison_codes() -> list[str]:
    return region()["comparison_areas"].split(",")


def areas() -> pd.DataFrame:
    """Areas that have data, focus municipalities first, indexed by area_code."""
    return run("areas").set_index("area_code", drop=False)


@memo
def area_names(lang: str) -> Mapping[str, str]:
    """{area_code: name in `lang`} for every area with data, unique (model.areas.unique_names): one cached
    mapping, so map codes with it."""
    rows = run("areas")
    words = {level: t(f"area.level_{level}", lang) for level in ("municipality", "subregion", "region", "country")}
    return MappingProxyType(areas_model.unique_names(rows, lang, words))


def area_colors() -> dict[str, str]:
    """{area_code: colour}: focus municipalities in configured order, then the comparison areas in grey."""
    return areas_model.area_colors(focus_codes(), comparison_codes())


@memo  # read on most reruns, often several times: the index is built once per data version
def indicators() -> pd.DataFrame:
    """The catalogue with coverage (first/last period, areas, vintages), indexed by indicator_id."""
    return run("indicators").set_index("indicator_id", drop=False)


def series(indicator_id: str, area_codes: Iterable[str]) -> pd.DataFrame:
    return run("series", indicator_id=indicator_id, area_codes=list(area_codes))


def latest(indicator_ids: Iterable[str], area_codes: Iterable[str]) -> pd.DataFrame:
    """Latest value per (indicator, area) with the values one and five years earlier."""
    return run("latest", indicator_ids=list(indicator_ids), area_codes=list(area_codes))


def sources() -> pd.DataFrame:
    return run("sources")


def load_runs() -> pd.DataFrame:
    return run("load_runs")
