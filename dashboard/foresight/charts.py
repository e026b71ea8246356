"""Plotly figures of the foresight page: plain functions of tidy frames, no Streamlit, no queries.

A slider move rebuilds the scenario figures, so they are built in one go from plain dicts and lists:
make_subplots + add_trace + update_* validate piece by piece and took ~110 ms for the outlook chart, a
single go.Figure(data, layout) takes ~20 ms; lists also serialise several times faster than pandas or
numpy on every rerun. The look follows dashboard.model.charts.base_layout.

Line styles say what a line is, on every chart of the page: actual = thin black, official projection =
dashed in the area's colour, scenario (a model calculation) = thick solid in the area's colour.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.model import charts, template

STYLES = {
    "actual": {"width": 1.6, "dash": "solid"},
    "official": {"width": 2.2, "dash": "dash"},
    "scenario": {"width": 3.2, "dash": "solid"},
}
ACTUAL_COLOR = "#111111"
BAR_COLORS = {"official": "#9e9e9e", "scenario": charts.FOCUS_PALETTE[1]}
BELOW = {"orientation": "h", "yanchor": "top", "y": -0.06, "x": 0}  # legend under the panels, clear of the title
X_AXIS = {"showgrid": False, "linecolor": "#888"}
Y_AXIS = {"gridcolor": "#e6e6e6", "zeroline": False}


def layout(title: str, lang: str, height: int, **extra: object) -> dict:
    """dashboard.model.charts.base_layout as a dict (and the app's template the default for the figure)."""
    template.ensure_default()
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        "separators": charts.separators(lang), "font": {"family": charts.FONT, "size": 13}, "height": height,
        "margin": {"l": 10, "r": 10, "t": 70, "b": 10}, "plot_bgcolor": "white", "hoverlabel": {"font_size": 13},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0}, **extra,
    }  # fmt: skip


def grid(count: int, columns: int, hgap: float, vgap: float) -> list[tuple[list[float], list[float]]]:
    """(x domain, y domain) of each panel, row by row, as make_subplots would place them."""
    rows = math.ceil(count / columns)
    width, height = (1 - hgap * (columns - 1)) / columns, (1 - vgap * (rows - 1)) / rows
    cells = []
    for i in range(count):
        x0, y1 = (i % columns) * (width + hgap), 1 - (i // columns) * (height + vgap)
        clip = lambda v: min(max(round(v, 6), 0.0), 1.0)  # noqa: E731 - float noise must not leave [0, 1]
        cells.append(([clip(x0), clip(x0 + width)], [clip(y1 - height), clip(y1)]))
    return cells


def suffix(i: int) -> str:
    return "" if i == 0 else str(i + 1)  # plotly's axis names: x, x2, x3, …


def panel_title(text: str, x: list[float], y: list[float]) -> dict:
    return {"text": text, "x": sum(x) / 2, "y": y[1], "xref": "paper", "yref": "paper", "xanchor": "center",
            "yanchor": "bottom", "showarrow": False, "font": {"size": 13}}  # fmt: skip


def wrap(text: str, width: int = 14) -> str:
    """Break a title onto lines of about `width` characters, so five panel titles fit side by side."""
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return "<br>".join([*lines, current])


def outlook_multiples(data: pd.DataFrame, colors: dict[str, str], names: dict[str, str], title: str, lang: str,
                      decimals: int = 0, columns: int = 3) -> go.Figure:  # fmt: skip
    """One panel per area (own y axis): actual, official projection and scenario lines.

    `data` columns: area_code, area_name, series, year, value — areas in display order. `names`: legend
    label per series.
    """
    areas = list(dict.fromkeys(data["area_code"]))
    titles = dict(zip(data["area_code"], data["area_name"]))
    cells = grid(len(areas), columns, 0.06, 0.12)
    traces, shown = [], set()
    number = f",.{decimals}f"
    extra: dict = {"annotations": []}
    parts: dict[str, list] = {code: [] for code in areas}
    for (code, series), part in data.groupby(["area_code", "series"], sort=False):
        parts[code].append((series, part))
    for i, code in enumerate(areas):
        for series, part in parts[code]:
            style = STYLES.get(series, STYLES["scenario"])
            color = ACTUAL_COLOR if series == "actual" else colors.get(code, charts.NEUTRALS[0])
            traces.append({
                "type": "scatter", "x": part["year"].tolist(), "y": part["value"].tolist(), "mode": "lines",
                "name": names[series], "legendgroup": series, "showlegend": series not in shown,
                "line": {"color": color, **style}, "xaxis": f"x{suffix(i)}", "yaxis": f"y{suffix(i)}",
                "hovertemplate": f"%{{x}}: %{{y:{number}}}<extra>{names[series]}</extra>",
            })  # fmt: skip
            shown.add(series)
        x, y = cells[i]
        extra[f"xaxis{suffix(i)}"] = {**X_AXIS, "domain": x, "anchor": f"y{suffix(i)}"}
        extra[f"yaxis{suffix(i)}"] = {**Y_AXIS, "domain": y, "anchor": f"x{suffix(i)}",
                                      "tickformat": number if decimals else ",d"}  # fmt: skip
        extra["annotations"].append(panel_title(titles[code], x, y))
    rows = math.ceil(len(areas) / columns)
    return go.Figure(data=traces, layout=layout(title, lang, 230 * rows + 150, **extra) | {
        "legend": BELOW, "margin": {"l": 10, "r": 10, "t": 70, "b": 60}})  # fmt: skip


def change_bars(data: pd.DataFrame, group_names: dict[str, str], series_names: dict[str, str], title: str,
                lang: str) -> go.Figure:  # fmt: skip
    """% change per area, one panel per group; official and scenario side by side.

    `data` columns: group, area_name, series, change_pct — groups and areas in display order.
    """
    groups = list(dict.fromkeys(data["group"]))
    areas = list(dict.fromkeys(data["area_name"]))
    cells = grid(len(groups), len(groups), 0.045, 0)
    traces, shown = [], set()
    extra: dict = {"annotations": [], "barmode": "group"}
    for i, group in enumerate(groups):
        for series, part in data[data["group"] == group].groupby("series", sort=False):
            traces.append({
                "type": "bar", "x": part["change_pct"].tolist(), "y": part["area_name"].tolist(), "orientation": "h",
                "name": series_names[series], "legendgroup": series, "showlegend": series not in shown,
                "marker": {"color": BAR_COLORS.get(series, charts.NEUTRALS[1]),
                           "pattern": {"shape": "/" if series == "official" else ""}},
                "xaxis": f"x{suffix(i)}", "yaxis": f"y{suffix(i)}",
                "hovertemplate": f"%{{y}}: %{{x:+.1f}} %<extra>{series_names[series]}</extra>",
            })  # fmt: skip
            shown.add(series)
        x, y = cells[i]
        extra[f"xaxis{suffix(i)}"] = {**X_AXIS, "domain": x, "anchor": f"y{suffix(i)}", "ticksuffix": " %",
                                      "zeroline": True, "zerolinecolor": "#555", "showgrid": True,
                                      "gridcolor": "#eee", "nticks": 3, "tickangle": 0}  # fmt: skip
        extra[f"yaxis{suffix(i)}"] = {**Y_AXIS, "domain": y, "anchor": f"x{suffix(i)}", "autorange": "reversed",
                                      "categoryorder": "array", "categoryarray": areas,
                                      "showticklabels": i == 0}  # fmt: skip
        extra["annotations"].append(panel_title(wrap(group_names[group]), x, y))
    height = 30 * len(areas) * max(1, data["series"].nunique()) + 200
    return go.Figure(data=traces, layout=layout(title, lang, height, **extra) | {
        "legend": {**BELOW, "y": -0.08}, "margin": {"l": 10, "r": 10, "t": 110, "b": 60}})  # fmt: skip


def compare_lines(data: pd.DataFrame, title: str, y_title: str, lang: str, decimals: int = 0) -> go.Figure:
    """One line per scenario for one area and group. `data` columns: series, label, year, value; the
    official projection is dashed grey, saved scenarios take the qualitative palette."""
    traces = []
    for i, (series, part) in enumerate(data.groupby("series", sort=False)):
        official = series == "official"
        name = html.escape(str(part["label"].iloc[0]))  # a saved scenario's name: Plotly reads labels as HTML
        traces.append({
            "type": "scatter", "x": part["year"].tolist(), "y": part["value"].tolist(), "mode": "lines", "name": name,
            "line": {"color": "#7a7a7a" if official else charts.FOCUS_PALETTE[i % len(charts.FOCUS_PALETTE)],
                     "width": 2.2 if official else 3, "dash": "dash" if official else "solid"},
            "hovertemplate": f"%{{x}}: %{{y:,.{decimals}f}}<extra>{name}</extra>",
        })  # fmt: skip
    axes = {"xaxis": X_AXIS, "yaxis": {**Y_AXIS, "title": {"text": y_title},
                                       "tickformat": f",.{decimals}f" if decimals else ",d"}}  # fmt: skip
    return go.Figure(data=traces, layout=layout(title, lang, 420, **axes))
