"""Read the bundled snapshot (`data/snapshot/`) into tidy frames shaped like the warehouse tables.

Each reader does only renames, code mapping and wide→long reshaping of one published file; nothing is
computed here (sums and ratios are transform.py's job, and are flagged as derived there).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

SNAPSHOT_DIR = Path(__file__).resolve().parents[2] / "data" / "snapshot"
TOL_PATH = Path(__file__).resolve().parents[1] / "tol2008.toml"

FACT_COLUMNS = ["indicator_id", "area_code", "period", "value", "status", "source_table", "vintage", "is_preliminary",
                "source_id"]  # fmt: skip
# Verbatim PxWeb "json" responses of 2026, read with the live fetch's specs (etl/statfin_tables.toml), in
# priority order: for the same indicator/area/period the earlier one wins (11re's population over 11ra's).
JSON_EXPORTS = ("pxweb_2026_11re", "pxweb_2026_11ra", "pxweb_2026_121w", "pxweb_2026_12r5", "pxweb_2026_14ww",
                "pxweb_2026_12bs")  # fmt: skip

# Key-figure columns (PTT's cleaned names) → catalogue ids.
KEY_FIGURES = {
    "Tyollisyysaste": "employment_rate",
    "Syntyneiden_enemmyys_henkiloa": "natural_increase",
    "Taloudellinen_huoltosuhde": "economic_dependency_ratio",
    "Yli_64_vuotiaiden_osuus_vaestosta": "share_aged_65_plus",
    "Korkea_asteen_tutkinnon_suorittaneiden_osuus_15_vuotta_tayttaneista": "share_higher_education",
    "Vuosikate_euroa_asukas": "annual_margin_per_resident",
    "Lainakanta_euroa_asukas": "loan_stock_per_resident",
}
COMMUTING_OUT = {  # table 115n, commuting_status → indicator
    "Yhteensä": "employed_residents",
    "Asuinkunnassaan työssäkäyvät": "residents_working_in_home_municipality",
    "Asuinkuntansa ulkopuolella työssäkäyvät": "out_commuters",
}
COMMUTING_IN = {"Yhteensä": "jobs", "Alueelle pendelöivät": "in_commuters"}  # table 115p
AGE_GROUPS = {"- 17": "0-17", "18 - 24": "18-24", "25 - 34": "25-34", "35 - 44": "35-44",
              "45 - 54": "45-54", "55 - 64": "55-64", "65 - 74": "65-74", "75 -": "75-"}  # fmt: skip


class SnapshotError(ValueError):
    """A snapshot file is missing, unreadable or lacks an expected column."""


@dataclass(frozen=True)
class Source:
    """One entry of data/snapshot/sources.toml."""

    id: str
    file: str
    publisher: str
    statistic_fi: str
    statistic_en: str
    source_table: str
    licence: str
    vintage: str
    coverage: str
    via: str = ""
    statistic_sv: str = ""  # falls back to the Finnish name
    updated: str = ""  # the publisher's update date of the table (YYYY-MM-DD), where known
    preliminary: bool = False  # preliminary figures (e.g. 11lj), replaced by final ones when they exist
    exclude_areas: tuple[str, ...] = ()  # municipalities whose rows are another division's area (not loaded)

    @property
    def attribution(self) -> str:
        if self.publisher == "Maanmittauslaitos":
            return f"© Maanmittauslaitos, {self.statistic_fi} ({self.licence})"
        return f"Lähde: {self.publisher}, {self.statistic_fi}, {self.source_table} ({self.licence})"


def load_sources(snapshot_dir: Path = SNAPSHOT_DIR) -> dict[str, Source]:
    path = snapshot_dir / "sources.toml"
    with path.open("rb") as fh:
        entries = tomllib.load(fh)["source"]
    sources = {}
    for number, entry in enumerate(entries, start=1):
        try:
            source = Source(**entry)
        except TypeError as exc:  # a missing or unknown key: say which entry, not a bare TypeError
            raise SnapshotError(f"{path.name} entry {number} ({entry.get('id', '?')}): {exc}") from exc
        sources[source.id] = source
    return sources


def area_code(code: pd.Series) -> pd.Series:
    """Snapshot files write municipalities as '077' (or already 'KU077'); PxWeb and the warehouse use KU077."""
    code = code.astype(str)
    return code.where(~code.str.fullmatch(r"\d{1,3}"), "KU" + code.str.zfill(3))


def read_csv(snapshot_dir: Path, source: Source) -> pd.DataFrame:
    path = snapshot_dir / source.file
    if not path.is_file():
        raise SnapshotError(f"snapshot file missing: {path}")
    return pd.read_csv(path, dtype={"area_code": str}, keep_default_na=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count_rows(path: Path) -> int:
    """Data rows in a snapshot file: CSV lines after the header, GeoJSON features, or a PxWeb json answer's
    data rows."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        if path.name.endswith(".geojson.gz"):
            return len(json.load(fh)["features"])
        if path.name.endswith(".json.gz"):
            return len(json.load(fh)["data"])
        return sum(1 for _ in fh) - 1


def _facts(frame: pd.DataFrame, columns: dict[str, str], period: str, source: Source) -> pd.DataFrame:
    """Wide value columns → fact rows; blank cells are 'not available' and produce no row. A cell holding a
    PxWeb symbol ('...', '.', '..') is kept as its status with no value."""
    missing = [c for c in [period, "area_code", *columns] if c not in frame]
    if missing:
        raise SnapshotError(f"{source.file} lacks column(s) {', '.join(missing)}")
    if source.exclude_areas:
        frame = frame[~frame["area_code"].astype(str).isin(source.exclude_areas)]
    long = frame.melt(id_vars=[period, "area_code"], value_vars=list(columns), var_name="col")
    long = long.dropna(subset=["value"])
    text = long["value"].astype(str).str.strip()
    number = pd.to_numeric(text, errors="coerce")
    symbol = text.where(number.isna() & text.str.fullmatch(r"\.{1,3}"), None)
    long, number, symbol = long[number.notna() | symbol.notna()], number[number.notna() | symbol.notna()], \
        symbol[number.notna() | symbol.notna()]  # fmt: skip
    return pd.DataFrame(
        {
            "indicator_id": long["col"].map(columns),
            "area_code": area_code(long["area_code"]),
            "period": long[period].astype(str),
            "value": number.astype(float),
            "status": symbol.astype(object).where(symbol.notna(), None),
            "source_table": source.source_table,
            "vintage": source.vintage,
            "is_preliminary": source.preliminary,
            "source_id": source.id,
        }
    )


@functools.cache
def _specs_and_tol() -> tuple[dict, dict]:
    from etl.sources.statfin_spec import load_specs, load_tol2008

    return load_specs(), load_tol2008()


def read_json_export(snapshot_dir: Path, source: Source) -> pd.DataFrame:
    """One verbatim 2026 PxWeb ``json`` response → fact rows, through the live fetch's table spec and mapper."""
    from dataclasses import replace

    from etl.sources.statfin_rows import rows_from_doc

    specs, tol = _specs_and_tol()
    spec = specs[source.source_table]
    spec = replace(spec, measures=tuple(m for m in spec.measures if m.target == "fact_indicator"))
    path = snapshot_dir / source.file
    if not path.is_file():
        raise SnapshotError(f"snapshot file missing: {path}")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        doc = json.load(fh)
    frames = rows_from_doc(doc, spec, fetched_at=source.updated or source.vintage, lang="fi", tol=tol)
    facts = frames.get("fact_indicator")
    if facts is None or facts.empty:
        raise SnapshotError(f"{source.file}: no indicator rows mapped by etl/statfin_tables.toml ({spec.table_id})")
    facts = facts[~facts["area_code"].isin(["KU" + code for code in source.exclude_areas])]
    return facts.assign(is_preliminary=source.preliminary, source_id=source.id)


def json_export_updated(snapshot_dir: Path, source: Source) -> str | None:
    """The table's update stamp written in a json export's metadata (None for other files)."""
    from etl import pxjson

    if not source.file.endswith(".json.gz"):
        return None
    with gzip.open(snapshot_dir / source.file, "rt", encoding="utf-8") as fh:
        return pxjson.updated(json.load(fh))


def _by_status(frame: pd.DataFrame, mapping: dict[str, str], value: str, source: Source) -> pd.DataFrame:
    """115n/115p long files: keep the all-ages rows and turn commuting_status into indicator ids."""
    rows = frame[(frame["age_group"] == "Yhteensä") & frame["commuting_status"].isin(mapping)]
    wide = rows.pivot_table(index=["year", "area_code"], columns="commuting_status", values=value)
    wide = wide.reset_index()
    return _facts(wide, mapping, "year", source)


def read_indicator_facts(snapshot_dir: Path, sources: dict[str, Source]) -> pd.DataFrame:
    """All snapshot indicator rows, highest-priority source first for each (indicator, area, period)."""
    pop = read_csv(snapshot_dir, sources["population_11re"])
    sotka = read_csv(snapshot_dir, sources["population_sotkanet_127"])
    migration = read_csv(snapshot_dir, sources["migration_11a2"])
    unemp = read_csv(snapshot_dir, sources["unemployment_12r5"])
    keyfig = read_csv(snapshot_dir, sources["key_figures"])
    projection = read_csv(snapshot_dir, sources["projection_128v"])
    total = projection[projection["age"] == "total"]
    fresh = [read_json_export(snapshot_dir, sources[sid]) for sid in JSON_EXPORTS if sid in sources]
    if "population_11re_2023" in sources:
        fresh.append(_facts(read_csv(snapshot_dir, sources["population_11re_2023"]), {"population": "population"},
                            "year", sources["population_11re_2023"]))  # fmt: skip
    if "population_month_11lj" in sources:
        fresh.append(_facts(read_csv(snapshot_dir, sources["population_month_11lj"]),
                            {"population": "population_month"}, "month", sources["population_month_11lj"]))  # fmt: skip
    if "migration_month_12w7" in sources:
        fresh.append(_facts(read_csv(snapshot_dir, sources["migration_month_12w7"]),
                            {"net_intermunicipal_migration": "net_migration_month"}, "month",
                            sources["migration_month_12w7"]))  # fmt: skip
    if "unemployment_rate_12r5" in sources:
        rate = read_csv(snapshot_dir, sources["unemployment_rate_12r5"])
        fresh.append(_facts(rate.astype({"unemployed_jobseekers_share_of_labour_force_pct": str}),
                            {"unemployed_jobseekers_share_of_labour_force_pct": "unemployment_rate"}, "month",
                            sources["unemployment_rate_12r5"]))  # fmt: skip
    frames = [
        # Newest first: the 2026 json exports, then the 1972–2023 / 2007–2025 national files.
        *fresh,
        # Statistics Finland's own table first; Sotkanet (THL's copy of the same statistic) only adds
        # the years 11re lacks, because later rows for the same key are dropped in transform.combine.
        _facts(pop, {"population": "population", "population_age_15_64": "working_age_population"},
               "year", sources["population_11re"]),
        _facts(sotka, {"population": "population"}, "year", sources["population_sotkanet_127"]),
        _facts(migration, {"tulomuutto": "in_migration", "lahtomuutto": "out_migration",
                           "nettomuutto": "net_migration"}, "year", sources["migration_11a2"]),
        _facts(unemp, {"unemployed_jobseekers_end_of_month": "unemployed_jobseekers",
                       "labour_force_statfin": "labour_force",
                       "open_vacancies_end_of_month": "open_vacancies"}, "month", sources["unemployment_12r5"]),
        _facts(keyfig, KEY_FIGURES, "year", sources["key_figures"]),
        _facts(total, {"population_projection": "population_projection"}, "year", sources["projection_128v"]),
        _by_status(read_csv(snapshot_dir, sources["commuting_out_115n"]), COMMUTING_OUT, "employed",
                   sources["commuting_out_115n"]),
        _by_status(read_csv(snapshot_dir, sources["commuting_in_115p"]), COMMUTING_IN, "jobs",
                   sources["commuting_in_115p"]),
    ]  # fmt: skip
    return pd.concat(frames, ignore_index=True)[FACT_COLUMNS]


def read_population_age(snapshot_dir: Path, sources: dict[str, Source]) -> pd.DataFrame:
    source = sources["population_age_11re"]
    frame = read_csv(snapshot_dir, source)
    frame = frame[frame["age_group"].isin(AGE_GROUPS)]
    return pd.DataFrame(
        {
            "area_code": area_code(frame["area_code"]),
            "year": frame["year"].astype(int),
            "age_group": frame["age_group"].map(AGE_GROUPS),
            "population": frame["population"].astype(float),
            "source_table": source.source_table,
            "vintage": source.vintage,
        }
    )


def read_projection_age(snapshot_dir: Path, sources: dict[str, Source]) -> pd.DataFrame:
    source = sources["projection_128v"]
    frame = read_csv(snapshot_dir, source)
    frame = frame[frame["age"] != "total"]
    return pd.DataFrame(
        {
            "projection": "2019",
            "area_code": area_code(frame["area_code"]),
            "year": frame["year"].astype(int),
            "age": frame["age"].str.rstrip("+").astype(int),  # '100+' is the open-ended top group
            "population": frame["population_projection"].astype(float),
            "source_table": source.source_table,
        }
    )


def read_jobs_industry(snapshot_dir: Path, sources: dict[str, Source]) -> pd.DataFrame:
    """Paavo 2020: workplaces by TOL 2008 section in 2017, municipalities only.

    The file's MK13 row is Keski-Suomi in its 2018 composition (with Kuhmoinen); it is left out so the
    region figure is the 2026-composition sum computed (and flagged) by transform.py like all others.
    """
    source = sources["paavo_2020"]
    frame = read_csv(snapshot_dir, source)
    frame = frame[frame["area_code"].str.fullmatch(r"\d{3}")]
    with TOL_PATH.open("rb") as fh:
        names_fi = tomllib.load(fh)["industry"]
    columns = {c: c for c in frame.columns if c.endswith(", 2017 (TP)") and c[1] == " " and c[0].isupper()}
    long = frame.melt(id_vars=["area_code"], value_vars=list(columns), var_name="col", value_name="jobs")
    code = long["col"].str[0]
    return pd.DataFrame(
        {
            "area_code": area_code(long["area_code"]),
            "year": 2017,
            "industry_code": code,
            "industry_fi": code.map(names_fi),
            "industry_en": long["col"].str[2:].str.replace(", 2017 (TP)", "", regex=False),
            "jobs": long["jobs"].astype(float),
            "source_table": source.source_table,
            "vintage": source.vintage,
        }
    )


def industry_names_sv() -> dict[str, str]:
    """TOL 2008 section letter → Swedish name (etl/tol2008.toml [industry_sv])."""
    with TOL_PATH.open("rb") as fh:
        return tomllib.load(fh).get("industry_sv", {})


def read_classification(snapshot_dir: Path, sources: dict[str, Source]) -> pd.DataFrame:
    source = sources["classification_2026"]
    return pd.read_csv(snapshot_dir / source.file, dtype={"municipality_code_3": str})


def read_geometries(snapshot_dir: Path, sources: dict[str, Source]) -> pd.DataFrame:
    """Municipal and regional boundaries with municipal-centre label points (geo_area rows)."""
    rows = []
    for source_id, prefix, width in (("boundaries_2023", "KU", 3), ("region_boundaries_2023", "MK", 2)):
        source = sources[source_id]
        with gzip.open(snapshot_dir / source.file, "rt", encoding="utf-8") as fh:
            features = json.load(fh)["features"]
        for feature in features:
            code = f"{prefix}{int(feature['properties']['NATCODE']):0{width}d}"
            rows.append({"area_code": code, "geometry": json.dumps(feature["geometry"], separators=(",", ":")),
                         "source_table": source.source_table, "vintage": source.vintage})  # fmt: skip
    frame = pd.DataFrame(rows)
    points = read_csv(snapshot_dir, sources["locality_points"]).rename(columns={"municipality_code": "code"})
    points = points.assign(area_code=area_code(points["code"].astype(str).str.zfill(3)))
    frame = frame.merge(points[["area_code", "lon_wgs84", "lat_wgs84"]], on="area_code", how="left")
    return frame.rename(columns={"lon_wgs84": "label_lon", "lat_wgs84": "label_lat"})[
        ["area_code", "geometry", "label_lon", "label_lat", "source_table", "vintage"]
    ]
