"""Dated notes on an indicator and area, drawn as markers on every time series that shows them
(pages and slides alike). Stored in the app's own store with who and when; editors add and remove them."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import store as state
from dashboard.core.memo import IdentityMemo, data_version, memo
from dashboard.model.views import ChartView

MAX_TEXT = 120


class AnnotationError(ValueError):
    """A note that cannot be saved."""


@memo  # shared, not read per call: every chart of a page asks
def all_annotations() -> pd.DataFrame:
    return state.query("annotations")


def add(indicator_id: str, area_code: str, event_date: date, text: str, actor: str) -> None:
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise AnnotationError(f"a note needs 1–{MAX_TEXT} characters")
    row = {"indicator_id": indicator_id, "area_code": area_code, "event_date": event_date, "text": text,
           "created_by": actor, "created_at": datetime.now(UTC)}  # fmt: skip
    state.write(actor, "create", "annotation", f"{indicator_id}/{area_code}/{event_date}", [("annotation_insert", row)],
                after=row)  # fmt: skip


def delete(annotation_id: int, actor: str) -> None:
    rows = all_annotations()
    before = rows[rows["id"] == annotation_id].to_dict("records")
    state.write(actor, "delete", "annotation", str(annotation_id), [("annotation_delete", {"id": annotation_id})],
                before=before[0] if before else None)  # fmt: skip


def for_view(view: ChartView, notes: pd.DataFrame) -> pd.DataFrame:
    """The notes that belong on this chart: its indicators and areas, and only on time series."""
    if not view.time_axis or notes.empty:
        return notes.iloc[0:0]
    return notes[notes["indicator_id"].isin(view.indicators) & notes["area_code"].isin(view.areas)]


def x_value(event: date, time_axis: str) -> object:
    """Where a date sits on the chart's time axis (the axis writes years as ints, months as 'YYYY-MM')."""
    return event.year if time_axis == "year" else f"{event.year}-{event.month:02d}"


def annotate(figure: go.Figure, notes: pd.DataFrame, time_axis: str) -> go.Figure:
    """A copy of `figure` with a dotted line and label for each note (the cached original is untouched)."""
    out = go.Figure(figure)
    for note in notes.itertuples():
        event = pd.Timestamp(note.event_date).date()
        # An editor's text: Plotly reads annotation text as HTML (links, tags), so it goes in escaped.
        out.add_vline(x=x_value(event, time_axis), line_dash="dot", line_color="#5b2a86", line_width=1.5,
                      annotation_text=html.escape(note.text), annotation_position="top left",
                      annotation_font={"size": 11, "color": "#5b2a86"})  # fmt: skip
    return out


# ChartView -> its figure with the notes drawn, per data version and store content. Keyed by the view
# itself: views are cached objects, and a chart key alone would hand one selection's figure to another.
_with_notes = IdentityMemo()


def figure_with_notes(view: ChartView) -> go.Figure:
    """The view's figure with its notes; the cached figure itself when it has none. A lookup per rerun:
    filtering the notes with pandas for every chart of every rerun cost more than drawing one."""
    if not view.time_axis:
        return view.figure
    stamp = data_version()
    found, figure = _with_notes.lookup(view, stamp)
    if not found:
        notes = for_view(view, all_annotations())
        figure = view.figure if notes.empty else annotate(view.figure, notes, view.time_axis)
        _with_notes.store(view, stamp, figure)
    return figure
