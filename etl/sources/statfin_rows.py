"""Turn one archived StatFin response (json-stat2 or PxWeb ``json``) into warehouse rows, as the catalogue says.

Targets and their columns (the contract with the build step):

* ``fact_indicator``: indicator_id, area_code, period, value, status, source_table, vintage, is_preliminary
* ``fact_population_age``: area_code, year, age_group, population, source_table, vintage
* ``fact_projection_age``: projection, area_code, year, age, population, source_table
* ``fact_jobs_industry``: area_code, year, industry_code, industry_fi, industry_en, jobs, source_table,
  vintage
* ``fact_commuting_flow``: home_area_code, work_area_code, year, persons, source_table, vintage

Area codes are PxWeb's (``KU216``, ``SK138``, ``MK13``, ``SSS``); a bare 3-digit municipality code gets
``KU``. Periods become ``YYYY`` or ``YYYY-MM`` (``2023M10`` → ``2023-10``). ``vintage`` is the dataset's
``updated`` date, else the fetch date. Cell status (``..``, ``.``) is kept; values stay NaN when missing.
"""

from __future__ import annotations

import logging
import re

import pandas as pd

from etl import jsonstat, pxjson
from etl.sources.statfin_spec import MeasureSpec, StatFinError, TableSpec
from etl.sources.statfin_vars import (
    Layout,
    discover,
    match_content,
    matching_values,
    total_code,
    variables_from_doc,
)

__all__ = ["COLUMNS", "KEYS", "check_values", "normalise_area", "normalise_period", "rows_from_doc"]

log = logging.getLogger(__name__)

COLUMNS = {
    "fact_indicator": [
        "indicator_id",
        "area_code",
        "period",
        "value",
        "status",
        "source_table",
        "vintage",
        "is_preliminary",
    ],
    "fact_population_age": ["area_code", "year", "age_group", "population", "source_table", "vintage"],
    "fact_projection_age": ["projection", "area_code", "year", "age", "population", "source_table"],
    "fact_jobs_industry": [
        "area_code",
        "year",
        "industry_code",
        "industry_fi",
        "industry_en",
        "jobs",
        "source_table",
        "vintage",
    ],
    "fact_commuting_flow": ["home_area_code", "work_area_code", "year", "persons", "source_table", "vintage"],
}
VALUE = {"fact_indicator": "value", "fact_population_age": "population", "fact_projection_age": "population",
         "fact_jobs_industry": "jobs", "fact_commuting_flow": "persons"}  # fmt: skip
KEYS = {
    "fact_indicator": ["indicator_id", "area_code", "period"],
    "fact_population_age": ["area_code", "year", "age_group"],
    "fact_projection_age": ["projection", "area_code", "year", "age"],
    "fact_jobs_industry": ["area_code", "year", "industry_code"],
    "fact_commuting_flow": ["home_area_code", "work_area_code", "year"],
}


def normalise_area(codes: pd.Series) -> pd.Series:
    """'216' → 'KU216'; PxWeb codes (KU216, SK138, MK13, SSS) unchanged."""
    codes = codes.astype(str)
    return codes.where(~codes.str.fullmatch(r"\d{3}"), "KU" + codes)


def normalise_period(periods: pd.Series) -> pd.Series:
    """'2023' stays, '2023M10' → '2023-10'; anything else becomes NA (the caller drops it)."""
    periods = periods.astype(str)
    monthly = periods.str.extract(r"^(\d{4})M(\d{1,2})$")
    out = pd.Series(pd.NA, index=periods.index, dtype=object)
    yearly = periods.str.fullmatch(r"\d{4}")
    out[yearly] = periods[yearly]
    has_month = monthly[0].notna()
    out[has_month] = monthly.loc[has_month, 0] + "-" + monthly.loc[has_month, 1].str.zfill(2)
    return out


def _age_group(code: str) -> str | None:
    """'000' → '0', '100-' → '100-', '20-24' → '20-24'; the total → None."""
    if re.fullmatch(r"S+", code):
        return None
    match = re.fullmatch(r"0*(\d+)(?:-0*(\d*))?", code)
    if not match:
        return code
    low, high = match.groups()
    if high is None:
        return str(int(low)) if "-" not in code else f"{int(low)}-"
    return f"{int(low)}-{int(high)}" if high else f"{int(low)}-"


def _single_age(code: str) -> int | None:
    """Integer age for the projection table ('100-' → 100); None for totals and age groups."""
    match = re.fullmatch(r"0*(\d+)-?", code)
    return int(match.group(1)) if match else None


def _condition(frame: pd.DataFrame, var, pattern: str, where: str) -> pd.Series | None:
    """Rows where ``var`` has the value(s) selected by ``pattern``; None when that is not unambiguous."""
    values = matching_values(var, pattern)
    if len(values) != 1:
        log.warning("%s: %s %r selects %s of %s; skipped", where, var.code, pattern, values or "none", var.values)
        return None
    return frame[var.code] == values[0]


def _base_mask(frame: pd.DataFrame, layout: Layout, table_id: str) -> pd.Series | None:
    """Rows where every fixed variable is at its total (or at its only value when no total is known)."""
    mask = pd.Series(True, index=frame.index)
    for var in layout.fixed:
        total = total_code(var)
        if total is not None:
            mask &= frame[var.code] == total
        elif len(var.values) > 1:
            log.warning("%s: variable %s has no total among %s; response skipped", table_id, var.code, var.values)
            return None
    return mask


def _measure_mask(
    frame: pd.DataFrame, layout: Layout, spec: TableSpec, measure: MeasureSpec, code: str | None
) -> pd.Series | None:
    """Rows holding ``measure``: its content value, its ``where`` values, totals of other breakdowns."""
    where = f"{spec.table_id}/{measure.id}"
    if layout.content is not None and code is None:
        return None
    mask = pd.Series(True, index=frame.index)
    if layout.content is not None:
        mask &= frame[layout.content.code] == code
    for name in spec.breakdowns:
        var = layout.breakdowns.get(name)
        pattern = measure.where.get(name, "total")
        if name == measure.breakdown:
            if var is None:
                log.warning("%s: breakdown %r not in the response; skipped", where, name)
                return None
            continue
        if var is None:
            if pattern == "total":
                continue  # the variable was eliminated, which PxWeb answers with its total
            log.warning("%s: breakdown %r not in the response; skipped", where, name)
            return None
        condition = _condition(frame, var, pattern, where)
        if condition is None:
            return None
        mask &= condition
    return mask


def _industry(codes: pd.Series, labels: pd.Series, lang: str, tol: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """TOL 2008 section letter and fi/en names; rows that are not a section (totals, sub-levels) get NA."""
    letter = codes.str.split("-", n=1).str[-1].str.upper()
    from_label = labels.str.extract(r"^([A-X])\b\s*", expand=False)
    letter = letter.where(letter.str.fullmatch(r"[A-X]"), from_label)
    name = labels.str.replace(r"^[A-X]\s+", "", regex=True)
    fi = letter.map(lambda x: tol.get(x, (None, None))[0] if isinstance(x, str) else None)
    en = letter.map(lambda x: tol.get(x, (None, None))[1] if isinstance(x, str) else None)
    out = pd.DataFrame({"industry_code": letter})
    out["industry_fi"] = name.where(pd.Series(lang == "fi", index=name.index), fi)
    out["industry_en"] = name.where(pd.Series(lang == "en", index=name.index), en).fillna(name)
    return out


def _tidy_rows(frame: pd.DataFrame, layout: Layout, measure: MeasureSpec, rows: pd.Series, ctx: dict) -> pd.DataFrame:
    """Rows of the age, projection and industry tables (annual data only)."""
    area, year, lang, tol = ctx["area"][rows], ctx["period"][rows].astype(int), ctx["lang"], ctx["tol"]
    var = layout.breakdowns[measure.breakdown]
    codes = frame.loc[rows, var.code]
    values = frame.loc[rows, "value"]
    is_total = codes.str.fullmatch(r"S+").to_numpy()
    if measure.target == "fact_population_age":
        part = pd.DataFrame({"area_code": area, "year": year, "age_group": codes.map(_age_group)})
        part["population"] = values
    elif measure.target == "fact_projection_age":
        part = pd.DataFrame({"projection": measure.projection or "", "area_code": area, "year": year})
        part["age"] = codes.map(_single_age)
        part["population"] = values
        part = part[~is_total & part["age"].notna().to_numpy()].astype({"age": int})
        return part.assign(source_table=ctx["table"])
    else:  # fact_jobs_industry
        names = _industry(codes, frame.loc[rows, f"{var.code}_label"], lang, tol)
        part = pd.concat([pd.DataFrame({"area_code": area, "year": year}), names], axis=1)
        part["jobs"] = values
        is_total = is_total | part["industry_code"].isna().to_numpy()  # totals and sub-levels
    return part[~is_total].assign(source_table=ctx["table"], vintage=ctx["vintage"])


def _flow_rows(frame: pd.DataFrame, layout: Layout, rows: pd.Series, ctx: dict) -> pd.DataFrame:
    home = normalise_area(frame.loc[rows, layout.home_area.code])
    work = normalise_area(frame.loc[rows, layout.work_area.code])
    part = pd.DataFrame({"home_area_code": home, "work_area_code": work, "year": ctx["period"][rows].astype(int)})
    part["persons"] = frame.loc[rows, "value"]
    # Totals are not flows between two areas; they are in fact_indicator already.
    between = ~(home.str.fullmatch("S+") | work.str.fullmatch("S+")).to_numpy()
    return part[between].assign(source_table=ctx["table"], vintage=ctx["vintage"])


def rows_from_doc(
    doc: dict, spec: TableSpec, *, fetched_at: str, lang: str, tol: dict[str, tuple[str, str]]
) -> dict[str, pd.DataFrame]:
    """Warehouse rows from one json-stat2 or ``json`` response of ``spec.table_id``, keyed by target table."""
    table_id = spec.table_id
    frame = pxjson.parse(doc) if pxjson.is_pxjson(doc) else jsonstat.parse(doc)
    layout = discover(variables_from_doc(doc), spec, table_id)
    updated = str(frame.attrs.get("updated") or "")
    vintage = updated[:10] if re.match(r"\d{4}-\d{2}-\d{2}", updated) else fetched_at[:10]
    contents = [match_content(m, layout.content, table_id) for m in spec.measures]
    if layout.content is not None:
        for code in sorted(set(layout.content.values) - set(contents)):
            label = layout.content.label(code)
            log.info("%s: content %r (%s) is not in the catalogue; skipped", table_id, code, label)
    base = _base_mask(frame, layout, table_id)
    if base is None:
        return {}
    period = normalise_period(frame[layout.time.code])
    bad = frame.loc[period.isna(), layout.time.code].unique()
    if len(bad):
        log.warning("%s: periods %s are neither YYYY nor YYYYMmm; skipped", table_id, list(bad)[:5])
    base &= period.notna()
    annual = period.str.fullmatch(r"\d{4}").fillna(False).astype(bool)
    other = layout.other_area
    indicator_base = base if other is None else base & (frame[other.code] == total_code(other))
    ctx = {
        "area": normalise_area(frame[layout.area.code]),
        "period": period,
        "table": table_id,
        "vintage": vintage,
        "lang": lang,
        "tol": tol,
    }

    out: dict[str, list[pd.DataFrame]] = {}
    for measure, code in zip(spec.measures, contents, strict=True):
        mask = _measure_mask(frame, layout, spec, measure, code)
        if mask is None:
            continue
        target = measure.target
        if target == "fact_indicator":
            rows = mask & indicator_base
            part = pd.DataFrame({"indicator_id": measure.id, "area_code": ctx["area"][rows], "period": period[rows]})
            part["value"] = frame.loc[rows, "value"]
            part["status"] = frame.loc[rows, "status"]
            part = part.assign(source_table=table_id, vintage=vintage, is_preliminary=spec.preliminary)
        elif target == "fact_commuting_flow":
            if layout.home_area is None or layout.work_area is None:
                continue  # only tables crossing residence × workplace areas have flows
            part = _flow_rows(frame, layout, mask & base & annual, ctx)
        else:
            part = _tidy_rows(frame, layout, measure, mask & indicator_base & annual, ctx)
        out.setdefault(target, []).append(part[COLUMNS[target]])
    return {target: pd.concat(parts, ignore_index=True) for target, parts in out.items()}


def cell_count(doc: dict) -> int:
    """Cells in a response: json-stat2 ``value`` entries, or ``json`` data rows × content columns."""
    if pxjson.is_pxjson(doc):
        return len(doc.get("data") or ()) * sum(1 for c in doc.get("columns", ()) if c.get("type") == "c")
    return len(doc.get("value") or ())


def check_values(spec: TableSpec, docs: list, *, lang: str, tol: dict[str, tuple[str, str]]) -> int:
    """Rows with a number that the answers (json-stat2 or json) of one table give; StatFinError naming the table if
    an answer cannot be read or they give none (an empty table, every cell missing, or nothing mapped)."""
    rows, cells = 0, 0
    for doc in docs:
        try:
            frames = rows_from_doc(doc, spec, fetched_at="0000-00-00", lang=lang, tol=tol)
        except StatFinError:
            raise  # already names the table and what is missing
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # JsonStatError is a ValueError
            raise StatFinError(f"{spec.table_id}: the data response cannot be read: {exc}") from exc
        cells += cell_count(doc)
        rows += sum(int(frame[VALUE[target]].notna().sum()) for target, frame in frames.items())
    if rows == 0:
        raise StatFinError(f"{spec.table_id}: the data response holds no values ({cells} cell(s), none with a "
                           "number for the catalogue's measures): the table is empty or the query selected nothing")  # fmt: skip
    return rows
