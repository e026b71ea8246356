"""EU project files: format detection, amount/date parsing and row validation (every bad row named)."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
from pathlib import Path

import pytest
from openpyxl import Workbook

from etl.build import REPO
from etl.region import build_dim_area, load_region
from etl.sources import eu_parse, snapshot
from etl.sources.eu_funds import stem

FIXTURES = REPO / "tests" / "fixtures" / "eu"
SNAPSHOT = REPO / "data" / "snapshot"


@pytest.fixture(scope="module")
def lookup() -> dict[str, str]:
    sources = snapshot.load_sources(SNAPSHOT)
    dim_area = build_dim_area(snapshot.read_classification(SNAPSHOT, sources), load_region(REPO / "region.toml"))
    return eu_parse.municipality_lookup(dim_area)


def eura2021_xlsx(path: Path, rows: list[list] | None = None) -> Path:
    """The labelled test rows written as an Excel export: a title row and an empty row above the header."""
    with (FIXTURES / "TEST_eura2021_export.csv").open(encoding="utf-8") as fh:
        table = list(csv.reader(fh))
    book = Workbook()
    sheet = book.active
    sheet.append(["EURA 2021 -hankehaku (TESTITIEDOSTO)"])
    sheet.append([])
    for row in table + (rows or []):
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(("text", "expected"), [
    ("118630", 118630.0), ("1 234,50 €", 1234.5), ("1\u00a0234\u00a0567", 1234567.0), ("337478.4", 337478.4),
    ("1.234,56", 1234.56), ("1,234.56", 1234.56), ("", None), (None, None), (12.5, 12.5),
])  # fmt: skip
def test_amounts(text, expected) -> None:
    assert eu_parse.parse_amount(text) == expected


@pytest.mark.parametrize("text", ["3,5 milj.", "yli miljoona", "noin 100 000 €", "12e3x"])
def test_text_amounts_are_refused(text) -> None:
    with pytest.raises(ValueError):
        eu_parse.parse_amount(text)


def test_dates() -> None:
    assert eu_parse.parse_date("1.8.2008") == dt.date(2008, 8, 1)
    assert eu_parse.parse_date("04/09/2023") == dt.date(2023, 9, 4)
    assert eu_parse.parse_date("2023-09-04") == dt.date(2023, 9, 4)
    assert eu_parse.parse_date(dt.datetime(2023, 9, 4, 0, 0)) == dt.date(2023, 9, 4)
    assert eu_parse.parse_date("") is None
    with pytest.raises(ValueError):
        eu_parse.parse_date("syksyllä 2025")


def test_stems_match_inflected_names() -> None:
    assert stem("Keski-Suomi") == "keski-suom" and "keski-suom" in "keski-suomen liitto"
    assert stem("Pihtipudas") == "pihtipu" and stem("Länsi-Suomi") == "länsi-suom"


def test_shipped_eura2014_list_parses_cleanly(lookup) -> None:
    path = SNAPSHOT / "eu_funding" / "fi_structural_funds_2014_2020_projektilista_2016snapshot_keski_suomi.csv.gz"
    result = eu_parse.parse(path, lookup)
    assert (result.kind, result.ok, len(result.rows)) == ("eura2014", True, 527)
    row = next(r for r in result.rows if r["project_code"] == "S20353")  # Elevaattori, Saarijärven kaupunki
    assert row["municipality_codes"] == ["KU729"] and row["match_basis"] == "implementer_name"
    assert row["granted"] == 58248 and row["fund_group"] == "ESF"
    blank_end = next(r for r in result.rows if r["project_code"] == "A70423")
    assert blank_end["end_date"] is None  # empty stays empty, not an error


def test_shipped_eura2007_list_parses_cleanly(lookup) -> None:
    path = SNAPSHOT / "eu_funding" / "fi_structural_funds_2007_2013_projektilista_keski_suomi.csv.gz"
    result = eu_parse.parse(path, lookup)
    assert (result.kind, result.ok, len(result.rows)) == ("eura2007", True, 3053)
    witas = next(r for r in result.rows if r["project_code"] == "S10755")
    assert witas["municipality_codes"] == ["KU256", "KU265", "KU601", "KU931"]
    assert witas["match_basis"] == "implementer_org_witas"


def test_every_bad_row_is_named(lookup) -> None:
    result = eu_parse.parse(FIXTURES / "TEST_eura2014_bad_rows.csv", lookup)
    assert not result.ok
    assert [(e.row, e.reason) for e in result.errors] == [
        (3, "missing_code"),
        (4, "unparseable_amount"),
        (5, "end_before_start"),
    ]
    assert result.errors[1].value == "3,5 milj."


def test_eura2021_excel_export_with_title_rows(tmp_path: Path, lookup) -> None:
    result = eu_parse.parse(eura2021_xlsx(tmp_path / "export.xlsx"), lookup)
    assert (result.kind, result.ok, len(result.rows)) == ("eura2021", True, 3)
    first, second, third = result.rows
    assert first["granted"] == 200000 and first["realised"] == 50000 and first["business_id"] == "1234567-8"
    assert first["municipality_codes"] == ["KU729"] and first["match_basis"] == "register_location"
    assert second["municipality_codes"] == ["KU931", "KU601"] and third["municipality_codes"] == ["MK13"]
    assert first["start_date"] == dt.date(2023, 3, 1) and first["fund_group"] == "JTF"


def test_eura2021_unknown_location_is_a_bad_row(tmp_path: Path, lookup) -> None:
    bad = ["TEST2199", "EAKR", "TESTIHANKE (ei todellinen)", "T", "", "", "", "1.1.2024", "1.1.2025", "1", "", "",
           "Atlantis"]  # fmt: skip
    result = eu_parse.parse(eura2021_xlsx(tmp_path / "export.xlsx", [bad]), lookup)
    assert [(e.row, e.reason, e.value) for e in result.errors] == [(7, "unknown_municipality", "Atlantis")]


def test_kohesio_csv(lookup) -> None:
    result = eu_parse.parse(FIXTURES / "TEST_kohesio_fi.csv", lookup)
    assert (result.kind, result.ok) == ("kohesio", True)
    first = result.rows[0]
    assert first["total_budget"] == 150000 and first["eu_contribution"] == 60000
    assert first["programme_period"] == "2021-2027" and first["municipality_codes"] == ["KU216"]
    assert first["start_date"] == dt.date(2023, 2, 1)


def test_template_and_its_bad_row(lookup) -> None:
    good = eu_parse.parse(FIXTURES / "TEST_template.csv", lookup)
    assert (good.kind, good.ok, good.register) == ("template", True, False)
    assert good.rows[1]["municipality_codes"] == ["KU256", "KU265"] and good.rows[0]["granted"] == 25000
    bad = eu_parse.parse(FIXTURES / "TEST_template_one_bad_row.csv", lookup)
    assert [(e.row, e.field, e.value, e.reason) for e in bad.errors] == [(3, "granted", "3,5 milj.",
                                                                          "unparseable_amount")]  # fmt: skip


def test_template_unknown_municipality_and_duplicate_code(tmp_path: Path, lookup) -> None:
    path = tmp_path / "t.csv"
    path.write_text("hankekoodi,hankkeen_nimi,kunnat\nTESTX1,A,Atlantis\nTESTX1,B,Karstula\n", encoding="utf-8")
    result = eu_parse.parse(path, lookup)
    assert [(e.row, e.reason) for e in result.errors] == [(2, "unknown_municipality"), (3, "duplicate_code")]


def test_semicolon_latin1_and_gzip(tmp_path: Path, lookup) -> None:
    text = "hankekoodi;hankkeen_nimi;kunnat;myonnetty_eur\nTESTX2;Pääkaupunki;Kyyjärvi;1 000,50\n"
    (tmp_path / "t.csv").write_bytes(text.encode("cp1252"))
    (tmp_path / "t.csv.gz").write_bytes(gzip.compress(text.encode("utf-8")))
    for name in ("t.csv", "t.csv.gz"):
        result = eu_parse.parse(tmp_path / name, lookup)
        assert result.ok and result.rows[0]["name"] == "Pääkaupunki" and result.rows[0]["granted"] == 1000.5


def test_unknown_format(tmp_path: Path, lookup) -> None:
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(eu_parse.FormatError):
        eu_parse.parse(tmp_path / "x.csv", lookup)
