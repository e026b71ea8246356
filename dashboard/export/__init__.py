"""Exports: data downloads (CSV with BOM for Excel, XLSX) here; chart images (`images`), slide decks as
PPTX (`pptx_deck`) and PDF (`pdf_deck`); `python -m dashboard.export` runs a deck export from the shell."""

from __future__ import annotations

import io

import pandas as pd


def to_csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()
