"""Statistics Finland (StatFin) source: fetch the catalogue's tables, archive each response, load the archive.

Load / Process / Save, kept apart so a rebuild never needs the network:

* ``fetch_tables`` (network): for each table GET its metadata, work out the query from it (areas present in
  the table, totals for every variable the catalogue does not break down, only the content values the
  catalogue maps), POST it, and archive every response byte for byte under
  ``raw_dir/statfin/<table>/<sha256>.json`` with one line per response in ``raw_dir/statfin/manifest.jsonl``.
* ``load_archived`` (offline): read the manifest, parse each archived data response and map it to the
  warehouse's tidy tables (see ``statfin_rows``). When the same key was fetched more than once, the
  response of the higher-priority table wins, then the latest fetch.

The catalogue is ``etl/statfin_tables.toml``; variable roles are discovered from metadata
(``statfin_vars``), never hard-coded, so both the pre-2026 and the June 2026 codes work.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from tqdm import tqdm

from etl.pxweb import PxResponse, PxWebError, table_path
from etl.sources.statfin_rows import COLUMNS, KEYS, check_values, rows_from_doc
from etl.sources.statfin_spec import DEFAULT_SPEC_PATH, StatFinError, TableSpec, load_specs, load_tol2008
from etl.sources.statfin_vars import (
    Variable,
    discover,
    match_content,
    matching_values,
    total_code,
    variables_from_metadata,
)

__all__ = [
    "StatFinError",
    "archive_response",
    "build_selections",
    "fetch_tables",
    "load_archived",
    "read_manifest",
]

log = logging.getLogger(__name__)

SOURCE_DIR = "statfin"
MANIFEST = "manifest.jsonl"


class Client(Protocol):
    """What ``fetch_tables`` needs from a client (``etl.pxweb.PxWebClient`` or a test double)."""

    lang: str

    def fetch_metadata(self, table_id: str) -> PxResponse: ...

    def fetch_query(self, table_id: str, selections: dict[str, list[str]]) -> list[PxResponse]: ...


def _short(table_id: str) -> str:
    return table_path(table_id).removesuffix(".px")


# --------------------------------------------------------------------------- query building
def _select_areas(var: Variable, area_codes: list[str], table_id: str) -> list[str]:
    """Requested areas the table has, in the table's own spelling ('KU216' or bare '216')."""
    available = set(var.values)
    chosen, absent = [], []
    for code in area_codes:
        if code in available:
            chosen.append(code)
        elif code.startswith("KU") and code[2:] in available:
            chosen.append(code[2:])
        else:
            absent.append(code)
    if absent:
        log.info("%s: areas not in %s: %s", table_id, var.code, ", ".join(absent))
    if not chosen:
        raise StatFinError(f"{table_id}: none of the requested areas {area_codes} is in {var.code} ({var.text})")
    return chosen


def build_selections(spec: TableSpec, metadata: dict, area_codes: list[str]) -> dict[str, list[str]]:
    """The variable → values selection that answers everything the catalogue wants from one table."""
    table_id = spec.table_id
    layout = discover(variables_from_metadata(metadata), spec, table_id)
    selections: dict[str, list[str]] = {layout.time.code: list(layout.time.values)}
    areas = [layout.home_area, layout.work_area] if layout.home_area and layout.work_area else [layout.area]
    for var in areas:
        selections[var.code] = _select_areas(var, area_codes, table_id)
    if layout.content is not None:
        contents = [match_content(m, layout.content, table_id) for m in spec.measures]
        chosen = list(dict.fromkeys(code for code in contents if code is not None))
        if not chosen:
            offered = dict(zip(layout.content.values, layout.content.value_texts, strict=True))
            wanted = sorted({code for m in spec.measures for code in m.codes})
            raise StatFinError(f"{table_id}: no content value matches the catalogue (codes {', '.join(wanted) or '-'} "
                               f"or their labels); the table offers {offered}: update etl/statfin_tables.toml")  # fmt: skip
        selections[layout.content.code] = chosen
    axes = {m.breakdown for m in spec.measures if m.breakdown}
    for name in spec.breakdowns:
        var = layout.breakdowns.get(name)
        if var is None:
            # A measure reading this breakdown (its axis or a non-total `where`) cannot be answered without it:
            # fetching anyway would archive a table that silently lacks that measure.
            needs = [m.id for m in spec.measures if m.breakdown == name or m.where.get(name, "total") != "total"]
            if needs:
                offered = ", ".join(f"{v.code} ({v.text})" for v in variables_from_metadata(metadata))
                raise StatFinError(f"{table_id}: the metadata has no {name!r} dimension (/{spec.breakdowns[name]}/), "
                                   f"needed by {', '.join(needs)}; the table offers {offered}: update "
                                   "etl/statfin_tables.toml")  # fmt: skip
            log.warning("%s: breakdown %r (/%s/) not found in the metadata", table_id, name, spec.breakdowns[name])
            continue
        if name in axes:
            selections[var.code] = list(var.values)
            continue
        wanted = [total_code(var)] + [
            code for m in spec.measures if name in m.where for code in matching_values(var, m.where[name])
        ]
        selections[var.code] = list(dict.fromkeys(code for code in wanted if code is not None))
    for var in layout.fixed:
        total = total_code(var)
        if total is not None:
            selections[var.code] = [total]
        elif var.elimination:
            log.info("%s: %s has no total value; left out so PxWeb eliminates it", table_id, var.code)
        elif len(var.values) == 1:
            selections[var.code] = list(var.values)
        else:
            raise StatFinError(f"{table_id}: variable {var.code} ({var.text}) has no total and cannot be eliminated")
    return {code: values for code, values in selections.items() if values}


# --------------------------------------------------------------------------- archive
def _atomic_write(path: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def archive_response(raw_dir: Path | str, table_id: str, response: PxResponse, *, kind: str, lang: str) -> dict:
    """Store the response bytes under their sha256 and append their manifest line; returns that line."""
    table = _short(table_id)
    base = Path(raw_dir) / SOURCE_DIR
    folder = base / table
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(response.content).hexdigest()
    path = folder / f"{digest}.json"
    if not path.exists():  # content-addressed: identical bytes are already archived
        _atomic_write(path, response.content)
    entry = {
        "url": response.url,
        "table": table,
        "kind": kind,
        "query": response.request_body,
        "status": response.status,
        "sha256": digest,
        "bytes": len(response.content),
        "fetched_at": response.fetched_at,
        "lang": lang,
    }
    with open(base / MANIFEST, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return entry


def fetch_tables(
    client: Client,
    tables: Iterable[str],
    area_codes: list[str],
    raw_dir: Path | str,
    progress: bool | Callable[[str], Any] | None = None,
    *,
    specs: dict[str, TableSpec] | None = None,
    strict: bool = False,
    failures: dict[str, Exception] | None = None,
) -> list[dict]:
    """Fetch and archive ``tables`` (short ids such as '11re') for ``area_codes`` ('KU216', 'SK138', 'SSS').

    Returns the manifest lines written. A table that fails (HTTP error after retries, metadata that does not
    fit the catalogue, an answer with no values) is logged, put in ``failures`` (table → error) and skipped, so
    one broken table does not cost the others; ``strict=True`` raises instead. ``progress``: True shows a
    progress bar on stderr; a callable is called with each table id when that table is done.
    """
    specs = specs if specs is not None else load_specs(DEFAULT_SPEC_PATH)
    wanted = [_short(table) for table in tables]
    unknown = [table for table in wanted if table not in specs]
    if unknown:
        raise StatFinError(f"tables not in the catalogue: {', '.join(unknown)}")
    entries: list[dict] = []
    bar = tqdm(total=len(wanted), desc="statfin fetch", unit="table") if progress is True else None
    for table in wanted:
        try:
            meta = client.fetch_metadata(table)
            entries.append(archive_response(raw_dir, table, meta, kind="metadata", lang=client.lang))
            selections = build_selections(specs[table], meta.data, area_codes)
            responses = client.fetch_query(table, selections)
            # Checked before archiving: load_archived only warns about what it cannot map, so an empty or
            # unreadable answer must fail here, not be archived as if it were fetched.
            check_values(specs[table], [r.data for r in responses], lang=client.lang, tol=load_tol2008())
            for response in responses:
                entries.append(archive_response(raw_dir, table, response, kind="data", lang=client.lang))
        except (PxWebError, StatFinError) as exc:
            if strict:
                raise
            log.error("%s: not fetched: %s", table, exc)
            if failures is not None:
                failures[table] = exc
        if bar is not None:
            bar.set_postfix_str(table)
            bar.update(1)
        elif callable(progress):
            progress(table)
    if bar is not None:
        bar.close()
    return entries


# --------------------------------------------------------------------------- load
def read_manifest(raw_dir: Path | str) -> list[dict]:
    """Manifest lines in file order; a torn last line (interrupted fetch) is skipped with a warning."""
    path = Path(raw_dir) / SOURCE_DIR / MANIFEST
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entries.append(json.loads(line))
        except ValueError:
            log.warning("%s:%d is not valid JSON; skipped", path, number)
    return entries


def _fetched(entry: dict) -> datetime:
    when = datetime.fromisoformat(str(entry["fetched_at"]))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def load_archived(raw_dir: Path | str, *, spec_path: Path | str = DEFAULT_SPEC_PATH) -> dict[str, pd.DataFrame]:
    """Warehouse frames from every archived data response, keyed by target table (only non-empty ones)."""
    entries = [entry for entry in read_manifest(raw_dir) if entry.get("kind", "data") == "data"]
    if not entries:
        return {}
    specs, tol = load_specs(spec_path), load_tol2008(spec_path)
    parts: dict[str, list[pd.DataFrame]] = {}
    for order, entry in enumerate(sorted(entries, key=_fetched)):
        table = entry.get("table", "")
        spec = specs.get(table)
        if spec is None:
            log.warning("archived response of %s: table not in the catalogue; skipped", table)
            continue
        path = Path(raw_dir) / SOURCE_DIR / table / f"{entry['sha256']}.json"
        try:
            content = path.read_bytes()
        except OSError as exc:
            log.warning("%s: archived response missing (%s); skipped", table, exc)
            continue
        if hashlib.sha256(content).hexdigest() != entry["sha256"]:
            log.warning("%s: %s does not match its sha256; skipped", table, path)
            continue
        try:
            frames = rows_from_doc(
                json.loads(content),
                spec,
                fetched_at=entry["fetched_at"],
                lang=entry.get("lang", "fi"),
                tol=tol,
            )
        except (ValueError, KeyError) as exc:  # JsonStatError and StatFinError are ValueErrors
            log.warning("%s: %s could not be mapped: %s", table, path.name, exc)
            continue
        for target, frame in frames.items():
            parts.setdefault(target, []).append(frame.assign(_priority=spec.priority, _order=order))
    out: dict[str, pd.DataFrame] = {}
    for target, frames in parts.items():
        frame = pd.concat(frames, ignore_index=True).sort_values(["_priority", "_order"], kind="stable")
        frame = frame.drop_duplicates(KEYS[target], keep="last").sort_values(KEYS[target], kind="stable")
        out[target] = frame[COLUMNS[target]].reset_index(drop=True)
    return {target: frame for target, frame in out.items() if len(frame)}
