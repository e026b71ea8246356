"""Chart builders that depend on how many areas a region configures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard.model import charts, template


@pytest.mark.parametrize("areas", [11, 30, 80, 308])
def test_small_multiples_fit_any_number_of_areas(areas: int) -> None:
    """A region is configuration: a larger one (a whole province, or every municipality in a stress test)
    must still draw. A fixed row gap of 0.16 broke plotly's 1 / (rows - 1) limit from about 30 areas."""
    rows = pd.DataFrame([{"area_code": f"A{i}", "area_name": f"Alue {i}", "x": year, "value": i + year}
                         for i in range(areas) for year in (2020, 2021)])  # fmt: skip
    fig = charts.small_multiples(rows, {}, "Testi", "fi")
    assert len(fig.data) == areas
    panel_rows = -(-areas // 4)
    assert fig.layout.height == charts.PANEL_HEIGHT * panel_rows + 90
    top_row, next_row = fig.layout.yaxis.domain, fig.layout.yaxis5.domain if areas > 4 else None
    if next_row is not None:  # the gap between rows stays the same in pixels
        gap_px = (top_row[0] - next_row[1]) * fig.layout.height
        assert gap_px == pytest.approx(charts.ROW_GAP, abs=1)


def test_figures_get_the_app_template_even_after_streamlit_resets_the_default() -> None:
    """Importing Streamlit's chart module makes its template Plotly's default; the next figure still gets ours."""
    pio.templates.default = "streamlit"  # what streamlit.elements.plotly_chart does on import
    try:
        fig = charts.base_layout(go.Figure(go.Scatter(x=[1], y=[1])), "title", "fi")
        assert fig.layout.template.layout.colorway == pio.templates[template.NAME].layout.colorway
        assert pio.templates.default == template.NAME
        assert "#000001" not in fig.to_json()
    finally:
        template.ensure_default()
