"""EU funding source: register project lists (shipped EURA 2007/2014 lists + archived uploads), the web-page
project list, stated facts and aid areas → the warehouse's fact_eu_* tables.

Load: the shipped files in data/snapshot/eu_funding/ and every archived upload in data/raw/eu_funds/ (in
manifest order). Process: one row per project id, a later import of the same code replacing the earlier
one; municipality attribution with its basis (the compiler's match in the shipped lists — only for the
municipalities it was compiled for, see eu_formats.toml — the location or LAU column of uploads, otherwise
a name rule on the region's focus municipalities from region.toml and the classification, flagged `_rule`).
Save: frames shaped like the tables in etl/sql/schema.sql. The region comes from region.toml only.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.region import Region
from etl.sources import eu_archive, eu_facts, eu_inbox, eu_parse
from etl.sources.snapshot import SnapshotError, Source

log = logging.getLogger(__name__)
INBOX = eu_inbox.INBOX  # data/raw/eu_funds/inbox/: drop files here; the next build takes them in (eu_inbox.py)
TEMPLATE_REGISTER = "coordinator"  # register of template rows the build took from the inbox (the app's label)

REGISTER_FILES = (("eu_eura2007", "eura2007"), ("eu_eura2014", "eura2014"))
PROJECT_COLUMNS = [
    "project_id", "project_code", "register", "source_id", "source_line", "programme_period", "period_as_stated",
    "fund", "fund_group", "name", "programme_section", "priority_axis", "authority", "status", "start_date",
    "end_date", "start_year", "end_year", "dates_as_stated", "implementer", "business_id", "partners",
    "granted_eu_state", "realised_eu_state", "planned_public_total", "realised_public_total", "total_budget",
    "eu_contribution", "municipal_funding", "funding_as_stated", "summary", "location_as_stated",
    "region_authority", "in_region", "match_hint", "source_url", "source_url_2", "page_date_shown", "notes",
]  # fmt: skip
AREA_COLUMNS = ["project_id", "area_code", "basis", "partial"]
_VOWELS = "aeiouyäöå"


class EuSourceError(SnapshotError):
    """An EU file in the snapshot or the archive does not parse; the previous warehouse stays current."""


def stem(name: str) -> str:
    """Name stem that also matches inflected forms: 'Keski-Suomi' → 'keski-suom' ('Keski-Suomen liitto'),
    'Jyväskylä' → 'jyväskyl' ('Jyväskylän kaupunki'). Short stems would over-match, so they stay whole."""
    text = name.strip().lower()
    cut = text.rstrip(_VOWELS) if text[-1:] in _VOWELS else text[:-3]
    return cut if len(cut) >= 5 else text


@dataclass(frozen=True)
class RegionContext:
    """What 'a project of our region' means, derived from region.toml and the 2026 classification."""

    members: frozenset[str]  # the region, its sub-regions and municipalities
    focus_stems: dict[str, str]  # focus municipality → name stem
    region_stem: str
    large_area_stem: str
    nuts3: frozenset[str]
    nuts3_names: frozenset[str]
    compiled: frozenset[str] = frozenset()  # municipalities the shipped lists' x_focus8 match was made for
    compiled_region: bool = True  # the shipped lists' x_keski_suomi_authority column is about our region

    @classmethod
    def build(
        cls,
        dim_area: pd.DataFrame,
        classification: pd.DataFrame,
        region: Region,
        aliases: dict,
        compiled: tuple[frozenset[str], str | None] = (frozenset(), None),
    ) -> RegionContext:
        cls_rows = classification[classification["maakunta_code"].map(lambda c: f"MK{int(c):02d}") == region.region]
        members = set(dim_area.loc[dim_area["parent_code"] == region.region, "area_code"]) | {region.region}
        members |= set("KU" + cls_rows["municipality_code_3"].astype(str).str.zfill(3))
        names = dim_area.set_index("area_code")["name_fi"]
        nuts = set(cls_rows["nuts3_code"]) | {old for old, new in aliases.items() if new in set(cls_rows["nuts3_code"])}
        nuts_names = {eu_parse.norm(n) for col in ("nuts3_name_fi", "nuts3_name_sv", "nuts3_name_en")
                      for n in cls_rows[col]}  # fmt: skip
        return cls(frozenset(members), {code: stem(names[code]) for code in region.focus}, stem(names[region.region]),
                   stem(str(cls_rows["suuralue_name_fi"].iloc[0])), frozenset(nuts), frozenset(nuts_names),
                   frozenset(compiled[0]), compiled[1] in (None, region.region))  # fmt: skip

    def authority_match(self, authority: str | None) -> bool:
        return self.region_stem in eu_parse.norm(authority or "")

    def section_ok(self, section: str | None) -> bool:
        """EURA 2007 rows name a programme section; another large area's section is not our region."""
        return not section or eu_parse.norm(section).startswith(self.large_area_stem)

    def name_rule(self, record: dict) -> list[tuple[str, str]]:
        """Focus municipalities whose name stem appears in the implementer or project name."""
        hits = []
        for code, word in self.focus_stems.items():
            fields = [f for f in ("implementer", "name") if word in eu_parse.norm(record.get(f) or "")]
            if fields:
                hits.append((code, ";".join(f"{'implementer' if f == 'implementer' else 'project'}_name_rule"
                                            for f in fields)))  # fmt: skip
        return hits


def project_id(record: dict) -> str:
    code = record["project_code"]
    if record["kind"] == "kohesio":
        match = re.search(r"(Q\d+)$", code)
        return f"kohesio:{match.group(1) if match else code}"
    return code


def register_record(record: dict, source_id: str, columns: set[str], ctx: RegionContext) -> tuple[dict, list[dict]]:
    """A parsed register row → (fact_eu_project row, fact_eu_project_area rows)."""
    pid = project_id(record)
    if "municipality_codes" in columns:
        # The compiler's match covers only the municipalities it was made for: trusted (a match, or "none
        # found") for those of our focus; our other focus municipalities get the name rule.
        basis = record["match_basis"] or "register"
        areas = [(code, basis) for code in record["municipality_codes"] if code in ctx.focus_stems]
        areas += [hit for hit in ctx.name_rule(record) if hit[0] not in ctx.compiled]
    elif record["municipality_codes"]:
        basis = record["match_basis"] or "register"
        areas = [(code, basis) for code in record["municipality_codes"]]
    else:
        areas = ctx.name_rule(record)
    if "region_authority" in columns and record["region_authority"] is not None and ctx.compiled_region:
        authority = record["region_authority"]
    else:
        authority = ctx.authority_match(record["authority"]) if record["authority"] else None
    nuts_hit = (
        bool({record.get("nuts3")} & ctx.nuts3) or eu_parse.norm(record.get("nuts3_label") or "") in ctx.nuts3_names
    )
    in_region = bool(authority and ctx.section_ok(record["programme_section"])) or nuts_hit or \
        any(code in ctx.members for code, _ in areas)  # fmt: skip
    start, end = record["start_date"], record["end_date"]
    row = {
        "project_id": pid, "project_code": record["project_code"], "register": record["kind"],
        "source_id": source_id, "source_line": record["x_source_line"] or record["source_line"],
        "programme_period": record["programme_period"], "period_as_stated": None, "fund": record["fund"],
        "fund_group": record["fund_group"], "name": record["name"],
        "programme_section": record["programme_section"] or record.get("programme"),
        "priority_axis": record["priority_axis"], "authority": record["authority"], "status": record["status"],
        "start_date": start, "end_date": end, "start_year": start.year if start else None,
        "end_year": end.year if end else None, "dates_as_stated": None, "implementer": record["implementer"],
        "business_id": record["business_id"], "partners": None, "granted_eu_state": record["granted"],
        "realised_eu_state": record["realised"], "planned_public_total": record["planned_public"],
        "realised_public_total": record["realised_public"], "total_budget": record["total_budget"],
        "eu_contribution": record["eu_contribution"], "municipal_funding": None, "funding_as_stated": None,
        "summary": record["summary"], "location_as_stated": record["location"] or record.get("lau"),
        "region_authority": authority, "in_region": in_region, "match_hint": record["org_match"],
        "source_url": None, "source_url_2": None, "page_date_shown": None, "notes": record["notes"],
    }  # fmt: skip
    return row, [{"project_id": pid, "area_code": c, "basis": b, "partial": False} for c, b in areas]


def tables(snapshot_dir: Path, raw_dir: Path, sources: dict[str, Source], dim_area: pd.DataFrame,
           classification: pd.DataFrame, region: Region,
           pending: list[eu_inbox.Pending] | None = None) -> dict[str, pd.DataFrame]:  # fmt: skip
    """Every fact_eu_* table and meta_eu_import, ready for load.write_warehouse.

    Valid inbox files are loaded as the newest imports and appended to `pending`; the caller archives
    them (eu_inbox.commit) once the new warehouse is current. A refused one raises eu_inbox.InboxRefused."""
    conf = eu_parse.formats()
    lookup = eu_parse.municipality_lookup(dim_area)
    inbox = eu_inbox.scan(raw_dir, lookup)
    compiled = (frozenset(conf.get("compiled_for_municipalities", ())), conf.get("compiled_for_region"))
    ctx = RegionContext.build(dim_area, classification, region, conf.get("nuts3_aliases", {}), compiled)
    projects: dict[str, dict] = {}
    areas: dict[str, list[dict]] = {}

    def add(row: dict, area_rows: list[dict]) -> None:
        projects.pop(row["project_id"], None)  # re-insert so a replaced project moves to its import position
        projects[row["project_id"]] = row
        areas[row["project_id"]] = area_rows

    for source_id, kind in REGISTER_FILES:
        result = _parse(snapshot_dir / sources[source_id].file, lookup, kind)
        for record in result.rows:
            add(*register_record(record, source_id, result.columns, ctx))
    curated, curated_areas = eu_facts.curated_projects(snapshot_dir, sources["eu_curated_web"],
                                                       conf["fund_groups"]["rules"])  # fmt: skip
    for row in curated:
        add(row, [a for a in curated_areas if a["project_id"] == row["project_id"]])
    for row in curated:
        row["in_region"] = any(a["area_code"] in ctx.members for a in areas[row["project_id"]])
    imports = []

    def load(entry: dict, result: eu_parse.ParseResult, path: Path) -> None:
        if not result.register and entry.get("via") != INBOX:
            return  # an uploaded template holds coordinator data: the app's store has it
        rows = [register_record(r, f"{entry.get('via') or 'upload'}:{entry['sha256'][:12]}", result.columns, ctx)
                for r in result.rows]  # fmt: skip
        if not result.register:  # the coordinator's own projects: kept whole, never trimmed, never a register's
            clash = [f"row {r['source_line']} project_code: {r['project_id']} is a register project; a template "
                     "never replaces one (import the register file instead)"
                     for r, _ in rows if r["project_id"] in projects]  # fmt: skip
            if clash and path.parent.name == INBOX:  # still in the inbox: refuse it whole
                raise eu_inbox.InboxRefused([eu_inbox.refuse(path, clash)])
            if clash:  # archived earlier, before a register brought the same code: the register's row wins
                log.warning("%s: %d template row(s) skipped, their codes are register projects now",
                            entry.get("original_name"), len(clash))  # fmt: skip
                rows = [(r, a) for r, a in rows if r["project_id"] not in projects]
            for row, _ in rows:
                row["register"], row["in_region"] = TEMPLATE_REGISTER, True
        loaded = 0
        for row, area_rows in rows:
            if not result.register or row["in_region"] or row["region_authority"]:  # same trimming as shipped lists
                add(row, area_rows)
                loaded += 1
        imports.append({**entry, "rows_loaded": loaded})

    for entry in eu_archive.read_manifest(raw_dir):
        if not conf["format"][entry["kind"]]["register"] and entry.get("via") != INBOX:
            continue  # skip the parse too
        path = eu_archive.archive_dir(raw_dir) / entry["file"]
        load(entry, _parse(path, lookup, entry["kind"]), path)
    for item in inbox:
        load(item.line, item.result, item.path)
    if pending is not None:
        pending.extend(inbox)
    project_frame = pd.DataFrame(list(projects.values()), columns=PROJECT_COLUMNS)
    area_frame = pd.DataFrame([a for rows in areas.values() for a in rows], columns=AREA_COLUMNS)
    area_frame = area_frame[area_frame["area_code"].isin(dim_area["area_code"])].drop_duplicates(
        ["project_id", "area_code"])  # fmt: skip
    return {
        "fact_eu_project": project_frame.sort_values("project_id").reset_index(drop=True),
        "fact_eu_project_area": area_frame.sort_values(["project_id", "area_code"]).reset_index(drop=True),
        "fact_eu_fact": eu_facts.facts(snapshot_dir, sources["eu_facts"]),
        "fact_aid_area": eu_facts.aid_areas(snapshot_dir, sources["eu_aid_areas"]),
        "fact_aid_intensity": eu_facts.aid_intensity(snapshot_dir, sources["eu_aid_intensity"]),
        "meta_eu_import": _imports(imports),
    }


def _parse(path: Path, lookup: dict[str, str], kind: str) -> eu_parse.ParseResult:
    try:
        result = eu_parse.parse(path, lookup, expect=kind)
    except (eu_parse.FormatError, OSError) as exc:
        raise EuSourceError(f"{path}: {exc}") from exc
    if result.errors:
        first = "; ".join(f"row {e.row} {e.field}: {e.reason} {e.value!r}" for e in result.errors[:5])
        raise EuSourceError(f"{path}: {len(result.errors)} bad row(s): {first}")
    return result


def _imports(entries: list[dict]) -> pd.DataFrame:
    columns = ["import_no", "sha256", "kind", "file", "original_name", "rows", "rows_loaded", "archived_at"]
    frame = pd.DataFrame(entries, columns=columns[1:])
    frame.insert(0, "import_no", range(1, len(frame) + 1))
    frame["archived_at"] = pd.to_datetime(frame["archived_at"])
    return frame[columns]
