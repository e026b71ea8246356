"""Annotations are stored with who and when and drawn on the matching time series only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core import store as state
from dashboard.forum import annotations
from dashboard.model.views import ChartView


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_env: Path) -> Path:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    state._changed()
    return tmp_path


def view(time_axis: str = "year", indicator: str = "jobs") -> ChartView:
    fig = go.Figure(go.Scatter(x=[2015, 2016, 2017], y=[1, 2, 3]))
    return ChartView(fig, pd.DataFrame(), "", "", indicators=(indicator,), areas=("KU001",), time_axis=time_axis)


def test_add_list_and_delete_with_audit(store: Path) -> None:
    annotations.add("jobs", "KU001", date(2016, 5, 1), "Tehtaan lakkautus", "koordinaattori")
    notes = annotations.all_annotations()
    assert notes.iloc[0]["text"] == "Tehtaan lakkautus" and notes.iloc[0]["created_by"] == "koordinaattori"
    annotations.delete(int(notes.iloc[0]["id"]), "koordinaattori")
    assert annotations.all_annotations().empty
    assert state.query("audit_log", {"limit": 5})["action"].tolist() == ["delete", "create"]


def test_notes_appear_in_the_figure_data(store: Path) -> None:
    annotations.add("jobs", "KU001", date(2016, 5, 1), "Tehtaan lakkautus", "k")
    annotations.add("jobs", "KU999", date(2016, 1, 1), "Muu kunta", "k")
    fig = annotations.figure_with_notes(view())
    texts = [a.text for a in fig.layout.annotations]
    assert texts == ["Tehtaan lakkautus"] and fig.layout.shapes[0].x0 == 2016
    assert not view().figure.layout.shapes  # the cached original is untouched


def test_monthly_axis_and_non_time_series(store: Path) -> None:
    assert annotations.x_value(date(2023, 10, 31), "month") == "2023-10"
    annotations.add("jobs", "KU001", date(2016, 5, 1), "x", "k")
    plain = view(time_axis="")
    assert annotations.figure_with_notes(plain) is plain.figure
    assert not annotations.for_view(view(time_axis=""), annotations.all_annotations()).shape[0]


def test_each_view_gets_its_own_notes_and_new_notes_show(store: Path) -> None:
    """Two selections of one chart are two views: neither may be handed the other's figure."""
    annotations.add("jobs", "KU001", date(2016, 5, 1), "Tehtaan lakkautus", "k")
    jobs, population = view(), view(indicator="population")
    assert [a.text for a in annotations.figure_with_notes(jobs).layout.annotations] == ["Tehtaan lakkautus"]
    assert annotations.figure_with_notes(population) is population.figure
    annotations.add("population", "KU001", date(2017, 1, 1), "Uusi asuinalue", "k")  # the store changes
    assert [a.text for a in annotations.figure_with_notes(population).layout.annotations] == ["Uusi asuinalue"]


def test_text_limits(store: Path) -> None:
    with pytest.raises(annotations.AnnotationError):
        annotations.add("jobs", "KU001", date(2016, 5, 1), "  ", "k")
    with pytest.raises(annotations.AnnotationError):
        annotations.add("jobs", "KU001", date(2016, 5, 1), "x" * 121, "k")


def test_note_text_is_drawn_as_text(store: Path) -> None:
    """Issue 12 point 6: Plotly reads annotation text as HTML; an editor's note must not become a link."""
    annotations.add("jobs", "KU001", date(2016, 5, 1), "<a href='https://example.com'>x</a> ![x](y.png)", "k")
    (text,) = [a.text for a in annotations.figure_with_notes(view()).layout.annotations]
    assert text == "&lt;a href=&#x27;https://example.com&#x27;&gt;x&lt;/a&gt; ![x](y.png)"
