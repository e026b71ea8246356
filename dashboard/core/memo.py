"""The one memo of the read side: `@memo`, keyed by the data version and the arguments.

- **Data version** = the warehouse this script run is pinned to (`warehouse.version()`) plus the app
  store's revision (`store.cache_key()`). `@memo` puts it into every key itself, so a builder takes only its
  real arguments: a rebuilt warehouse, a run pinned to another build, or an edit in the store all get new
  results, and no function exists only to pass a version on. `data_version()` is the same stamp for the
  few things that key a cache of their own (deck exports).
- **Shared, not copied**: entries are shared by all sessions of the process. `st.cache_data` would unpickle
  a copy of each figure on every rerun (~20 ms per figure, measured); `st.cache_resource` inspects the
  signature and hashes every argument on every call (~0.3 ms a call, a dozen calls a rerun). A cachetools
  LRU keyed by the arguments does the same for a few microseconds. Builders never mutate a result after
  returning it; DataFrames are handed out as shallow copies (pandas copy-on-write), so a caller that adds a
  column changes its own copy only.
- Arguments are frozen for the key (lists to tuples, dicts and sets to sorted tuples), so callers pass what
  they have. Parameters whose name starts with "_" are left out of the key, as Streamlit does: the caller
  passes a string that identifies them.
- Concurrent first calls with the same key wait for one computation (a cold server hit by many sessions
  builds each figure once).
- Wire form: `figure_json(fig)` is the figure's JSON as it is sent to the browser (dashboard.ui.chart_element),
  written once per figure object: a cached figure drawn again on every rerun is not serialised again
  (numpy arrays alone take ~0.5 ms a figure to encode).
- `clear_all()` empties every memo (the benchmark's cold render; Streamlit's own clear misses ours).
"""

from __future__ import annotations

import functools
import inspect
import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

import cachetools
import cachetools.keys
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from dashboard.core import store, warehouse

MAX_ENTRIES = 512  # per builder
F = TypeVar("F", bound=Callable)
_memos: list = []


def data_version() -> tuple[str, str]:
    """(warehouse file of this run, app store revision): what every memo key starts with. Without a warehouse
    the first part is empty: memos of the app store (decks, notes) still work, warehouse reads fail as they
    should, in the query itself."""
    try:
        built = warehouse.version()
    except warehouse.WarehouseMissing:
        built = ""
    return built, store.cache_key()


def _frozen(value: object) -> object:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return tuple(sorted(value))
    return value


def memo(func: F) -> F:
    """Memoise `func` per data version and arguments, shared by all sessions of the process."""
    names = list(inspect.signature(func).parameters)
    skipped = frozenset(index for index, name in enumerate(names) if name.startswith("_"))

    def key(version, *args, **kwargs):
        kept = [_frozen(value) for index, value in enumerate(args) if index not in skipped]
        named = {name: _frozen(v) for name, v in kwargs.items() if not name.startswith("_")}
        return cachetools.keys.hashkey(version, *kept, **named)

    lock = threading.Lock()
    entries = cachetools.LRUCache(MAX_ENTRIES)
    cached = cachetools.cached(entries, key=key, lock=lock, condition=threading.Condition(lock))(
        lambda version, *args, **kwargs: func(*args, **kwargs)
    )

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        version = data_version()
        if version not in _recent:
            _retire_old(version)
        result = cached(version, *args, **kwargs)
        return result.copy(deep=False) if isinstance(result, pd.DataFrame) else result

    wrapper.cache_clear = cached.cache_clear
    _memos.append((wrapper, entries, lock))
    return wrapper  # type: ignore[return-value]


KEEP_VERSIONS = 2  # data versions whose entries stay: the newest, and the one runs still pinned to may use
_recent: list[tuple[str, str]] = []
_recent_lock = threading.Lock()


def _retire_old(version: tuple[str, str]) -> None:
    """A new data version (a swapped-in build, an edit): forget the entries of versions older than the last
    KEEP_VERSIONS, so memory does not grow with every swap. A run still pinned to a retired version just
    computes again."""
    with _recent_lock:
        if version in _recent:
            return
        _recent.append(version)
        del _recent[:-KEEP_VERSIONS]
        keep = set(_recent)
    for _wrapper, entries, lock in _memos:
        with lock:
            for stale in [k for k in entries if k[0] not in keep]:
                entries.pop(stale, None)


def clear_all() -> None:
    """Empty every memo and every `IdentityMemo` (and Streamlit's own caches, should a page use one)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    for wrapper, _entries, _lock in _memos:
        wrapper.cache_clear()
    for identity_memo in _identity_memos:
        identity_memo.clear()


class IdentityMemo:
    """Values derived from one particular cached object (a figure, a ChartView), valid for a stamp.

    Figures and views are not hashable, and their content is what a `memo` key already named, so
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
_wire = IdentityMemo()  # figure -> its JSON


def figure_json(fig: go.Figure) -> bytes:
    """`fig` as plotly.io writes it for plotly.js (UTF-8 JSON), written once per figure object."""
    found, wire = _wire.lookup(fig, "json")
    if not found:
        wire = pio.to_json(fig, validate=False).encode()
        _wire.store(fig, "json", wire)
    return wire
