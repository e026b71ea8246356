"""The floor page: a title plus K pre-built plotly figures, and nothing else.

A page can never rerun faster than Streamlit needs to send its charts, so the benchmark divides each
page's warm rerun time by this page's, rendering the same number of figures, measured in the same run:
the ratio survives a slow or busy machine where absolute milliseconds do not.

The figures are built once and shared with st.cache_resource, as the pages' figures are shared by
dashboard.core.memo, and drawn with the pages' own chart element (dashboard.ui.chart_element), so a rerun costs
only what a well-behaved page must pay: sending the figures.
The benchmark hands over the page's own figures (their JSON, via session state) and its tables, so the
floor sends exactly as many bytes; run standalone, it draws three synthetic small-multiple figures.
"""

from __future__ import annotations

import hashlib

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from plotly.subplots import make_subplots

from dashboard.ui.chart_element import figure_of, plotly_chart

SPECS_KEY = "bench_floor_specs"  # tuple of the chart elements' payloads (bytes), set by bench.pages_bench
TABLES_KEY = "bench_floor_tables"  # the page's st.dataframe contents, rendered as-is (tables cost too)
COUNT_KEY = "bench_floor_count"  # K for synthetic figures when no specs are given
DEFAULT_COUNT = 3


def synthetic_figure(seed: int) -> go.Figure:
    """Eight lines of fifty points in a 2 × 4 grid: the shape of a typical small-multiples chart."""
    fig = make_subplots(rows=2, cols=4, subplot_titles=[f"Area {i + 1}" for i in range(8)])
    for i in range(8):
        start = 1000 + 500 * ((seed + i) % 7)
        values = [start - 10 * year + (year * (i + 3)) % 17 for year in range(50)]
        fig.add_trace(go.Scatter(x=list(range(1973, 2023)), y=values, mode="lines", name=f"Area {i + 1}"),
                      row=i // 4 + 1, col=i % 4 + 1)  # fmt: skip
    fig.update_layout(title=f"Synthetic figure {seed + 1}", showlegend=False, height=420)
    return fig


# Leading underscore: Streamlit does not hash `_specs` (it may be megabytes); `key` identifies them.
@st.cache_resource(show_spinner=False)
def prebuilt_figures(key: str, _specs: tuple[bytes, ...]) -> list[go.Figure]:
    return [pio.from_json(figure_of(wire).decode(), skip_invalid=True) for wire in _specs]


@st.cache_resource(show_spinner=False)
def synthetic_figures(count: int) -> list[go.Figure]:
    return [synthetic_figure(i) for i in range(count)]


def figures() -> list[go.Figure]:
    specs = st.session_state.get(SPECS_KEY)
    if specs is not None:
        key = st.session_state.get(f"{SPECS_KEY}_digest") or hashlib.sha256(repr(specs).encode()).hexdigest()
        return prebuilt_figures(key, specs)
    return synthetic_figures(int(st.session_state.get(COUNT_KEY, DEFAULT_COUNT)))


st.title("Floor page")
for index, figure in enumerate(figures()):
    plotly_chart(figure, f"floor_{index}", st.session_state.get("lang", "fi"))  # as the pages draw
for table in st.session_state.get(TABLES_KEY, ()):
    st.dataframe(table, hide_index=True)
