"""Copy the real published data in `../shared/data` into the repo's bundled snapshot.

Developers run this once when the shared data changes (`python -m etl snapshot --from ../shared/data`);
users never need it, because `data/snapshot/` is committed. Files are copied byte for byte and gzipped
deterministically (mtime 0), so re-running it produces identical files and an unchanged git tree.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Sequence
from pathlib import Path

# Files the product reads, exactly as published in shared/data (see data/snapshot/PROVENANCE.md).
SNAPSHOT_FILES = (
    "population_by_municipality_1972_2018_statfin_11re.csv",
    "population_by_municipality_2000_2022_sotkanet_127.csv",
    "population_by_municipality_age_group_1972_2018_statfin_11re_ptt.csv",
    "population_by_sex_2021_statfin_11re.csv",
    "population_projection_2019_by_municipality_age_statfin_128v.csv",
    "intermunicipal_migration_1990_2017_statfin_11a2.csv",
    "employed_by_residence_commuting_1987_2017_statfin_115n.csv",
    "jobs_by_workplace_commuting_1987_2017_statfin_115p.csv",
    "unemployment_monthly_2006_2023_statfin_tyonv_12r5.csv",
    "municipal_key_figures_2006_2016_kuntien_avainluvut_2019.csv",
    "paavo_key_data_by_municipality_2020_release_statfin.csv",
    "municipality_classification_2026_geofi.csv",
    "municipality_central_locality_points_nls_geofi.csv",
    "municipalities_2023_4500k_wgs84_mml.geojson",
    "regions_2023_4500k_wgs84_mml.geojson",
)
# Newer Statistics Finland data (shared/data/statfin_2023_2026/, its PROVENANCE.md copied beside them):
# CSVs with renamed columns, and verbatim PxWeb API responses of 2026 in the "json" response format.
FRESH_DIR = "statfin_2023_2026"
FRESH_FILES = (
    "population_by_municipality_1972_2023_statfin_11re.csv",
    "population_monthly_preliminary_2024_01_2025_01_statfin_11lj.csv",
    "net_intermunicipal_migration_monthly_2022_2023_statfin_12w7.csv",
    "unemployment_rate_monthly_2007_01_2025_01_statfin_tyonv_12r5.csv",
)
JSON_EXPORT_DIR = "pxweb_json_exports_2026"
JSON_EXPORTS = (
    "sex_register_kunnat_11re.json",
    "age_register_kunnat_11ra.json",
    "population_register_kunnat_121w.json",
    "unemployment_register_kunnat_12r5.json",
    "income_register_kunnat_14ww.json",
    "education_register_kunnat_12bs.json",
)
FIXTURE_FILES = (
    "fixture_pxweb_v1_statfin_11rc_jsonstat2_response.json",
    "fixture_pxweb_v1_statfin_11rc_query.json",
    "fixture_pxweb_v1_statfin_11re_2026codes_metadata.json",
)


def copy_files(source: Path, gzipped: Sequence[str], gz_dir: Path, plain: Sequence[str], plain_dir: Path) -> list[Path]:
    """Copy `gzipped` from `source` into `gz_dir` as NAME.gz and `plain` into `plain_dir` as they are."""
    gz_dir.mkdir(parents=True, exist_ok=True)
    plain_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in gzipped:
        dst = gz_dir / f"{name}.gz"
        gzip_copy(source / name, dst)
        written.append(dst)
    for name in plain:
        dst = plain_dir / name
        shutil.copyfile(source / name, dst)
        written.append(dst)
    return written


def gzip_copy(src: Path, dst: Path) -> None:
    """Gzip `src` to `dst` with a fixed header (no name, mtime 0) so the output is reproducible."""
    with src.open("rb") as fin, dst.open("wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as fout:
            shutil.copyfileobj(fin, fout)


def import_snapshot(shared_data: Path, snapshot_dir: Path, fixtures_dir: Path) -> list[Path]:
    """Copy every product file from `shared_data`; returns the written paths."""
    missing = [name for name in SNAPSHOT_FILES + FIXTURE_FILES if not (shared_data / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{shared_data} lacks {', '.join(missing)}")
    written = copy_files(shared_data, SNAPSHOT_FILES, snapshot_dir, FIXTURE_FILES, fixtures_dir)
    upstream = snapshot_dir / "PROVENANCE.upstream.md"
    shutil.copyfile(shared_data / "PROVENANCE.md", upstream)
    written.append(upstream)
    if (shared_data / FRESH_DIR).is_dir():
        written += import_fresh(shared_data / FRESH_DIR, snapshot_dir)
    return written


def import_fresh(fresh: Path, snapshot_dir: Path) -> list[Path]:
    """Copy the 2023–2026 files: CSVs into the snapshot, the json exports into its pxweb_json_2026/ folder."""
    missing = [n for n in FRESH_FILES if not (fresh / n).is_file()]
    missing += [f"{JSON_EXPORT_DIR}/{n}" for n in JSON_EXPORTS if not (fresh / JSON_EXPORT_DIR / n).is_file()]
    if missing:
        raise FileNotFoundError(f"{fresh} lacks {', '.join(missing)}")
    written = copy_files(fresh, FRESH_FILES, snapshot_dir, (), snapshot_dir)
    written += copy_files(fresh / JSON_EXPORT_DIR, JSON_EXPORTS, snapshot_dir / "pxweb_json_2026", (), snapshot_dir)
    upstream = snapshot_dir / "PROVENANCE.statfin_2023_2026.md"
    shutil.copyfile(fresh / "PROVENANCE.md", upstream)
    return [*written, upstream]
