"""Plotly figures of the projects-and-funding pages: plain functions of tidy data, no Streamlit, no queries.

Areas keep their product-wide colours (queries.area_colors); stated reference levels are grey,
derived expectations are marked with open symbols so they never read as data.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.model.charts import NEUTRALS, base_layout

GRANTED, REALISED = "#1f6f8b", "#99c9d6"
NOT_COMPARABLE = "#d9d9d9"  # a bar whose coverage is too low to compare: grey whatever its area
PATTERNS = ("", "/", ".", "\\", "-")  # "x" is kept for bars that are not comparable


def granted_realised(data: pd.DataFrame, title: str, names: tuple[str, str], x_title: str, lang: str) -> go.Figure:
    """Horizontal grouped bars per fund (long fund names stay readable): granted and realised EUR.
    `data` columns: fund, granted_eur, realised_eur."""
    fig = go.Figure()
    for column, name, color in (("granted_eur", names[0], GRANTED), ("realised_eur", names[1], REALISED)):
        fig.add_trace(go.Bar(y=data["fund"], x=data[column], name=name, marker_color=color, orientation="h",
                             hovertemplate="%{y}: %{x:,.0f} €<extra>" + name + "</extra>"))  # fmt: skip
    fig = base_layout(fig, title, lang, height=max(300, 60 * len(data) + 140))
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=x_title, tickformat=",d", showgrid=True, gridcolor="#e6e6e6")
    return fig


def per_resident(data: pd.DataFrame, colors: dict[str, str], title: str, x_title: str, not_comparable: str,
                 lang: str) -> go.Figure:  # fmt: skip
    """Horizontal bars: EUR per resident per programme year by area; one pattern per programme period. Each
    bar is labelled with its coverage (n / m projects with an amount) and period; a bar below the threshold is
    grey and cross-hatched, and a legend entry (`not_comparable`) says why. `data` columns: area_code,
    area_name, period, eur_per_resident_year, coverage_text, hover (plain text), comparable."""
    fig = go.Figure()
    for i, (period, rows) in enumerate(data.groupby("period", sort=True)):
        shape = PATTERNS[i % len(PATTERNS)]
        fig.add_trace(go.Bar(
            y=rows["area_name"], x=rows["eur_per_resident_year"], orientation="h", name=period,
            text=[f"{c} · {period}" for c in rows["coverage_text"]], textposition="outside", cliponaxis=False,
            showlegend=False,  # a legend entry would show its first bar's style; the label names the period
            customdata=[[html.escape(str(h))] for h in rows["hover"]],
            marker={"color": [colors.get(c, NEUTRALS[1]) if ok else NOT_COMPARABLE
                              for c, ok in zip(rows["area_code"], rows["comparable"])],
                    "pattern": {"shape": [shape if ok else "x" for ok in rows["comparable"]]}},
            hovertemplate="%{y}: %{x:,.1f} €<br>%{customdata[0]}<extra>" + html.escape(str(period)) + "</extra>",
        ))  # fmt: skip
    if len(data) and not data["comparable"].all():  # a legend entry only: a bar trace would take a slot
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=not_comparable, hoverinfo="skip",
                                 marker={"symbol": "square", "size": 14, "color": NOT_COMPARABLE,
                                         "line": {"color": NEUTRALS[0], "width": 1}}))  # fmt: skip
    fig = base_layout(
        fig, title, lang, height=max(320, 34 * data["area_name"].nunique() * max(1, data["period"].nunique()) + 120)
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    widest = data["eur_per_resident_year"].max()
    fig.update_xaxes(title_text=x_title, showgrid=True, gridcolor="#e6e6e6",
                     range=[0, 1.25 * widest] if pd.notna(widest) and widest > 0 else None)  # room for the labels  # fmt: skip
    return fig


def position(data: pd.DataFrame, colors: dict[str, str], title: str, names: dict[str, str], x_title: str,
             lang: str) -> go.Figure:  # fmt: skip
    """The funding position: stated level (grey bar), realised commitments (area colour, derived) and the
    level times the share of the period elapsed (open diamond, derived). `data` columns: area_code,
    area_name, level, actual, expected_to_date."""
    fig = go.Figure()
    fig.add_trace(go.Bar(y=data["area_name"], x=data["level"], orientation="h", name=names["level"],
                         marker_color=NEUTRALS[2], hovertemplate="%{y}: %{x:,.0f} €<extra></extra>"))  # fmt: skip
    fig.add_trace(go.Bar(y=data["area_name"], x=data["actual"], orientation="h", name=names["actual"],
                         marker_color=[colors.get(c, NEUTRALS[0]) for c in data["area_code"]],
                         hovertemplate="%{y}: %{x:,.1f} €<extra></extra>"))  # fmt: skip
    fig.add_trace(go.Scatter(y=data["area_name"], x=data["expected_to_date"], mode="markers", name=names["expected"],
                             marker={"symbol": "diamond-open", "size": 14, "color": "#222", "line": {"width": 2}},
                             hovertemplate="%{y}: %{x:,.1f} €<extra></extra>"))  # fmt: skip
    fig = base_layout(fig, title, lang, height=300)
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=x_title, showgrid=True, gridcolor="#e6e6e6", rangemode="tozero")
    return fig


def allocations(data: pd.DataFrame, title: str, names: dict[str, str], y_title: str, lang: str) -> go.Figure:
    """Allocation per fund (M€) with committed and paid beside it where known. `data` columns: fund,
    allocation_meur, committed_meur, paid_meur."""
    fig = go.Figure()
    for column, color in (("allocation_meur", NEUTRALS[2]), ("committed_meur", GRANTED), ("paid_meur", REALISED)):
        if data[column].notna().any():
            fig.add_trace(go.Bar(x=data["fund"], y=data[column], name=names[column], marker_color=color,
                                 hovertemplate="%{x}: %{y:,.1f} M€<extra></extra>"))  # fmt: skip
    fig = base_layout(fig, title, lang, height=360)
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=y_title)
    return fig


def development(data: pd.DataFrame, colors: dict[str, str], title: str, y_title: str, band: tuple[int, int] | None,
                band_label: str, lang: str) -> go.Figure:  # fmt: skip
    """Lines per area (peer group dashed grey) with the project's years shaded. `data` columns:
    area_code, area_name, x, value."""
    fig = go.Figure()
    for code, rows in data.groupby("area_code", sort=False):
        peer = code == "peers"
        fig.add_trace(go.Scatter(
            x=rows["x"], y=rows["value"], mode="lines+markers", name=rows["area_name"].iloc[0],
            line={"color": NEUTRALS[1] if peer else colors.get(code, NEUTRALS[0]), "width": 2.5,
                  "dash": "dash" if peer else "solid"}, marker={"size": 5},
        ))  # fmt: skip
    fig = base_layout(fig, title, lang)
    if band:
        fig.add_vrect(x0=band[0] - 0.5, x1=band[1] + 0.5, fillcolor="#f2d388", opacity=0.35, line_width=0,
                      annotation_text=band_label, annotation_position="top left")  # fmt: skip
    fig.update_yaxes(title_text=y_title)
    fig.update_xaxes(dtick=2)
    return fig
