"""The view types every feature builds and every page draws: one definition each.

- `ChartView`: one chart with everything drawn around it (caption, text alternative, the rows shown).
- `Block`: a chart (or None when the selection has nothing to draw) plus plain-language notes.
- `Headline`: one metric card (label, value, change and its colour, caption, source).
Pure data, no Streamlit: pages render them with dashboard.ui.components.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go


@dataclass(frozen=True)
class ChartView:
    """Everything one chart block shows, built once per data version, language and selection:
    the cached unit for `memo` builders (render with components.chart_block)."""

    figure: go.Figure
    data: pd.DataFrame  # exactly the rows shown, for the downloads
    caption: str
    alt_text: str
    # For annotations (dated notes drawn as markers): which indicators and areas the chart shows, and how
    # its x axis writes time: "year" (int 2022), "month" ("2023-10") or "" (not a time series).
    indicators: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    time_axis: str = ""


@dataclass(frozen=True)
class Block:
    """A chart ready for components.chart_block, or None when the selection has nothing to draw, plus
    plain-language notes about what is missing or how the figure was computed."""

    view: ChartView | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Headline:
    """One metric card."""

    key: str
    label: str
    value: str
    delta: str | None
    delta_color: str  # green (better) | red (worse) | gray (neither, or no change)
    delta_arrow: str  # up | down | off — decided from the number, not from the formatted text
    caption: str  # period and comparison
    source: str
