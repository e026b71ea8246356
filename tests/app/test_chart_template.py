"""Every chart is sent styled by the app's own template, never by Streamlit's chart theme.

st.plotly_chart's theme was applied in the browser after a chart's first draw and so drew every chart twice
(issue 12's page-switch benchmark); dashboard.model.template carries the same look in the figure, and
dashboard.ui.chart_element draws the figure as it is. A chart still carrying Streamlit's placeholder colours
(#000001…, which only its browser code resolves), without the app's colours, or with a trace type the
partial plotly.js bundle lacks (dashboard.ui.chart_element.TRACE_TYPES) fails here.
"""

from __future__ import annotations

import json

import pytest

from dashboard.model import template
from dashboard.ui import chart_element
from tests.app.conftest import chart_elements, figure_spec
from tests.app.test_text_alternatives import page_views, view_id

COLORWAY = json.loads(template._FILE.read_text(encoding="utf-8"))["layout"]["colorway"]


@pytest.mark.parametrize(("script", "params"), page_views(), ids=view_id)
def test_charts_carry_the_app_template_not_streamlits_theme(open_view, script: str, params: dict[str, str]) -> None:
    app = open_view(script, **params)
    assert not app.get("plotly_chart"), f"{script}: drawn with st.plotly_chart, not dashboard.ui.chart_element"
    for chart in chart_elements(app):
        spec = figure_spec(chart)
        title = spec["layout"].get("title", {}).get("text", "?")
        assert spec["layout"]["template"]["layout"]["colorway"] == COLORWAY, f"{script}: {title!r}"
        assert b"#000001" not in chart.proto.bytes, f"{script}: {title!r} has Streamlit's placeholder colours"
        # The browser draws with the partial plotly.js bundle: a trace type it lacks would draw nothing.
        used = {trace.get("type", "scatter") for trace in spec["data"]}
        assert used <= set(chart_element.TRACE_TYPES), (
            f"{script}: {title!r} uses {used - set(chart_element.TRACE_TYPES)}"
        )
