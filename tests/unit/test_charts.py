"""Chart builders that depend on how many areas a region configures."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.model import charts


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
