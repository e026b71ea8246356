"""The ETL's guards, one by one and without a build: decompression limits, upload rules (negative amounts,
control characters, header-only files, byte-order marks), the snapshot lock, the shrink rule, the build
lock and the exit-code table of the README (which must be exactly what the CLI does)."""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import json
import os
import re
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl import __main__ as cli
from etl import buildlock, integrity, limits, shrink
from etl.build import REPO
from etl.catalog import CatalogError
from etl.region import RegionError
from etl.sources import eu_inbox, eu_parse
from etl.sources.snapshot import SnapshotError
from etl.validate import ValidationError

SMALL = limits.Limits(max_bytes=10_000, max_ratio=10, ratio_floor=1_000, max_members=5, max_row_loss=0.05)
TEMPLATE_HEADER = "hankekoodi,hankkeen_nimi,kunnat,myonnetty_eur\n"
LOOKUP = {"karstula": "KU226"}


# ------------------------------------------------------------------------------------- decompression limits
def test_gzip_within_the_limits_is_unpacked_member_by_member() -> None:
    data = gzip.compress(b"a,b\n") + gzip.compress(b"1,2\n")  # two members back to back, as gzip allows
    assert limits.gunzip(data, "x.csv.gz", SMALL) == b"a,b\n1,2\n"


@pytest.mark.parametrize(("payload", "words"), [
    (os.urandom(12_000), "(max_uncompressed_mb"),  # 12 kB of incompressible bytes: over the size limit
    (b"0" * 9_000, "more than 10 times its size"),  # within the size, but 9 kB from a few dozen bytes
])  # fmt: skip
def test_gzip_over_a_limit_is_refused_by_name(payload: bytes, words: str) -> None:
    with pytest.raises(limits.TooLarge, match=re.escape(words)) as refused:
        limits.gunzip(gzip.compress(payload), "pommi.csv.gz", SMALL)
    assert "pommi.csv.gz" in str(refused.value) and "etl/limits.toml" in str(refused.value)


def test_cut_off_gzip_is_named() -> None:
    data = gzip.compress(os.urandom(5_000))
    with pytest.raises(limits.TooLarge, match=r"cut off|not a readable gzip"):
        limits.gunzip(data[: len(data) // 2], "puolikas.csv.gz", SMALL)


def test_zip_is_judged_by_its_directory() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/worksheets/sheet1.xml", b" " * 50_000)
    with pytest.raises(limits.TooLarge, match=r"vienti\.xlsx"):
        limits.check_zip(buffer.getvalue(), "vienti.xlsx", SMALL)
    small = io.BytesIO()
    with zipfile.ZipFile(small, "w") as book:
        book.writestr("a.xml", b"<a/>")
    limits.check_zip(small.getvalue(), "ok.xlsx", SMALL)  # within every limit: no error


def test_the_shipped_limits_are_those_the_readme_states() -> None:
    rules = limits.limits()
    assert (rules.max_bytes, rules.max_ratio) == (200 * limits.MB, 100)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "200 MB" in readme and "100×" in readme and f"{rules.max_row_loss:.0%}" in readme


# ------------------------------------------------------------------------------------------- upload rules
def parse(text: str | bytes, name: str = "pohja.csv") -> eu_parse.ParseResult:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return eu_parse.parse(Path(name), LOOKUP, data=data)


def reasons(result: eu_parse.ParseResult) -> list[tuple[int, str, str]]:
    return [(e.row, e.field, e.reason) for e in result.errors]


def test_negative_amount_is_a_row_error() -> None:
    result = parse(TEMPLATE_HEADER + "T1,Hanke,Karstula,-1 000\n")
    assert reasons(result) == [(2, "granted", "negative_amount")]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_control_character_is_a_row_error(char: str) -> None:
    result = parse(TEMPLATE_HEADER + f"T1,Han{char}ke,Karstula,1000\n")
    assert reasons(result) == [(2, "name", "control_character")]
    assert "\\x" in result.errors[0].value  # shown escaped, never as the raw character


def test_header_only_file_is_a_row_error() -> None:
    assert reasons(parse(TEMPLATE_HEADER)) == [(2, "rows", "no_rows")]


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_byte_order_marked_text_is_read(codec: str) -> None:
    data = TEMPLATE_HEADER + "T1,Kärkihanke,Karstula,1000\n"
    encoded = data.encode(codec)
    if codec in ("utf-16-be", "utf-32-be"):  # these codecs write no mark: add the big-endian one
        encoded = (codecs.BOM_UTF16_BE if codec == "utf-16-be" else codecs.BOM_UTF32_BE) + encoded
    result = parse(encoded)
    assert result.ok and result.rows[0]["name"] == "Kärkihanke"


@pytest.mark.parametrize(("data", "words"), [
    (b"+/v8" + TEMPLATE_HEADER.encode(), "is UTF-7 text (byte-order mark); save it as UTF-8"),
    (b"\x84\x31\x95\x33" + TEMPLATE_HEADER.encode(), "is GB18030 text"),
    (TEMPLATE_HEADER.encode("utf-16-le"), "looks like UTF-16 text without a byte-order mark"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "starts with a UTF-16 byte-order mark but is not valid UTF-16"),
])  # fmt: skip
def test_other_encodings_are_refused_by_name(data: bytes, words: str) -> None:
    with pytest.raises(eu_parse.FormatError, match=re.escape(words)) as refused:
        parse(data)
    assert "pohja.csv" in str(refused.value)


def test_refused_inbox_file_is_moved_aside_with_its_report(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    box = raw / "eu_funds" / "inbox"
    box.mkdir(parents=True)
    (box / "tyhja.csv").write_text(TEMPLATE_HEADER, encoding="utf-8")
    (box / "hyva.csv").write_text(TEMPLATE_HEADER + "T1,Hanke,Karstula,1000\n", encoding="utf-8")
    with pytest.raises(eu_inbox.InboxRefused, match=r"tyhja\.csv: row 2 rows: no_rows"):
        eu_inbox.scan(raw, LOOKUP)
    assert (box / "refused" / "tyhja.csv").is_file() and not (box / "tyhja.csv").exists()
    assert "no_rows" in (box / "refused" / "tyhja.csv.errors.txt").read_text(encoding="utf-8")
    (pending,) = eu_inbox.scan(raw, LOOKUP)  # the next scan goes on; the good file is pending, not archived
    assert pending.path.name == "hyva.csv" and pending.line["via"] == "inbox" and (box / "hyva.csv").exists()
    eu_inbox.commit([pending], raw)
    assert not (box / "hyva.csv").exists() and (raw / "eu_funds" / pending.line["file"]).is_file()


# ------------------------------------------------------------------------------------------ snapshot lock
def gz_csv(path: Path, text: str) -> None:
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def test_lock_records_rows_and_coverage_and_names_what_differs(tmp_path: Path) -> None:
    gz_csv(tmp_path / "a.csv.gz", "year,area_code,value\n2001,KU1,1\n2002,KU2,2\n")
    integrity.write_lock(tmp_path, ["a.csv.gz"])
    assert integrity.read_lock(tmp_path)["a.csv.gz"].rows == 2
    assert integrity.problems(tmp_path, ["a.csv.gz"]) == []
    gz_csv(tmp_path / "a.csv.gz", "year,area_code,value\n")
    (problem,) = integrity.problems(tmp_path, ["a.csv.gz"])
    assert problem.startswith("a.csv.gz: differs from") and "rows 0 ≠ recorded 2" in problem
    assert "areas 0 ≠ recorded 2" in problem and "last period none ≠ recorded 2002" in problem
    gz_csv(tmp_path / "b.csv.gz", "year\n2001\n")
    assert "not recorded" in integrity.problems(tmp_path, ["a.csv.gz", "b.csv.gz"])[1]
    with pytest.raises(integrity.IntegrityError):
        integrity.check(tmp_path, ["a.csv.gz"])


def test_bundled_snapshot_matches_its_lock() -> None:
    from etl.sources import snapshot

    files = [s.file for s in snapshot.load_sources().values()]
    assert integrity.problems(snapshot.SNAPSHOT_DIR, files) == []


# ------------------------------------------------------------------------------------------------- shrink
def test_shrink_names_lost_years_and_rows() -> None:
    current = {"fact_indicator population": (100, {str(y) for y in range(1972, 2023)}), "geo_area": (20, set())}
    new = {"fact_indicator population": (48, {str(y) for y in range(2000, 2023)}), "geo_area": (19, set())}
    assert shrink.losses(current, new, 0.05) == [
        "fact_indicator population: loses year(s) 1972–1999 and 52 of its 100 rows (52%; at most 5% may go)"
    ]
    assert shrink.losses(current, current, 0.05) == []
    assert shrink.spans({"1990", "1991", "1993"}) == "1990–1991, 1993"


# ---------------------------------------------------------------------------------------------- build lock
def test_second_holder_is_told_who_holds_the_lock(tmp_path: Path) -> None:
    said: list[str] = []
    with buildlock.hold(tmp_path, 0, say=said.append) as me:
        with pytest.raises(
            buildlock.BuildLocked, match=re.escape(f"another build (pid {os.getpid()}, since {me['since']})")
        ):
            with buildlock.hold(tmp_path, 0.3, say=said.append):
                pass
    assert said == [
        f"another build (pid {os.getpid()}, since {me['since']}) is running; waiting up to 0.3 s for it to finish"
    ]
    assert (tmp_path / buildlock.LOCK_NAME).read_text() == ""  # released


def test_stale_lock_is_taken_over_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / buildlock.LOCK_NAME).write_text(
        json.dumps({"pid": 2**22 + 12345, "since": "2026-01-01T00:00:00+00:00"})
    )
    said: list[str] = []
    with buildlock.hold(tmp_path, 0, say=said.append):
        pass
    assert said == ["took over the stale build lock of pid 4206649, since 2026-01-01T00:00:00+00:00 (no longer running); "
                    "its leftovers will be removed"]  # fmt: skip


# --------------------------------------------------------------------------------- exit codes as documented
CASES = {
    ValidationError(["x"]): 1,
    RegionError("bad region.toml"): 2,
    CatalogError("bad catalog"): 2,
    SnapshotError("missing file"): 2,
    OSError(errno.ENOSPC, "No space left on device", "wh.duckdb.partial"): 2,
    duckdb.TransactionException('Could not write file "x.wal": No space left on device'): 2,
    buildlock.BuildLocked("another build (pid 1, since x) is running"): 2,
    MemoryError(): 2,
    eu_inbox.InboxRefused([(Path("a.csv"), Path("refused/a.csv.errors.txt"), ["row 2 x"])]): 3,
    KeyError("bug"): 4,
}


@pytest.mark.parametrize(("exc", "code"), list(CASES.items()), ids=[type(e).__name__ for e in CASES])
def test_each_error_gets_its_exit_code_and_one_line(exc: BaseException, code: int) -> None:
    got, _details, message = cli.classify(exc)
    assert got == code and "\n" not in message and message


def test_readme_exit_code_table_is_what_the_cli_does() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d) \| ([^|]+) \|", readme.split("### Exit codes", 1)[1], flags=re.M))
    assert {int(k) for k in table} == {cli.EXIT_OK, cli.EXIT_INVALID, cli.EXIT_CONFIG, cli.EXIT_SOURCE, cli.EXIT_CRASH}
    words = {1: "validation", 2: "configuration", 3: "source", 4: "unexpected"}
    for code, word in words.items():
        assert word in table[str(code)].lower(), (code, table[str(code)])
    documented = {2: ["disk full", "lock", "memory"], 3: ["inbox"], 1: ["sources.lock.toml", "shrink"]}
    for code, needles in documented.items():
        for needle in needles:
            assert needle in table[str(code)], (code, needle)
