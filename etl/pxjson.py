"""Turn a PxWeb API v1 ``"json"`` response (``columns`` / ``data`` / ``metadata``) into a tidy DataFrame.

The ``json`` response format lists the variables in ``columns`` with a ``type``: ``d`` (dimension), ``t``
(time) and ``c`` (one column per content value, e.g. ``vaerak-vaesto``). Each ``data`` row carries the codes
of the d/t variables in ``key`` and one string per content column in ``values``. Numbers are strings
(``"8763"``, ``"14.3"``); anything else is a cell symbol kept verbatim as the status with a NaN value
(``"..."`` confidential, ``"."`` not available, ``".."`` not yet published).

The output has the same shape as ``etl.jsonstat.parse``: for every variable ``v`` a column ``v`` (code) and
``v_label`` (the code again: this format carries no value labels), the content codes in the column
``CONTENT`` (labels in ``CONTENT_label``), then ``value`` and ``status``; ``attrs['updated']`` holds the
table's update stamp from ``metadata``. ``variables(doc)`` describes the same variables for role discovery
(``statfin_vars.discover``), with the content columns as one metric variable.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["CONTENT", "PxJsonError", "is_pxjson", "parse", "updated", "variables"]

CONTENT = "contentscode"  # name of the synthetic content variable (the content values are columns)
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


class PxJsonError(ValueError):
    """The document is not a PxWeb ``json`` response this parser can read."""


def is_pxjson(doc: Any) -> bool:
    """True for a PxWeb ``json`` response (as opposed to a json-stat2 dataset)."""
    return isinstance(doc, dict) and "columns" in doc and "data" in doc


def _columns(doc: dict) -> tuple[list[dict], list[dict]]:
    """(key columns in key order, content columns in values order)."""
    if not is_pxjson(doc):
        raise PxJsonError("expected a PxWeb json response with 'columns' and 'data'")
    columns = doc["columns"]
    if not isinstance(columns, list) or not all(isinstance(c, dict) and "code" in c for c in columns):
        raise PxJsonError("'columns' is not a list of objects with a code")
    keys = [c for c in columns if c.get("type", "d") in ("d", "t")]
    contents = [c for c in columns if c.get("type") == "c"]
    if not contents:
        raise PxJsonError("no content column (type 'c') in 'columns'")
    return keys, contents


def updated(doc: dict) -> str | None:
    """The table's update stamp ('2026-05-29T05.00.00Z' → '2026-05-29T05:00:00Z'), or None."""
    meta = doc.get("metadata")
    first = meta[0] if isinstance(meta, list) and meta else meta if isinstance(meta, dict) else {}
    stamp = first.get("updated") if isinstance(first, dict) else None
    if not stamp:
        return None
    return re.sub(r"T(\d{2})\.(\d{2})\.(\d{2})", r"T\1:\2:\3", str(stamp))


def variables(doc: dict) -> list[dict]:
    """[{code, text, values, value_texts, time, metric}] for the key variables and the content columns."""
    keys, contents = _columns(doc)
    rows = doc["data"]
    out = []
    for position, column in enumerate(keys):
        codes = list(dict.fromkeys(str(row["key"][position]) for row in rows))
        out.append({"code": str(column["code"]), "text": str(column.get("text", column["code"])),
                    "values": codes, "value_texts": codes, "time": column.get("type") == "t", "metric": False})  # fmt: skip
    out.append({"code": CONTENT, "text": "Tiedot", "values": [str(c["code"]) for c in contents],
                "value_texts": [str(c.get("text", c["code"])) for c in contents], "time": False, "metric": True})  # fmt: skip
    return out


def parse(doc: dict) -> pd.DataFrame:
    """One row per cell (key variables × content columns); see the module docstring."""
    keys, contents = _columns(doc)
    rows = doc["data"]
    if not isinstance(rows, list):
        raise PxJsonError("'data' is not a list")
    n_keys, n_contents = len(keys), len(contents)
    for number, row in enumerate(rows):
        if len(row.get("key", ())) != n_keys or len(row.get("values", ())) != n_contents:
            raise PxJsonError(f"data row {number} has {len(row.get('key', ()))} key(s) and "
                              f"{len(row.get('values', ()))} value(s); the columns say {n_keys} and {n_contents}")  # fmt: skip
    key_codes = np.array([[str(k) for k in row["key"]] for row in rows], dtype=object).reshape(len(rows), n_keys)
    cells = np.array([["" if v is None else str(v) for v in row["values"]] for row in rows], dtype=object)
    cells = cells.reshape(len(rows), n_contents).ravel()  # row-major: contents vary fastest
    columns: dict[str, Any] = {}
    for position, column in enumerate(keys):
        codes = np.repeat(key_codes[:, position], n_contents)
        columns[str(column["code"])] = codes
        columns[f"{column['code']}_label"] = codes
    content_codes = np.array([str(c["code"]) for c in contents], dtype=object)
    content_texts = np.array([str(c.get("text", c["code"])) for c in contents], dtype=object)
    columns[CONTENT] = np.tile(content_codes, len(rows))
    columns[f"{CONTENT}_label"] = np.tile(content_texts, len(rows))
    text = pd.Series(cells, dtype=object).str.strip()
    numeric = text.str.fullmatch(_NUMBER.pattern).fillna(False).astype(bool)
    values = pd.to_numeric(text.where(numeric).str.replace(",", ".", regex=False), errors="coerce")
    columns["value"] = values.to_numpy(dtype=float)
    frame = pd.DataFrame(columns)
    status = text.where(~numeric & (text != ""), None)
    frame["status"] = pd.Series(status.to_numpy(dtype=object), dtype=object)
    meta = doc.get("metadata")
    first = meta[0] if isinstance(meta, list) and meta else {}
    frame.attrs.update({"updated": updated(doc), "label": first.get("label"), "source": first.get("source"),
                        "format": "json"})  # fmt: skip
    return frame
