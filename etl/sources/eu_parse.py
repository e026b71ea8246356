"""Read and validate one EU project file: EURA 2007/2014 lists, EURA 2021 Excel export, Kohesio CSV or
the coordinator's CSV template.

The one parser both sides use: the ETL loads archived files with it, and the app validates an upload with
it *before* anything is archived — through the CLI (`python -m etl.sources.eu_cli validate FILE`, JSON
out), because dashboard/ never imports etl/. Every bad row is reported (row number, field, value, reason);
the caller writes nothing when there is any. Nothing is computed here: values are only renamed, trimmed
and parsed (amounts, dates); empty stays empty.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from etl import limits

FORMATS_PATH = Path(__file__).resolve().parents[1] / "eu_formats.toml"
AMOUNT_FIELDS = ("granted", "realised", "planned_public", "realised_public", "total_budget", "eu_contribution")
HEADER_SCAN_ROWS = 15  # Excel exports may carry title rows above the header
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_PERIOD = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")
# C0 controls other than tab and line breaks, DEL and C1 controls: never text a register writes (a NUL
# usually means a binary or UTF-16 file read as text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE): the encodings read by their mark…
_READ_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
              (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
              (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))  # fmt: skip
# …and those refused by name (Python reads none of them safely, and no register exports them).
_REFUSED_BOMS = ((b"\x2b\x2f\x76", "UTF-7"), (b"\xf7\x64\x4c", "UTF-1"), (b"\xdd\x73\x66\x73", "UTF-EBCDIC"),
                 (b"\x0e\xfe\xff", "SCSU"), (b"\xfb\xee\x28", "BOCU-1"), (b"\x84\x31\x95\x33", "GB18030"))  # fmt: skip


class FormatError(ValueError):
    """The file could not be read or is none of the known formats (nothing row-level to report)."""


@dataclass(frozen=True)
class RowError:
    row: int  # line in the file (header = 1) or the Excel row number
    field: str
    value: str
    reason: str  # missing_code | missing_name | unparseable_amount | negative_amount | unparseable_date
    #              | end_before_start | unknown_municipality | duplicate_code | control_character | no_rows

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "value": self.value, "reason": self.reason}


@dataclass
class ParseResult:
    kind: str
    label: str
    register: bool
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)  # fields the file has a column for

    @property
    def ok(self) -> bool:
        return not self.errors


def formats() -> dict:
    with FORMATS_PATH.open("rb") as fh:
        return tomllib.load(fh)


def norm(text: object) -> str:
    return _SPACES.sub(" ", str(text)).strip().lower()


def fund_group(fund: str | None, rules: list[list[str]]) -> str:
    text = (fund or "").lower()
    for keyword, group in rules:
        if keyword in text:
            return group
    return "unknown"


def parse_amount(value: object) -> float | None:
    """'1 234,50 €' → 1234.5; '' → None; raises ValueError for text such as '3,5 milj.'."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = _SPACES.sub("", str(value)).replace("€", "").replace("EUR", "").replace("eur", "")
    if not text:
        return None
    if "," in text and "." in text:  # the later separator is the decimal one
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        raise ValueError(value)
    return float(text)


def parse_date(value: object) -> dt.date | None:
    """'1.8.2008', '04/09/2023', '2023-09-04' or an Excel date → date; '' → None; else ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for pattern in ("%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def normalise_period(text: str | None) -> str | None:
    match = _PERIOD.search(text or "")
    return f"{match.group(1)}-{match.group(2)}" if match else None


def read_table(path: Path, data: bytes | None = None) -> list[tuple[int, list]]:
    """(row number, cells) for every non-empty row of a CSV (any of , ; tab) or the first Excel sheet.

    Compressed files are measured against etl/limits.toml before anything is unpacked."""
    data = path.read_bytes() if data is None else data
    name = path.name.lower()
    try:
        if name.endswith(".gz"):
            data, name = limits.gunzip(data, path.name), name[:-3]
        if name.endswith((".xlsx", ".xlsm")):
            limits.check_zip(data, path.name)
            return _read_xlsx(data)
    except limits.TooLarge as exc:
        raise FormatError(str(exc)) from exc
    if not name.endswith((".csv", ".txt")):
        raise FormatError(f"unsupported file type: {path.name} (expected .csv or .xlsx)")
    text = decode(data, path.name)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    # csv.reader tracks physical lines, so a quoted field with a line break keeps later row numbers right.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:  # e.g. a cell over csv's 128 KiB field limit: a clear message, not a traceback
        raise FormatError(f"row {reader.line_num}: not readable as CSV ({exc})") from exc
    return rows


def decode(data: bytes, name: str) -> str:
    """Text of a CSV file: by its byte-order mark (UTF-8/16/32), else UTF-8, else Windows-1252."""
    for bom, refused in _REFUSED_BOMS:
        if data.startswith(bom):
            raise FormatError(f"{name} is {refused} text (byte-order mark); save it as UTF-8 CSV and try again")
    for bom, codec, label in _READ_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise FormatError(f"{name} starts with a {label} byte-order mark but is not valid {label} "
                                  f"({exc.reason} at byte {exc.start}); save it as UTF-8 CSV") from exc  # fmt: skip
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):  # every other byte NUL: UTF-16 with no mark
        raise FormatError(f"{name} looks like UTF-16 text without a byte-order mark; save it as UTF-8 CSV")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # older exports (the raw EURA 2007 list) are Latin-1 / Windows-1252
        return data.decode("cp1252", errors="replace")


def _read_xlsx(data: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook  # only uploads need it; snapshot-only builds stay light

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise FormatError(f"not a readable Excel file: {exc}") from exc
    sheet = book.worksheets[0]
    rows = [(i, ["" if c is None else c for c in cells]) for i, cells in enumerate(sheet.iter_rows(values_only=True), 1)
            if any(c not in (None, "") for c in cells)]  # fmt: skip
    book.close()
    return rows


def detect(rows: list[tuple[int, list]], conf: dict) -> tuple[str, int, dict[str, int]]:
    """(kind, index of the header row, {field: column}) of the first format whose required fields exist."""
    for index, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        headers = {norm(c): i for i, c in enumerate(cells) if str(c).strip()}
        for kind in conf["order"]:
            fields = conf["format"][kind]["fields"]
            columns = {}
            for name, aliases in fields.items():
                hit = next((headers[norm(a)] for a in aliases if norm(a) in headers), None)
                if hit is not None:
                    columns[name] = hit
            if all(r in columns for r in conf["format"][kind]["required"]):
                return kind, index, columns
    raise FormatError("unknown format: no header row matches EURA 2007/2014, EURA 2021, Kohesio or the template")


def parse(path: Path, municipalities: dict[str, str], data: bytes | None = None,
          expect: str | None = None) -> ParseResult:  # fmt: skip
    """Parse and validate a file. `municipalities` maps lower-cased names and codes to area codes
    (municipalities, plus sub-regions/regions under their names for location columns)."""
    conf = formats()
    rows = read_table(path, data)
    kind, header_index, columns = detect(rows, conf)
    if expect and kind != expect:
        raise FormatError(f"{path.name}: expected {expect}, found {kind}")
    spec = conf["format"][kind]
    result = ParseResult(kind, spec["label"], spec["register"], columns=set(columns))
    seen: dict[str, int] = {}
    header = rows[header_index][1]
    for line, cells in rows[header_index + 1 :]:
        raw = {name: cells[col] if col < len(cells) else "" for name, col in columns.items()}
        record, errors = _record(kind, spec, raw, line, municipalities, conf["fund_groups"]["rules"])
        errors = _controls(cells, header, columns, line) + errors
        code = record.get("project_code")
        if code and code in seen:
            errors.append(RowError(line, "project_code", code, "duplicate_code"))
        elif code:
            seen[code] = line
        result.errors.extend(errors)
        result.rows.append(record)
    if not result.rows:  # a header alone is a file cut short or exported empty: nothing to replace data with
        result.errors.append(RowError(rows[header_index][0] + 1, "rows", "", "no_rows"))
    return result


def _controls(cells: list, header: list, columns: dict[str, int], line: int) -> list[RowError]:
    """One error per cell holding a control character; named by field where the cell is one."""
    names = {col: name for name, col in columns.items()}
    errors = []
    for col, cell in enumerate(cells):
        if isinstance(cell, str) and _CONTROL.search(cell):
            label = names.get(col) or (str(header[col]).strip() if col < len(header) else f"column {col + 1}")
            errors.append(
                RowError(line, label, cell.encode("unicode_escape").decode("ascii")[:80], "control_character")
            )
    return errors


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel gives 123.0 for a code typed as 123
    text = _SPACES.sub(" ", str(value)).strip()
    return text or None


def _record(kind: str, spec: dict, raw: dict, line: int, municipalities: dict[str, str],
            rules: list[list[str]]) -> tuple[dict, list[RowError]]:  # fmt: skip
    errors: list[RowError] = []
    text = {k: _text(v) for k, v in raw.items()}
    record: dict = {"source_line": line, "kind": kind}
    record["project_code"] = text.get("project_code")
    if not record["project_code"]:
        errors.append(RowError(line, "project_code", "", "missing_code"))
    record["name"] = text.get("name") or text.get("name_alt")
    if not record["name"]:
        errors.append(RowError(line, "name", "", "missing_name"))
    for key in ("fund", "programme_section", "priority_axis", "authority", "status", "implementer", "business_id",
                "summary", "location", "funding_as_stated", "source_url", "notes", "match_basis", "org_match",
                "local_code", "programme", "nuts3", "nuts3_label", "lau"):  # fmt: skip
        record[key] = text.get(key)
    record["fund_group"] = fund_group(record["fund"], rules)
    record["programme_period"] = spec["period"] or normalise_period(text.get("programme_period"))
    for key in AMOUNT_FIELDS:
        try:
            record[key] = parse_amount(raw.get(key))
        except ValueError:
            record[key] = None
            errors.append(RowError(line, key, str(raw.get(key)), "unparseable_amount"))
        else:  # funding granted, paid or budgeted is never below zero; a minus is a typo or a correction row
            if record[key] is not None and record[key] < 0:
                errors.append(RowError(line, key, str(raw.get(key)), "negative_amount"))
    for key in ("start", "end"):
        try:
            record[f"{key}_date"] = parse_date(raw.get(key))
        except ValueError:
            record[f"{key}_date"] = None
            errors.append(RowError(line, key, str(raw.get(key)), "unparseable_date"))
    if record["start_date"] and record["end_date"] and record["end_date"] < record["start_date"]:
        errors.append(RowError(line, "end", f"{raw.get('start')} → {raw.get('end')}", "end_before_start"))
    flag = text.get("region_authority")
    record["region_authority"] = None if flag is None else flag == "1"
    record["x_source_line"] = int(text["source_line"]) if (text.get("source_line") or "").isdigit() else None
    record["municipality_codes"], record["match_basis"] = _municipalities(kind, spec, text, line, municipalities,
                                                                          errors)  # fmt: skip
    return record, errors


def _municipalities(kind: str, spec: dict, text: dict, line: int, lookup: dict[str, str],
                    errors: list[RowError]) -> tuple[list[str], str | None]:  # fmt: skip
    """Area codes a row names, and the basis of that attribution."""
    if text.get("municipality_codes"):  # compiler's match in the shipped lists: one code '123' or several '123;456'
        codes = [f"KU{int(c):03d}" for c in text["municipality_codes"].split(";") if c.strip().isdigit()]
        return codes, text.get("match_basis")
    if kind == "template" and text.get("municipalities"):
        return _lookup(text["municipalities"], "municipalities", line, lookup, errors, True), "coordinator_template"
    if kind == "eura2021" and text.get("location"):
        codes = _lookup(text["location"], "location", line, lookup, errors, spec.get("location_strict", False))
        return codes, "register_location"
    if kind == "kohesio" and text.get("lau"):
        return _lookup(text["lau"], "lau", line, lookup, errors, False), "kohesio_lau"
    return [], None


def _lookup(value: str, field_name: str, line: int, lookup: dict[str, str], errors: list[RowError],
            strict: bool) -> list[str]:  # fmt: skip
    codes = []
    for token in re.split(r"[;,|/]", value):
        key = norm(token)
        if not key:
            continue
        code = lookup.get(key) or lookup.get(key.removeprefix("ku").lstrip("0"))
        if code:
            codes.append(code)
        elif strict:
            errors.append(RowError(line, field_name, token.strip(), "unknown_municipality"))
    return list(dict.fromkeys(codes))


def municipality_lookup(dim_area) -> dict[str, str]:
    """{lower-cased fi/sv name, '123', 'ku123': area code} for municipalities; sub-regions and regions by name."""
    lookup: dict[str, str] = {}
    for row in dim_area.itertuples():
        for name in (row.name_fi, row.name_sv, row.name_en):
            lookup.setdefault(norm(name), row.area_code)
        if row.level == "municipality":
            lookup[row.area_code[2:].lstrip("0")] = row.area_code
            lookup[row.area_code.lower()] = row.area_code
    return lookup
