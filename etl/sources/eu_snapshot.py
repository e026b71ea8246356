"""Copy the EU-funding material in `../shared/data/eu_funding` into the bundled snapshot.

Developers run this when the shared material changes
(`python -m etl.sources.eu_cli snapshot --from ../shared/data/eu_funding`); users never need it, because
`data/snapshot/eu_funding/` is committed. CSV files are copied byte for byte and gzipped
deterministically (the same helper as the main snapshot, mtime 0); PROVENANCE.md and FACTS.md are copied
verbatim next to them so every amount the app shows can be traced to its page.
"""

from __future__ import annotations

from pathlib import Path

from etl.snapshot_import import copy_files

SUBDIR = "eu_funding"
EU_FILES = (
    "fi_structural_funds_2007_2013_projektilista_keski_suomi.csv",
    "fi_structural_funds_2014_2020_projektilista_2016snapshot_keski_suomi.csv",
    "projects_curated_from_web_pages_sk138.csv",
    "facts_allocations_special_position_leader.csv",
    "regional_aid_areas_tukialueet_sk138.csv",
    "investment_aid_max_intensity_by_tukialue.csv",
)
EU_DOCS = ("PROVENANCE.md", "FACTS.md")


def import_eu_snapshot(shared: Path, snapshot_dir: Path) -> list[Path]:
    """Copy every EU file from `shared` into `snapshot_dir/eu_funding`; returns the written paths."""
    missing = [name for name in EU_FILES + EU_DOCS if not (shared / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{shared} lacks {', '.join(missing)}")
    target = snapshot_dir / SUBDIR
    return copy_files(shared, EU_FILES, target, EU_DOCS, target)
