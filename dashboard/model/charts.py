"""Plotly figure builders: plain functions of tidy data, no Streamlit, no queries.

Colours are fixed per area across the whole product: focus municipalities take a colour-blind-safe
qualitative palette in their catalogue order; comparison areas are neutral greys.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.model import template
from dashboard.model.areas import FOCUS_PALETTE, NEUTRALS, area_colors  # noqa: F401 - re-exported for figures

FONT = "Source Sans Pro, Segoe UI, Arial, sans-serif"


def separators(lang: str) -> str:
    """Plotly's decimal + thousands separators: decimal comma and space in Finnish and Swedish."""
    return ", " if lang in ("fi", "sv") else ".,"


def base_layout(fig: go.Figure, title: str, lang: str, height: int = 420) -> go.Figure:
    if template.ensure_default():  # built under another default (see dashboard.model.template)
        fig.update_layout(template=template.NAME)
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        separators=separators(lang),
        font={"family": FONT, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        plot_bgcolor="white",
        hoverlabel={"font_size": 13},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    )
    fig.update_xaxes(showgrid=False, linecolor="#888")
    fig.update_yaxes(gridcolor="#e6e6e6", zeroline=False)
    return fig


PRELIMINARY_SYMBOL = "circle-open"  # hollow: a figure the final one will replace


def preliminary_points(rows: pd.DataFrame, color: str, suffix: str) -> tuple[dict, go.Scatter | None]:
    """The preliminary points of `rows` (column is_preliminary): settings for the line's trace, whose hover
    text ends with `suffix` (' (ennakkotieto)') at exactly those points, and a trace of hollow markers on
    them, in the line's legend group; ({}, None) when no point is preliminary or no suffix is given. The
    hover template shows the suffix with %{text}.

    The markers are a trace of their own because a marker per point, even of size 0, makes Plotly draw
    every point: small multiples took about twice as long to draw that way (measured in Chromium)."""
    if not suffix or "is_preliminary" not in rows:
        return {}, None
    marked = (rows["is_preliminary"].fillna(False).astype(bool) & rows["value"].notna()).tolist()
    if not any(marked):
        return {}, None
    name = rows["area_name"].iloc[0]
    shown = rows[marked]
    markers = go.Scatter(
        x=shown["x"].tolist(), y=shown["value"].tolist(), mode="markers", name=f"{name}{suffix}", legendgroup=name,
        showlegend=False, hoverinfo="skip",  # the line's own hover names the point preliminary
        marker={"symbol": PRELIMINARY_SYMBOL, "size": 10, "color": color, "line": {"width": 2}},  # open: drawn in color
    )  # fmt: skip
    return {"text": [suffix if m else "" for m in marked], "legendgroup": name}, markers


def _hover(template: str, points: dict) -> str:
    """`template` ('%{x}: %{y}') with the preliminary suffix when there is one, and the trace name."""
    return template + ("%{text}" if points else "") + "<extra>%{fullData.name}</extra>"


PANEL_HEIGHT = 200  # px per row of small multiples
ROW_GAP = 80  # px between rows: the tick labels of one row and the panel titles of the next


def small_multiples(data: pd.DataFrame, colors: dict[str, str], title: str, lang: str,
                    columns: int = 4, hover_unit: str = "", preliminary: str = "") -> go.Figure:  # fmt: skip
    """One small line chart per area, each with its own y axis (populations differ tenfold).

    `data` columns: area_code, area_name, x, value — areas in display order; with is_preliminary and a
    `preliminary` hover suffix, preliminary points are hollow markers (preliminary_points).
    """
    names = list(dict.fromkeys(data["area_name"]))
    rows = math.ceil(len(names) / columns)
    height = PANEL_HEIGHT * rows + 90
    # The gap between panel rows in pixels, as a share of the figure: a fixed share (it was 0.16) breaks
    # plotly's limit of 1 / (rows - 1) once a region has about 30 areas to show.
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=names, horizontal_spacing=0.06,
                        vertical_spacing=ROW_GAP / height)  # fmt: skip
    for i, (code, rows_) in enumerate(data.groupby("area_code", sort=False)):
        color = colors.get(code, NEUTRALS[0])
        points, markers = preliminary_points(rows_, color, preliminary)
        cell = {"row": i // columns + 1, "col": i % columns + 1}
        fig.add_trace(
            go.Scatter(
                # Plain lists: Series become typed arrays that cost ~10× more to serialise on every rerun.
                x=rows_["x"].tolist(), y=rows_["value"].tolist(), mode="lines", name=rows_["area_name"].iloc[0],
                line={"color": color, "width": 2.5},
                hovertemplate=_hover(f"%{{x}}: %{{y:,.0f}} {hover_unit}", points),
            ).update(points),
            **cell,
        )  # fmt: skip
        if markers is not None:
            fig.add_trace(markers, **cell)
    fig = base_layout(fig, title, lang, height=height)
    fig.update_layout(showlegend=False)
    fig.update_yaxes(tickformat=",d")  # '12 000' with the locale's separators, not SI '12k'
    fig.update_annotations(font_size=13)
    return fig


def line_chart(data: pd.DataFrame, colors: dict[str, str], title: str, y_title: str, lang: str,
               dashed: set[str] | None = None, hover: str | None = None, preliminary: str = "") -> go.Figure:  # fmt: skip
    """Lines per area on one axis. `data` columns: area_code, area_name, x, value (and is_preliminary).

    `hover`: the hover text's template ('%{x}: %{y:,.1f}'; the trace name is added); None: Plotly's own.
    `preliminary`: the hover suffix of preliminary points, drawn hollow (preliminary_points)."""
    fig = go.Figure()
    for code, rows_ in data.groupby("area_code", sort=False):
        color = colors.get(code, NEUTRALS[0])
        points, markers = preliminary_points(rows_, color, preliminary)
        fig.add_trace(
            go.Scatter(
                x=rows_["x"].tolist(), y=rows_["value"].tolist(), mode="lines", name=rows_["area_name"].iloc[0],
                line={"color": color, "width": 2.5, "dash": "dot" if dashed and code in dashed else "solid"},
                hovertemplate=None if hover is None else _hover(hover, points),
            ).update(points)
        )  # fmt: skip
        if markers is not None:
            fig.add_trace(markers)
    fig = base_layout(fig, title, lang)
    fig.update_yaxes(title_text=y_title)
    return fig


def horizontal_bars(names: list[str] | pd.Series, values: list[float] | pd.Series, texts: list[str],
                    colors: list[str], title: str, x_title: str, lang: str) -> go.Figure:  # fmt: skip
    """One horizontal bar per area, in the order given (bottom to top), a text at each bar and a zero line:
    for figures that can be negative, such as a commuting balance."""
    fig = go.Figure(
        go.Bar(
            y=list(names), x=list(values), orientation="h", marker_color=list(colors), text=texts,
            textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )  # fmt: skip
    fig = base_layout(fig, title, lang, height=max(260, 38 * len(texts) + 110))
    fig.update_layout(showlegend=False, margin={"l": 10, "r": 10, "t": 70, "b": 10})
    # Room on both sides for the texts outside the bars (a negative bar's text would run into the names).
    shown = [float(v) for v in values if pd.notna(v)]
    low, high = min([0.0, *shown]), max([0.0, *shown])
    pad = 0.35 * ((high - low) or 1.0)
    fig.update_xaxes(title_text=x_title, zeroline=True, zerolinecolor="#555", tickformat=",d", showgrid=True,
                     gridcolor="#e6e6e6", range=[low - pad if low < 0 else low, high + pad])  # fmt: skip
    return fig
