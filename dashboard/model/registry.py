"""Every chart of the product by id, so decks, slides and exports can show "any chart with its selections".

Feature modules register their chart builders with `@register(...)`; a builder takes the language and
keyword selections (municipality, indicator, mode, scenario…) and returns a cached `ChartView`. A deck
slide stores only the chart id and its selections, so it always shows the current data.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from dashboard.model.views import ChartView

# Modules whose import registers charts; a new feature adds its module here.
CHART_MODULES = ("dashboard.overview.headlines", "dashboard.forum.deck_charts")


@dataclass(frozen=True)
class ChartEntry:
    chart_id: str
    title_key: str  # locale key naming the chart in the deck editor
    build: Callable[..., ChartView | None]
    defaults: dict = field(default_factory=dict)  # the selections a new slide starts from
    indicators: tuple[str, ...] = ()  # indicator ids shown, for annotations


_REGISTRY: dict[str, ChartEntry] = {}


def register(chart_id: str, title_key: str, defaults: dict | None = None,
             indicators: tuple[str, ...] = ()) -> Callable:  # fmt: skip
    def decorate(build: Callable[..., ChartView]) -> Callable[..., ChartView]:
        _REGISTRY[chart_id] = ChartEntry(chart_id, title_key, build, dict(defaults or {}), indicators)
        return build

    return decorate


def load_all() -> dict[str, ChartEntry]:
    for module in CHART_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)


def render(chart_id: str, lang: str, params: dict | None = None) -> ChartView | None:
    """The chart with its selections (None when its data is missing); unknown selection names are
    ignored, so old slides keep working."""
    entries = load_all()
    if chart_id not in entries:
        raise KeyError(f"unknown chart {chart_id!r}; known: {', '.join(sorted(entries))}")
    entry = entries[chart_id]
    selections = {**entry.defaults, **{k: v for k, v in (params or {}).items() if k in entry.defaults}}
    return entry.build(lang, **selections)
