"""Plotly's own floor for the switch benchmark: a tiny app of a text page and a page with one three-point chart.

Served by bench/switch_bench.py beside the real app: the chart page ÷ the text page, switched to and first
loaded the same way, is what any page with a Plotly chart costs at least — mostly Streamlit loading and
starting the 4.7 MB plotly.js bundle on a first load — so the report can tell the app's own share apart.
The same three points as Streamlit's other chart elements (ECharts, 1.2 MB; Vega-Lite) are first loaded too:
what the first-load goal would cost with another chart library, for the client's decision (issue 12).
"""

import plotly.graph_objects as go
import streamlit as st

PARAGRAPH = ("This page only holds text: headings and paragraphs, as the app's accessibility statement does. "
             "It is the floor page's text-only side. ") * 4  # fmt: skip


def home() -> None:
    st.title("Plotly floor")


def text() -> None:
    st.title("Text")
    for number in range(1, 6):
        st.header(f"Section {number}")
        st.markdown(PARAGRAPH)


def chart() -> None:
    st.title("Chart")
    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2]), layout={"template": "none", "height": 420})
    st.plotly_chart(figure, key="floor_chart", config={"displaylogo": False}, theme=None)  # as the app draws


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
               st.Page(chart, url_path="chart"), st.Page(echarts, url_path="echarts"),
               st.Page(vega, url_path="vega")]).run()  # fmt: skip
