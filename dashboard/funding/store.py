"""Writes of the coordinator's project data to the app's own store — every one audited via state.write
(who, when, before, after) and refused for non-editors, so a page that forgot its guard still could not
let a viewer write. Reads are in dashboard/funding/projects.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from dashboard.core import store as state
from dashboard.core.auth import User
from dashboard.funding import projects


class EditError(ValueError):
    """Nothing was written; `str(error)` is a locale key for the reason."""


def _check(user: User) -> None:
    if not user.is_editor:
        raise PermissionError("only editors can change project data")


def _now() -> datetime:
    return datetime.now(UTC)


def _record(frame, column: str, value: object) -> dict | None:
    rows = frame[frame[column] == value]
    return None if rows.empty else rows.iloc[0].to_dict()


def assign(user: User, project_id: str, area_codes: list[str], not_ours: bool, note: str = "") -> None:
    """Place a register project in municipalities, or mark it as not the sub-region's."""
    _check(user)
    if not not_ours and not area_codes:
        raise EditError("funding.error_no_municipality")
    before = _record(projects.store().assignments, "project_id", project_id)
    params = {
        "project_id": project_id,
        "area_codes": None if not_ours else ";".join(area_codes),
        "not_ours": not_ours,
        "note": note.strip() or None,
        "assigned_by": user.name,
        "assigned_at": _now(),
    }
    state.write(user.name, "update" if before else "create", "project_assignment", project_id,
                [("proj_assignment_upsert", params)], before=before, after=params)  # fmt: skip


def clear_assignment(user: User, project_id: str) -> None:
    _check(user)
    before = _record(projects.store().assignments, "project_id", project_id)
    state.write(user.name, "delete", "project_assignment", project_id,
                [("proj_assignment_delete", {"project_id": project_id})], before=before)  # fmt: skip


PROJECT_FIELDS = ("name", "fund", "fund_group", "programme_period", "implementer", "municipality_codes",
                  "start_date", "end_date", "status", "granted_eur", "realised_eur", "funding_as_stated",
                  "summary", "source_url", "notes")  # fmt: skip


def _project_params(user: User, record: dict, origin: str) -> dict:
    params = {k: record.get(k) for k in PROJECT_FIELDS}
    params.update(project_id=record["project_id"].strip(), origin=origin, updated_by=user.name, updated_at=_now())
    for key in ("start_date", "end_date"):
        if isinstance(params[key], str):
            params[key] = date.fromisoformat(params[key]) if params[key] else None
    if not params["project_id"]:
        raise EditError("funding.error_missing_code")
    if not (params["name"] or "").strip():
        raise EditError("funding.error_missing_name")
    if params["start_date"] and params["end_date"] and params["end_date"] < params["start_date"]:
        raise EditError("funding.error_end_before_start")
    params["fund_group"] = params["fund_group"] or "unknown"
    return params


def save_project(user: User, record: dict) -> None:
    """Create or update one coordinator project (typed in the editor form)."""
    _check(user)
    params = _project_params(user, record, "form")
    before = _record(projects.store().projects, "project_id", params["project_id"])
    state.write(user.name, "update" if before else "create", "project", params["project_id"],
                [("proj_project_upsert", params)], before=before, after=params)  # fmt: skip


def delete_project(user: User, project_id: str) -> None:
    _check(user)
    before = _record(projects.store().projects, "project_id", project_id)
    state.write(user.name, "delete", "project", project_id, [("proj_project_delete", {"project_id": project_id})],
                before=before)  # fmt: skip


def import_template(user: User, records: list[dict], sha256: str, original_name: str) -> int:
    """Upsert every row of a validated template file in one transaction (all or nothing); returns rows."""
    _check(user)
    origin = f"template:{sha256[:12]}"
    rows = [_project_params(user, {**r, "project_id": r["project_code"], "granted_eur": r.get("granted"),
                                   "realised_eur": r.get("realised"),
                                   "municipality_codes": ";".join(r.get("municipality_codes") or []) or None,
                                   "start_date": r.get("start_date"), "end_date": r.get("end_date")}, origin)
            for r in records]  # fmt: skip
    existing = projects.store().projects.set_index("project_id")
    before = {
        r["project_id"]: existing.loc[r["project_id"]].to_dict() for r in rows if r["project_id"] in existing.index
    }
    statements = [("proj_project_upsert", r) for r in rows]
    statements.append(("proj_import_insert", {"sha256": sha256, "original_name": original_name, "rows": len(rows),
                                              "imported_by": user.name, "imported_at": _now()}))  # fmt: skip
    state.write(user.name, "import", "project", origin, statements, before=before or None,
                after={r["project_id"]: r for r in rows})  # fmt: skip
    return len(rows)


def set_tags(user: User, project_id: str, spearheads: list[str], indicator_ids: list[str], note: str) -> None:
    """Replace a project's spearhead tags, linked outcome indicators and note, in one audited write."""
    _check(user)
    unknown = set(spearheads) - set(projects.SPEARHEADS)
    if unknown:
        raise EditError("funding.error_unknown_spearhead")
    store = projects.store()
    before = {"spearheads": store.spearheads.loc[store.spearheads["project_id"] == project_id, "spearhead"].tolist(),
              "indicators": projects.links(project_id),
              "note": (_record(store.notes, "project_id", project_id) or {}).get("note")}  # fmt: skip
    statements = [("proj_spearheads_delete", {"project_id": project_id}),
                  ("proj_links_delete", {"project_id": project_id})]  # fmt: skip
    statements += [("proj_spearhead_insert", {"project_id": project_id, "spearhead": s}) for s in spearheads]
    statements += [("proj_link_insert", {"project_id": project_id, "indicator_id": i}) for i in indicator_ids]
    if note.strip():
        statements.append(("proj_note_upsert", {"project_id": project_id, "note": note.strip(),
                                                "updated_by": user.name, "updated_at": _now()}))  # fmt: skip
    else:
        statements.append(("proj_note_delete", {"project_id": project_id}))
    after = {"spearheads": spearheads, "indicators": indicator_ids, "note": note.strip() or None}
    state.write(user.name, "update", "project_tags", project_id, statements, before=before, after=after)


def add_kpi(user: User, project_id: str, name: str, unit: str, target: float | None, achieved: float | None,
            as_of: str, source: str) -> None:  # fmt: skip
    _check(user)
    if not name.strip():
        raise EditError("funding.error_missing_name")
    params = {"project_id": project_id, "name": name.strip(), "unit": unit.strip() or None, "target_value": target,
              "achieved_value": achieved, "as_of": as_of.strip() or None, "source": source.strip() or None,
              "updated_by": user.name, "updated_at": _now()}  # fmt: skip
    state.write(user.name, "create", "project_kpi", project_id, [("proj_kpi_insert", params)], after=params)


def delete_kpi(user: User, kpi_id: int) -> None:
    _check(user)
    before = _record(projects.store().kpis, "kpi_id", kpi_id)
    state.write(user.name, "delete", "project_kpi", str(kpi_id), [("proj_kpi_delete", {"kpi_id": kpi_id})],
                before=before)  # fmt: skip


def set_target(user: User, indicator_id: str, area_code: str, target: float, year: int | None, source: str) -> None:
    """The scorecard target of one indicator in one area (replaces an earlier one)."""
    _check(user)
    targets = projects.store().targets
    hit = targets[(targets["indicator_id"] == indicator_id) & (targets["area_code"] == area_code)]
    before = None if hit.empty else hit.iloc[0].to_dict()
    params = {
        "indicator_id": indicator_id,
        "area_code": area_code,
        "target_value": float(target),
        "target_year": year,
        "source": source.strip() or None,
        "updated_by": user.name,
        "updated_at": _now(),
    }
    state.write(user.name, "update" if before else "create", "indicator_target", f"{indicator_id}/{area_code}",
                [("proj_target_upsert", params)], before=before, after=params)  # fmt: skip


def delete_target(user: User, indicator_id: str, area_code: str) -> None:
    _check(user)
    targets = projects.store().targets
    hit = targets[(targets["indicator_id"] == indicator_id) & (targets["area_code"] == area_code)]
    state.write(user.name, "delete", "indicator_target", f"{indicator_id}/{area_code}",
                [("proj_target_delete", {"indicator_id": indicator_id, "area_code": area_code})],
                before=None if hit.empty else hit.iloc[0].to_dict())  # fmt: skip


MEASURES = ("allocation", "committed", "paid", "target_per_resident")


def add_allocation(user: User, period: str, fund: str, area_code: str, measure: str, amount: float, basis: str,
                   as_of: date | None, source_url: str, source_text: str) -> None:  # fmt: skip
    """A funding-position figure with its source (a figure without a source is refused)."""
    _check(user)
    if not source_url.strip():
        raise EditError("funding.error_source_required")
    if measure not in MEASURES:
        raise EditError("funding.error_unknown_measure")
    params = {"programme_period": period, "fund": fund, "area_code": area_code, "measure": measure,
              "amount": float(amount), "unit": "EUR/resident/year" if measure == "target_per_resident" else "EUR",
              "basis": basis or None, "as_of": as_of, "source_url": source_url.strip(),
              "source_text": source_text.strip() or None, "updated_by": user.name, "updated_at": _now()}  # fmt: skip
    state.write(user.name, "create", "funding_allocation", f"{period}/{fund}/{area_code}/{measure}",
                [("proj_allocation_insert", params)], after=params)  # fmt: skip


def delete_allocation(user: User, allocation_id: int) -> None:
    _check(user)
    before = _record(projects.store().allocations, "allocation_id", allocation_id)
    state.write(user.name, "delete", "funding_allocation", str(allocation_id),
                [("proj_allocation_delete", {"allocation_id": allocation_id})], before=before)  # fmt: skip
