"""Plotly's own floor for the switch benchmark: a tiny app of a text page and a page with one three-point chart.

Served by bench/switch_bench.py beside the real app: the chart page ÷ the text page, switched to and first
loaded the same way, is what any page with a Plotly chart costs at least — mostly Streamlit loading and
starting the 4.7 MB plotly.js bundle on a first load — so the report can tell the app's own share apart.
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


st.navigation([st.Page(home, url_path="koti", default=True), st.Page(text, url_path="text"),
               st.Page(chart, url_path="chart")]).run()  # fmt: skip
