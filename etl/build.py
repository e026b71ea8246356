"""`python -m etl build`: snapshot + archived live responses → validated warehouse → atomic swap.

Load (check every snapshot file against sources.lock.toml, read every input) / Process (combine, derive,
validate, compare with the current warehouse) / Save (new file, swap, archive the inbox files it loaded).
Works offline: it reads only data/snapshot/ and data/raw/, never the network. One build at a time: the
whole build holds the lock of etl/buildlock.py.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from etl import buildlock, integrity, load, shrink, transform, validate
from etl import catalog as catalog_mod
from etl import region as region_mod
from etl import release as release_mod
from etl.sources import eu_funds, eu_inbox, snapshot

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    snapshot_dir: Path
    region_file: Path

    @property
    def warehouse_dir(self) -> Path:
        return self.data_dir / "warehouse"

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @classmethod
    def default(cls) -> Paths:
        data_dir = Path(os.environ.get("TILANNEKUVA_DATA_DIR", REPO / "data"))
        region_file = Path(os.environ.get("TILANNEKUVA_REGION", REPO / "region.toml"))
        return cls(data_dir=data_dir, snapshot_dir=REPO / "data" / "snapshot", region_file=region_file)


@dataclass(frozen=True)
class BuildResult:
    run_id: str
    path: Path
    rows: int
    counts: dict[str, int]
    shrunk: list[str]  # losses accepted with --accept-shrink


def read_live(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Archived live PxWeb responses as warehouse-shaped frames ({} when nothing was fetched)."""
    from etl.sources import statfin  # local import: the snapshot-only build needs no HTTP stack

    return statfin.load_archived(raw_dir)


def assemble(paths: Paths, run: dict, accept_shrink: str | None = None,
             pending: list[eu_inbox.Pending] | None = None) -> dict[str, pd.DataFrame]:  # fmt: skip
    """Every warehouse table as a DataFrame, in foreign-key order.

    Valid inbox files it loaded are appended to `pending` (archived by the caller after the swap); losses
    against the current warehouse accepted with `accept_shrink` are put in `run["shrunk"]`."""
    region = region_mod.load_region(paths.region_file)
    catalog = catalog_mod.load_catalog()
    sources = snapshot.load_sources(paths.snapshot_dir)
    integrity.check(paths.snapshot_dir, [s.file for s in sources.values()])  # before any file is parsed
    classification = snapshot.read_classification(paths.snapshot_dir, sources)
    dim_area = region_mod.build_dim_area(classification, region)
    members = region_mod.members(dim_area)
    live = read_live(paths.raw_dir)
    if "fact_population_age" in live:
        live["fact_population_age"] = transform.group_ages(live["fact_population_age"])

    def merged(table: str, snap: pd.DataFrame, key: list[str], value: str, carry: list[str]) -> pd.DataFrame:
        frame = transform.combine([live.get(table), snap], key)
        return transform.sort(transform.add_aggregates(frame, members, key, value, carry), key)

    releases = release_mod.load_releases()
    snap_facts = known_areas(snapshot.read_indicator_facts(paths.snapshot_dir, sources), dim_area)
    live_facts = live.get("fact_indicator")
    live_facts = known_areas(live_facts, dim_area) if live_facts is not None else None
    freshness = source_releases(paths.snapshot_dir, sources, snap_facts, live_facts, releases)
    facts = transform.build_facts([live_facts, snap_facts.drop(columns="source_id")], members, catalog)
    tables = {
        "dim_area": dim_area,
        "dim_employment_area": region_mod.employment_areas(
            classification, sources["classification_2026"].source_table, sources["classification_2026"].vintage),
        "dim_indicator": catalog_mod.to_frame(catalog, releases),
        "fact_indicator": facts,
        "fact_population_age": merged("fact_population_age", snapshot.read_population_age(
            paths.snapshot_dir, sources), ["area_code", "year", "age_group"], "population",
            ["source_table", "vintage"]),
        "fact_projection_age": merged("fact_projection_age", snapshot.read_projection_age(
            paths.snapshot_dir, sources), ["projection", "area_code", "year", "age"], "population",
            ["source_table"]),
        "fact_jobs_industry": merged("fact_jobs_industry", snapshot.read_jobs_industry(
            paths.snapshot_dir, sources), ["area_code", "year", "industry_code"], "jobs",
            ["industry_fi", "industry_en", "source_table", "vintage"]),
        "fact_commuting_flow": live.get("fact_commuting_flow", pd.DataFrame()),
        "geo_area": geometries(paths.snapshot_dir, sources, dim_area),
        "meta_source": source_rows(paths.snapshot_dir, sources, live),
        "meta_release": release_mod.releases_frame(releases),
        "meta_source_release": freshness,
        "meta_region": pd.DataFrame(sorted(region.as_meta().items()), columns=["key", "value"]),
        # EU funding and projects: fact_eu_project(_area), fact_eu_fact, fact_aid_*, meta_eu_import
        **eu_funds.tables(paths.snapshot_dir, paths.raw_dir, sources, dim_area, classification, region,
                          pending),
    }  # fmt: skip
    jobs = tables["fact_jobs_industry"]
    tables["fact_jobs_industry"] = jobs.assign(industry_sv=jobs["industry_code"].map(snapshot.industry_names_sv()))
    validate.validate(tables, catalog, list(region.focus), members)
    run["shrunk"] = shrink.check(load.current_path(paths.warehouse_dir), tables, accept_shrink)
    history = load.read_runs(paths.warehouse_dir)
    current = pd.DataFrame([{**run_row(run), "status": "ok", "finished_at": datetime.now(UTC),
                             "message": outcome("current", run, accept_shrink)}])  # fmt: skip
    tables["meta_load_run"] = pd.concat([history, current], ignore_index=True).drop_duplicates("run_id", keep="last")
    return tables


def known_areas(facts: pd.DataFrame, dim_area: pd.DataFrame) -> pd.DataFrame:
    """Rows of areas dim_area knows. National files and whole-table answers also carry codes outside the
    2026 division (12r5's 'KU199' unknown municipality and 'KUJOU', ELY centres, 11ra's other regional
    divisions): not loaded."""
    known = facts["area_code"].isin(dim_area["area_code"])
    if not known.all():
        dropped = facts.loc[~known, "area_code"]
        logging.getLogger(__name__).info("%d snapshot row(s) of %d area code(s) outside dim_area not loaded (e.g. %s)",
                                         len(dropped), dropped.nunique(), ", ".join(sorted(dropped.unique())[:5]))  # fmt: skip
    return facts[known].reset_index(drop=True)


def source_releases(snapshot_dir: Path, sources: dict[str, snapshot.Source], snap_facts: pd.DataFrame,
                    live_facts: pd.DataFrame | None, releases: dict[str, dict]) -> pd.DataFrame:  # fmt: skip
    """meta_source_release: per statistics file (and live table) its newest period with a value, the
    publisher's update date and when the next period is due by the table's release rule."""
    rows = []
    with_value = snap_facts.dropna(subset=["value"])
    for source_id, part in with_value.groupby("source_id"):
        source = sources[source_id]
        updated = source.updated or (snapshot.json_export_updated(snapshot_dir, source) or "")[:10] or None
        rows.append(_release_row(source_id, source.source_table, part, updated, source.preliminary, releases))
    if live_facts is not None and not live_facts.empty:
        for table, part in live_facts.dropna(subset=["value"]).groupby("source_table"):
            prelim = bool(part["is_preliminary"].any()) if "is_preliminary" in part else False
            rows.append(_release_row(f"live_{table}", table, part, str(part["vintage"].max())[:10], prelim, releases))
    columns = ["source_id", "source_table", "newest_period", "oldest_period", "publisher_updated", "is_preliminary",
               "release_rhythm", "next_period", "next_release_due"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["publisher_updated"] = pd.to_datetime(frame["publisher_updated"], errors="coerce").dt.date
    return frame


def _release_row(source_id: str, table: str, part: pd.DataFrame, updated: str | None, preliminary: bool,
                 releases: dict[str, dict]) -> dict:  # fmt: skip
    periods = part["period"].astype(str)
    # Annual and monthly periods never share a file; max() of 'YYYY-MM' strings is the newest month.
    newest, oldest = periods.max(), periods.min()
    rule = releases.get(table)
    return {"source_id": source_id, "source_table": table, "newest_period": newest, "oldest_period": oldest,
            "publisher_updated": updated, "is_preliminary": preliminary,
            "release_rhythm": rule["rhythm"] if rule else None,
            "next_period": release_mod.next_period(newest, rule["rhythm"]) if rule else None,
            "next_release_due": release_mod.next_due(newest, rule) if rule else None}  # fmt: skip


def geometries(snapshot_dir: Path, sources: dict[str, snapshot.Source], dim_area: pd.DataFrame) -> pd.DataFrame:
    """Boundaries of the areas dim_area knows (the 2023 file has 309 municipalities, 2026 has 308)."""
    geo = snapshot.read_geometries(snapshot_dir, sources)
    return transform.sort(geo[geo["area_code"].isin(dim_area["area_code"])], ["area_code"])


def source_rows(snapshot_dir: Path, sources: dict[str, snapshot.Source],
                live: dict[str, pd.DataFrame]) -> pd.DataFrame:  # fmt: skip
    """meta_source: one row per snapshot file (rows = data rows in the file), plus one per live table."""
    rows = [
        {"source_id": s.id, "origin": "snapshot", "publisher": s.publisher, "statistic_fi": s.statistic_fi,
         "statistic_en": s.statistic_en, "statistic_sv": s.statistic_sv or s.statistic_fi, "source_table": s.source_table, "licence": s.licence,
         "attribution": s.attribution, "vintage": s.vintage, "coverage": s.coverage, "via": s.via,
         "file": s.file, "sha256": snapshot.sha256(snapshot_dir / s.file),
         "rows_loaded": snapshot.count_rows(snapshot_dir / s.file)}
        for s in sources.values()
    ]  # fmt: skip
    live_facts = live.get("fact_indicator")
    if live_facts is not None and not live_facts.empty:
        for table, rows_ in live_facts.groupby("source_table"):
            rows.append({"source_id": f"live_{table}", "origin": "live", "publisher": "Tilastokeskus",
                         "statistic_fi": f"StatFin {table}", "statistic_en": f"StatFin {table}",
                         "statistic_sv": f"StatFin {table}",
                         "source_table": table, "licence": "CC BY 4.0",
                         "attribution": f"Lähde: Tilastokeskus, StatFin, {table} (CC BY 4.0)",
                         "vintage": str(rows_["vintage"].max()),
                         "coverage": f"{rows_['period'].min()}–{rows_['period'].max()}", "via": None,
                         "file": None, "sha256": None, "rows_loaded": len(rows_)})  # fmt: skip
    return pd.DataFrame(rows)


def run_row(run: dict) -> dict:
    return {k: run.get(k) for k in ("run_id", "started_at", "rows")}


def outcome(message: str, run: dict, accept_shrink: str | None) -> str:
    """The meta_load_run message, with an accepted shrink and its reason (the audit of --accept-shrink)."""
    if not run.get("shrunk"):
        return message
    return f"{message}; shrink accepted ({accept_shrink}): " + "; ".join(run["shrunk"])


def build(paths: Paths | None = None, show_progress: bool = True, wait: float = 0.0,
          accept_shrink: str | None = None) -> BuildResult:  # fmt: skip
    """Build a new warehouse and make it current; on any failure the previous one stays current.

    Waits up to `wait` seconds for another build (buildlock.BuildLocked when it runs out)."""
    paths = paths or Paths.default()
    paths.warehouse_dir.mkdir(parents=True, exist_ok=True)
    with buildlock.hold(paths.warehouse_dir, wait):
        load.remove_leftovers(paths.warehouse_dir)  # of builds that died: no other build runs now
        return _build_locked(paths, show_progress, accept_shrink)


def _build_locked(paths: Paths, show_progress: bool, accept_shrink: str | None) -> BuildResult:
    started = datetime.now(UTC)
    run = {"run_id": started.strftime("%Y%m%dT%H%M%S%fZ"), "started_at": started, "rows": None}
    pending: list[eu_inbox.Pending] = []
    steps = tqdm(total=3, desc="etl build", unit="step", disable=not show_progress)
    try:
        steps.set_postfix_str("read + transform + validate")
        tables = assemble(paths, run, accept_shrink=accept_shrink, pending=pending)
        steps.update()
        steps.set_postfix_str("write")
        path = paths.warehouse_dir / f"wh-{run['run_id']}.duckdb"
        rows = load.write_warehouse(path, tables)
        steps.update()
        steps.set_postfix_str("swap")
        load.swap(paths.warehouse_dir, path)
        steps.update()
    except BaseException as exc:
        # Best effort: on a full disk the log line cannot be written either, and that must not hide `exc`.
        with contextlib.suppress(OSError):
            load.append_run(paths.warehouse_dir, {**run_row(run), "finished_at": datetime.now(UTC),
                                                  "status": "failed",
                                                  "message": f"{type(exc).__name__}: {exc}"[:2000]})  # fmt: skip
        raise
    finally:
        steps.close()
    eu_inbox.commit(pending, paths.raw_dir)  # only now: an inbox file is archived once it is served
    try:  # the new warehouse is current now: a failed log line must not make the CLI say it is not
        load.append_run(paths.warehouse_dir, {**run_row(run), "finished_at": datetime.now(UTC), "status": "ok",
                                              "rows": rows, "message": outcome(path.name, run, accept_shrink)})  # fmt: skip
    except OSError as exc:
        logging.getLogger(__name__).warning("built and swapped %s, but runs.jsonl was not written: %s", path.name, exc)
    counts = {name: len(frame) for name, frame in tables.items()}
    return BuildResult(run_id=run["run_id"], path=path, rows=rows, counts=counts, shrunk=run.get("shrunk") or [])
