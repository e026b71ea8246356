"""Caching policy for the read side, in one place.

- Query results: `st.cache_data` keyed by the warehouse version (see queries.py).
- Figures and page blocks: `figure_cache`, a shared in-process memo. `st.cache_data` would unpickle a copy
  of each figure on every rerun (~20 ms per figure, measured); `st.cache_resource` shares the object but
  inspects the function's signature and hashes every argument on every call (~0.3 ms a call, a dozen calls
  a rerun, profiled in the script thread). Builders take only hashable arguments (str, int, bool, tuples),
  so a cachetools LRU keyed by the arguments does the same job for a few microseconds. Builders never
  mutate a result after returning it, and every builder takes the data version (`db.version()`, or the
  app store's `state.cache_key()`) as an argument, so a rebuilt warehouse or an edit gets new results.
  Parameters whose name starts with "_" are left out of the key, as Streamlit does: the caller passes a
  string that identifies them.
- Wire form: `wire_ready(fig)` gives the figure with its arrays already in Plotly's base64 JSON form.
  st.plotly_chart serialises a figure on every rerun, and numpy arrays are re-encoded each time (~0.5 ms
  a figure); a cached figure is converted once, when it is drawn the second time.
- `clear_all()` empties every cache (the benchmark's cold render; Streamlit's own clear misses ours).
"""

from __future__ import annotations

import inspect
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import cachetools
import cachetools.keys
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

MAX_ENTRIES = 512  # per builder, as st.cache_resource(max_entries=512) had it
F = TypeVar("F", bound=Callable)
_memos: list = []


def figure_cache(func: F) -> F:
    """Memoise a builder per argument tuple, shared by all sessions; concurrent first calls with the same
    arguments wait for one computation (a cold server hit by many sessions builds each figure once)."""
    names = list(inspect.signature(func).parameters)
    skipped = frozenset(index for index, name in enumerate(names) if name.startswith("_"))

    def key(*args, **kwargs):
        kept = [value for index, value in enumerate(args) if index not in skipped]
        return cachetools.keys.hashkey(*kept, **{name: v for name, v in kwargs.items() if not name.startswith("_")})

    lock = threading.Lock()
    memo = cachetools.cached(cachetools.LRUCache(MAX_ENTRIES), key=key, lock=lock,
                             condition=threading.Condition(lock))(func)  # fmt: skip
    _memos.append(memo)
    return memo


def clear_all() -> None:
    """Empty Streamlit's caches, every `figure_cache` memo and every `IdentityMemo`."""
    st.cache_data.clear()
    st.cache_resource.clear()
    for memo in _memos:
        memo.cache_clear()
    for identity_memo in _identity_memos:
        identity_memo.clear()


class IdentityMemo:
    """Values derived from one particular cached object (a figure, a ChartView), valid for a stamp.

    Figures and views are not hashable, and their content is what a `figure_cache` key already named, so
    the object's identity is the key: id() plus a weak reference that proves the object is still the same
    one (an id is reused once its object is gone, and the entry goes with the object)."""

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref, object, object]] = {}
        _identity_memos.append(self)

    def lookup(self, obj: object, stamp: object) -> tuple[bool, object]:
        """(True, value) when a value was stored for this very object and stamp, else (False, None)."""
        entry = self._entries.get(id(obj))
        if entry is not None and entry[0]() is obj and entry[1] == stamp:
            return True, entry[2]
        return False, None

    def store(self, obj: object, stamp: object, value: object) -> None:
        ident = id(obj)
        self._entries[ident] = (weakref.ref(obj, lambda _ref: self._entries.pop(ident, None)), stamp, value)

    def clear(self) -> None:
        self._entries.clear()


_identity_memos: list[IdentityMemo] = []
_wire = IdentityMemo()  # figure -> its wire form, or None once seen


def wire_ready(fig: go.Figure) -> go.Figure:
    """`fig` as it is sent to the browser, converted once for a figure drawn again (a cached one).

    A figure seen for the first time is returned as it is: one built afresh for a single rerun would only
    pay for the conversion."""
    found, wire = _wire.lookup(fig, "wire")
    if not found:
        _wire.store(fig, "wire", None)
        return fig
    if wire is None:
        wire = pio.from_json(pio.to_json(fig, validate=False))
        _wire.store(fig, "wire", wire)
    return wire


@dataclass(frozen=True)
class ChartView:
    """Everything one chart block shows, built once per data version, language and selection:
    the cached unit for `figure_cache` builders (render with components.chart_block)."""

    figure: go.Figure
    data: pd.DataFrame  # exactly the rows shown, for the downloads
    caption: str
    alt_text: str
    # For annotations (dated notes drawn as markers): which indicators and areas the chart shows, and how
    # its x axis writes time: "year" (int 2022), "month" ("2023-10") or "" (not a time series).
    indicators: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    time_axis: str = ""
