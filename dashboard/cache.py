"""Caching policy for the read side, in one place.

- Query results: `st.cache_data` keyed by the warehouse version (see queries.py).
- Figures: `figure_cache` = `st.cache_resource`, shared objects. `st.cache_data` would unpickle a copy of
  each figure on every rerun (~20 ms per figure, measured; rendering it costs ~4 ms), which would make
  pages several times slower than the benchmark's floor page. Builders never mutate a figure after
  returning it, and every cached builder takes the data version (`db.version()`) as its first argument,
  so a rebuilt warehouse gets new figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

figure_cache = st.cache_resource(show_spinner=False, max_entries=512)


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
