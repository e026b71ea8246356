"""Turn a JSON-stat 2.0 dataset (what PxWeb returns for ``"format": "json-stat2"``) into a tidy DataFrame.

One row per cell. For every dimension id ``d`` (in ``doc["id"]`` order) there are two columns, ``d`` (the
category code) and ``d_label`` (its label), followed by ``value`` (float, NaN when missing) and ``status``
(the JSON-stat status string such as ``".."``, or None). Dataset metadata travels in ``df.attrs``.

The cell order is JSON-stat's row-major order (last dimension fastest), so the category of each cell is
computed with integer arithmetic on numpy arrays instead of a Python loop per cell: a 100 000-cell
response (PxWeb's usual per-query limit) parses in milliseconds.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["JsonStatError", "parse"]


class JsonStatError(ValueError):
    """The document is not a JSON-stat 2.0 dataset this parser can read."""


def _categories(dim_id: str, dim: Any, size: int) -> tuple[list[str], list[str]]:
    """Category codes in index order and their labels (falling back to the code)."""
    if not isinstance(dim, dict):
        raise JsonStatError(f"dimension {dim_id!r} is not an object")
    category = dim.get("category")
    if not isinstance(category, dict):
        raise JsonStatError(f"dimension {dim_id!r} has no category object")
    index = category.get("index")
    labels = category.get("label") or {}
    if index is None:
        # JSON-stat lets a single-category dimension omit its index; the label then names the code.
        codes = list(labels)
    elif isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, dict):
        codes = [str(code) for code, _ in sorted(index.items(), key=lambda item: item[1])]
        positions = sorted(index.values())
        if positions != list(range(len(codes))):
            raise JsonStatError(f"dimension {dim_id!r} has a category index that is not 0..n-1")
    else:
        raise JsonStatError(f"dimension {dim_id!r} has a category index of type {type(index).__name__}")
    if len(codes) != size:
        raise JsonStatError(f"dimension {dim_id!r} has {len(codes)} categories but size says {size}")
    texts = [str(labels.get(code, code)) for code in codes]
    return codes, texts


def _values(raw: Any, n: int) -> np.ndarray:
    """The cell values as float64, NaN where the value is null or absent (sparse form)."""
    if isinstance(raw, list):
        if len(raw) != n:
            raise JsonStatError(f"value has {len(raw)} cells but the product of size is {n}")
        try:
            # numpy turns None into NaN when asked for float, which is exactly JSON-stat's null.
            return np.array(raw, dtype=float)
        except (TypeError, ValueError):
            return pd.to_numeric(pd.Series(raw, dtype=object), errors="coerce").to_numpy(dtype=float)
    if isinstance(raw, dict):
        out = np.full(n, np.nan)
        if raw:
            positions = np.fromiter((int(key) for key in raw), dtype=np.int64, count=len(raw))
            if positions.min() < 0 or positions.max() >= n:
                raise JsonStatError(f"sparse value index out of range 0..{n - 1}")
            cells = pd.to_numeric(pd.Series(list(raw.values()), dtype=object), errors="coerce")
            out[positions] = cells.to_numpy(dtype=float)
        return out
    raise JsonStatError("dataset has no value array or object")


def _status(raw: Any, n: int) -> np.ndarray:
    """Per-cell status strings (object array, None where there is none)."""
    out = np.full(n, None, dtype=object)
    if raw is None:
        return out
    if isinstance(raw, str):
        out[:] = raw  # one status for every cell
    elif isinstance(raw, list):
        if len(raw) == 1 and n != 1:
            out[:] = raw[0]  # JSON-stat: a one-element array applies to all cells
        elif len(raw) != n:
            raise JsonStatError(f"status has {len(raw)} entries but the dataset has {n} cells")
        else:
            out[:] = raw
    elif isinstance(raw, dict):
        for key, text in raw.items():
            position = int(key)
            if not 0 <= position < n:
                raise JsonStatError(f"status index {key} out of range 0..{n - 1}")
            out[position] = text
    else:
        raise JsonStatError(f"status of type {type(raw).__name__} is not supported")
    return out


def parse(doc: dict) -> pd.DataFrame:
    """Parse a JSON-stat 2.0 dataset into one row per cell (see the module docstring)."""
    if not isinstance(doc, dict):
        raise JsonStatError(f"expected a JSON object, got {type(doc).__name__}")
    if doc.get("class") != "dataset":
        raise JsonStatError(f"expected class 'dataset', got {doc.get('class')!r}")
    for key in ("id", "size", "dimension"):
        if key not in doc:
            raise JsonStatError(f"dataset has no {key!r}")
    ids = [str(dim_id) for dim_id in doc["id"]]
    sizes = [int(size) for size in doc["size"]]
    if len(ids) != len(sizes):
        raise JsonStatError(f"id has {len(ids)} dimensions but size has {len(sizes)}")
    dimensions = doc["dimension"]
    missing = [dim_id for dim_id in ids if dim_id not in dimensions]
    if missing:
        raise JsonStatError(f"dimension object lacks {', '.join(missing)}")

    n = math.prod(sizes)
    values = _values(doc.get("value"), n)
    status = _status(doc.get("status"), n)

    columns: dict[str, Any] = {}
    flat = np.arange(n, dtype=np.int64)
    stride = n
    units: dict[str, dict] = {}
    for dim_id, size in zip(ids, sizes, strict=True):
        codes, texts = _categories(dim_id, dimensions[dim_id], size)
        stride //= max(size, 1)
        positions = (flat // stride) % size if size else flat[:0]
        columns[dim_id] = np.asarray(codes, dtype=object)[positions]
        columns[f"{dim_id}_label"] = np.asarray(texts, dtype=object)[positions]
        units.update(dimensions[dim_id].get("category", {}).get("unit") or {})
    columns["value"] = values
    columns["status"] = status

    frame = pd.DataFrame(columns)
    # Keep status as plain Python objects so None stays None (not NaN) for the warehouse.
    frame["status"] = pd.Series(status, dtype=object)
    frame.attrs.update(
        {
            "updated": doc.get("updated"),
            "source": doc.get("source"),
            "label": doc.get("label"),
            "note": doc.get("note"),
            "roles": dict(doc.get("role") or {}),
            "units": units,
        }
    )
    return frame
