"""Exports: data downloads (CSV with BOM for Excel, XLSX) here; chart images (`images`), slide decks as
PPTX (`pptx_deck`) and PDF (`pdf_deck`); `python -m dashboard.export` runs a deck export from the shell."""

from __future__ import annotations

import io
import re

import pandas as pd

# CSV injection (OWASP): a spreadsheet runs a text cell that begins with one of these as a formula.
# Project names, notes and KPIs come from uploads and editors, so a download must never carry one live.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)?([eE][-+]?\d+)?")


def _defuse(value: object) -> object:
    """'=HYPERLINK(…)' → "'=HYPERLINK(…)": the leading apostrophe makes it text; plain numbers stay as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_for_spreadsheet(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells (and headers) cannot start a formula; numeric columns are untouched."""
    out = frame.rename(columns=_defuse)
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(_defuse)
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    # CRLF rows (RFC 4180): then a line break of either kind inside a cell is quoted, so it cannot start
    # a new row in Excel whose first cell would escape the defusing above.
    return safe_for_spreadsheet(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    # Text stays text: xlsxwriter would otherwise turn '=…' strings into formulas and 'http…' into links.
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        safe_for_spreadsheet(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()
