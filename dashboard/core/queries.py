"""Named, parameterised warehouse queries for the pages, cached per data version.

Each public function runs one `dashboard/sql/<name>.sql` file. Results are cached with
`st.cache_data` keyed by the warehouse version, so a rebuild is picked up on the next rerun without a
restart, and a page rerun costs no SQL. Outside a Streamlit runtime the cache is process-local.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import pandas as pd
import streamlit as st

from dashboard.core import warehouse as db
from dashboard.core.memo import figure_cache


def _freeze(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in params.items()))


@st.cache_data(show_spinner=False, max_entries=512)
def _run(name: str, version: str, frozen: tuple) -> pd.DataFrame:  # version: cache key only
    params = {k: list(v) if isinstance(v, tuple) else v for k, v in frozen}
    return db.query(name, params)


def run(name: str, **params: object) -> pd.DataFrame:
    """Run the named query against the current warehouse (cached per warehouse version)."""
    return _run(name, db.version(), _freeze(params))


def region() -> Mapping[str, str]:
    """Region configuration the warehouse was built for: brand, focus, subregion, region, country…"""
    return _region(db.version())


# Read on nearly every rerun of every page: shared read-only mappings (figure_cache) rather than a dict
# unpickled from st.cache_data on each call.
@figure_cache
def _region(version: str) -> Mapping[str, str]:  # version: cache key only
    meta = run("region_meta")
    return MappingProxyType(dict(zip(meta["key"], meta["value"])))


def focus_codes() -> list[str]:
    return region()["focus_municipalities"].split(",")


def comparison_codes() -> list[str]:
    return region()["comparison_areas"].split(",")


def areas() -> pd.DataFrame:
    """Areas that have data, focus municipalities first, indexed by area_code."""
    return run("areas").set_index("area_code", drop=False)


@figure_cache
def _area_names(version: str, lang: str) -> Mapping[str, str]:
    rows = db.query("areas")
    names = rows[f"name_{lang}"].where(rows[f"name_{lang}"].notna() & (rows[f"name_{lang}"] != ""), rows["name_fi"])
    return MappingProxyType(dict(zip(rows["area_code"], names)))


def area_names(lang: str) -> Mapping[str, str]:
    """{area_code: name in `lang`} for every area with data (one cached dict: map codes with it)."""
    return _area_names(db.version(), lang)


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
