"""Discovery of variable roles in StatFin metadata and json-stat2 responses, and content-value matching.

Statistics Finland renamed every variable code on 8 June 2026 (``Alue`` → ``alue_23_20260101``, ``Vuosi`` →
``timeperiod_y``, ``Tiedot`` → ``contentscode``) and prefixed some content codes (``vaesto`` →
``vaerak-vaesto``). So nothing here names a code: the time variable is the one flagged ``"time": true``
(or named like Vuosi/Year/Kuukausi/timeperiod_*), the area variable carries a ``"map"`` key (or is named
like Alue/Area/Område/Työpaikan alue), the content variable is ``Tiedot``/``contentscode`` (or the
json-stat ``metric`` role), breakdowns are found by the catalogue's regexes, and every other variable is
held at its total. The same discovery runs on table metadata (before a query) and on json-stat2 or
``json`` responses (when loading the archive).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from etl.sources.statfin_spec import MeasureSpec, StatFinError, TableSpec

__all__ = [
    "Layout",
    "Variable",
    "discover",
    "match_content",
    "matching_values",
    "total_code",
    "variables_from_doc",
    "variables_from_jsonstat",
    "variables_from_metadata",
    "variables_from_pxjson",
]

log = logging.getLogger(__name__)

_I = re.IGNORECASE
TIME_RE = re.compile(
    r"^(vuosi|year|år|kuukausi|month|månad|neljännes|vuosineljännes|quarter|kvartal|timeperiod|aika|tid|time)",
    _I,
)
AREA_TEXT_RE = re.compile(
    r"^(alue|area|region|område|asuin|kunta|kommun|municipality|maakunta|seutukunta|landskap|"
    r"työpaika|arbetsplats|place of work|workplace|bostad|boende)",
    _I,
)
AREA_CODE_RE = re.compile(r"^(alue|area)(_|$)", _I)
WORK_RE = re.compile(r"työpaik|workplace|place of work|arbetsplats", _I)
HOME_RE = re.compile(r"asuin|residence|bostad|boende", _I)
CONTENT_CODES = {"tiedot", "contentscode"}
CONTENT_TEXTS = {"tiedot", "information", "uppgifter"}
TOTAL_TEXT_RE = re.compile(r"^(yhteensä|total|totalt|kaikki|koko maa|hela landet|whole country|summa)\b", _I)
TOTAL_CODE_RE = re.compile(r"^S+$")  # SSS, SS, SSSSS: PxWeb's total codes


# --------------------------------------------------------------------------- variables
@dataclass(frozen=True)
class Variable:
    code: str
    text: str
    values: tuple[str, ...]
    value_texts: tuple[str, ...]
    time: bool = False
    geo: bool = False  # metadata "map" key, or json-stat role "geo"
    metric: bool = False  # json-stat role "metric"
    elimination: bool = False

    def label(self, code: str) -> str:
        return self.value_texts[self.values.index(code)]


def variables_from_metadata(meta: dict) -> list[Variable]:
    """Variables of a PxWeb metadata document (``GET`` on a table)."""
    out = []
    for var in meta.get("variables", []):
        values = tuple(str(v) for v in var.get("values", []))
        texts = tuple(str(t) for t in var.get("valueTexts", values))
        out.append(
            Variable(
                code=str(var["code"]),
                text=str(var.get("text", var["code"])),
                values=values,
                value_texts=texts if len(texts) == len(values) else values,
                time=bool(var.get("time", False)),
                geo="map" in var,
                elimination=bool(var.get("elimination", False)),
            )
        )
    return out


def variables_from_jsonstat(doc: dict) -> list[Variable]:
    """Variables of a json-stat2 dataset, with roles taken from its ``role`` object."""
    roles = doc.get("role") or {}
    out = []
    for dim_id in doc.get("id", []):
        category = doc["dimension"][dim_id].get("category", {})
        index = category.get("index")
        if isinstance(index, dict):
            codes = [code for code, _ in sorted(index.items(), key=lambda item: item[1])]
        else:
            codes = list(index if index is not None else category.get("label", {}))
        labels = category.get("label") or {}
        out.append(
            Variable(
                code=dim_id,
                text=str(doc["dimension"][dim_id].get("label", dim_id)),
                values=tuple(codes),
                value_texts=tuple(str(labels.get(code, code)) for code in codes),
                time=dim_id in roles.get("time", []),
                geo=dim_id in roles.get("geo", []),
                metric=dim_id in roles.get("metric", []),
            )
        )
    return out


def variables_from_pxjson(doc: dict) -> list[Variable]:
    """Variables of a PxWeb ``json`` response: its d/t columns, and its content columns as one metric."""
    from etl import pxjson

    return [
        Variable(
            code=v["code"],
            text=v["text"],
            values=tuple(v["values"]),
            value_texts=tuple(v["value_texts"]),
            time=v["time"],
            metric=v["metric"],
        )
        for v in pxjson.variables(doc)
    ]


def variables_from_doc(doc: dict) -> list[Variable]:
    """Variables of a data response in either format PxWeb answers (``json`` or ``json-stat2``)."""
    from etl import pxjson

    return variables_from_pxjson(doc) if pxjson.is_pxjson(doc) else variables_from_jsonstat(doc)


def total_code(var: Variable) -> str | None:
    """The value standing for 'all' of a variable (SSS/SS code, else a Yhteensä/Total/Kaikki… label)."""
    for code in var.values:
        if TOTAL_CODE_RE.match(code):
            return code
    for code, text in zip(var.values, var.value_texts, strict=True):
        if TOTAL_TEXT_RE.match(text.strip()):
            return code
    return None


@dataclass
class Layout:
    """The role of each variable of one table."""

    time: Variable
    area: Variable
    content: Variable | None = None
    home_area: Variable | None = None  # both set only when the table crosses residence × workplace
    work_area: Variable | None = None
    breakdowns: dict[str, Variable] = field(default_factory=dict)
    fixed: list[Variable] = field(default_factory=list)  # held at their total

    @property
    def other_area(self) -> Variable | None:
        if self.home_area and self.work_area:
            return self.work_area if self.area is self.home_area else self.home_area
        return None


def _matches(regex: re.Pattern[str] | str, var: Variable) -> bool:
    pattern = regex if isinstance(regex, re.Pattern) else re.compile(regex, _I)
    return bool(pattern.search(var.code) or pattern.search(var.text))


def discover(variables: list[Variable], spec: TableSpec | None = None, table_id: str = "") -> Layout:
    """Assign time, area, content, breakdown and fixed roles; StatFinError when time or area is missing."""
    name = table_id or (spec.table_id if spec else "table")
    described = ", ".join(f"{v.code} ({v.text})" for v in variables) or "none"
    rest = list(variables)
    time = next((v for v in rest if v.time), None) or next((v for v in rest if _matches(TIME_RE, v)), None)
    if time is None:
        raise StatFinError(f"{name}: no time variable (time: true, or Vuosi/Year/Kuukausi/Month) among {described}")
    rest.remove(time)
    content = next((v for v in rest if v.metric), None) or next(
        (v for v in rest if v.code.lower() in CONTENT_CODES or v.text.lower() in CONTENT_TEXTS), None
    )
    if content is not None:
        rest.remove(content)
    areas = [v for v in rest if v.geo] + [
        v for v in rest if not v.geo and (AREA_TEXT_RE.match(v.text) or AREA_CODE_RE.match(v.code))
    ]
    if not areas:
        raise StatFinError(
            f"{name}: no area variable (a 'map' key, or text like Alue/Area/Område/Työpaikan alue) among {described}"
        )
    layout = Layout(time=time, area=areas[0], content=content)
    if len(areas) >= 2:
        work = next((v for v in areas if WORK_RE.search(v.text) or WORK_RE.search(v.code)), None)
        home = next((v for v in areas if v is not work and (HOME_RE.search(v.text) or HOME_RE.search(v.code))), None)
        if work and not home:
            home = next(v for v in areas if v is not work)
        elif home and not work:
            work = next(v for v in areas if v is not home)
        if home and work:
            layout.home_area, layout.work_area = home, work
            layout.area = work if spec is not None and spec.area == "workplace" else home
    for area in (layout.area, layout.home_area, layout.work_area):
        if area in rest:
            rest.remove(area)
    for key, regex in (spec.breakdowns if spec else {}).items():
        found = next((v for v in rest if _matches(regex, v)), None)
        if found is not None:
            layout.breakdowns[key] = found
            rest.remove(found)
    layout.fixed = rest
    return layout


# --------------------------------------------------------------------------- content and value matching
def _norm(code: str) -> str:
    """Content code without its statistic prefix, lower-cased: 'vaerak-vaesto' → 'vaesto'."""
    return code.split("-", 1)[-1].lower()


def match_content(measure: MeasureSpec, content: Variable | None, table_id: str = "") -> str | None:
    """The content value code a measure reads, or None (with a warning) when there is no unambiguous one."""
    if content is None:
        return None
    wanted = {_norm(code) for code in measure.codes}
    by_code = [code for code in content.values if _norm(code) in wanted]
    if by_code:
        return by_code[0]
    if measure.label:
        by_label = [
            c for c, t in zip(content.values, content.value_texts, strict=True) if re.search(measure.label, t, _I)
        ]
        if len(by_label) == 1:
            return by_label[0]
        if len(by_label) > 1:
            log.warning(
                "%s/%s: label /%s/ matches several contents %s; not used",
                table_id,
                measure.id,
                measure.label,
                by_label,
            )
            return None
    if measure.single and len(content.values) == 1:
        return content.values[0]
    log.warning(
        "%s/%s: no content value matches codes %s or label /%s/; the table offers %s",
        table_id,
        measure.id,
        list(measure.codes),
        measure.label,
        dict(zip(content.values, content.value_texts, strict=True)),
    )
    return None


def matching_values(var: Variable, pattern: str) -> list[str]:
    """Codes of ``var`` selected by a ``where`` pattern: 'total', or a regex on the code or the label."""
    if pattern == "total":
        total = total_code(var)
        return [total] if total is not None else []
    return [
        code
        for code, text in zip(var.values, var.value_texts, strict=True)
        if re.search(pattern, code, _I) or re.search(pattern, text, _I)
    ]
