"""Plotly's own floor for the switch benchmark: a tiny app of a text page and a page with one three-point chart.

Served by bench/switch_bench.py beside the real app: the chart page ÷ the text page, switched to and first
loaded the same way, is what any page with a chart costs at least — mostly the browser fetching and starting
the app's partial plotly.js bundle (dashboard.ui.chart_element, 1.6 MB) on a first load — so the report can tell the
app's own share apart. The same three points drawn by st.plotly_chart (Streamlit's full plotly.js, 4.7 MB,
what the app drew with before) and by Streamlit's other chart elements (ECharts, Vega-Lite) are first loaded
too: the first-load goal's other roads (issue 12).
"""

import plotly.graph_objects as go
import streamlit as st

from dashboard.ui.chart_element import plotly_chart

PARAGRAPH = ("This page only holds text: headings and paragraphs, as the app's accessibility statement does. "
             "It is the floor page's text-only side. ") * 4  # fmt: skip


def home() -> None:
    st.title("Plotly floor")


def text() -> None:
    st.title("Text")
    for number in range(1, 6):
        st.header(f"Section {number}")
        st.markdown(PARAGRAPH)


FIGURE = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2]), layout={"template": "none", "height": 420})


def chart() -> None:
    st.title("Chart")
    plotly_chart(FIGURE, "floor_chart", "fi")  # as the app draws


def streamlit_plotly() -> None:
    st.title("Chart")
    st.plotly_chart(FIGURE, key="floor_plotly", config={"displaylogo": False}, theme=None)  # as the app drew


def echarts() -> None:
    st.title("Chart")
    st.echarts_chart({"xAxis": {"type": "category", "data": ["1", "2", "3"]}, "yAxis": {"type": "value"},
                      "series": [{"type": "line", "data": [1, 3, 2]}]}, key="floor_echarts", theme=None)  # fmt: skip


def vega() -> None:
    st.title("Chart")
    points = [{"x": 1, "y": 1}, {"x": 2, "y": 3}, {"x": 3, "y": 2}]
    st.vega_lite_chart({"data": {"values": points}, "mark": "line",
                        "encoding": {"x": {"field": "x", "type": "quantitative"},
                                     "y": {"field": "y", "type": "quantitative"}}}, key="floor_vega", theme=None)  # fmt: skip


st.navigation([st.Page(home, url_path="koti", default=True), st.Page(text, url_path="text"),
               st.Page(chart, url_path="chart"), st.Page(streamlit_plotly, url_path="plotly_chart"),
               st.Page(echarts, url_path="echarts"),
               st.Page(vega, url_path="vega")]).run()  # fmt: skip
