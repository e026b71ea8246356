"""Every chart is sent styled by the app's own template and drawn without Streamlit's chart theme.

Streamlit's theme is applied in the browser after a chart's first draw and so draws every chart twice
(issue 12's page-switch benchmark); dashboard.model.template carries the same look in the figure instead.
A chart sent with theme "streamlit", or still carrying Streamlit's placeholder colours (#000001…, which
only its browser code resolves), fails here.
"""

from __future__ import annotations

import json

import pytest

from dashboard.model import template
from tests.app.test_text_alternatives import page_views, view_id

COLORWAY = json.loads(template._FILE.read_text(encoding="utf-8"))["layout"]["colorway"]


@pytest.mark.parametrize(("script", "params"), page_views(), ids=view_id)
def test_charts_carry_the_app_template_not_streamlits_theme(open_view, script: str, params: dict[str, str]) -> None:
    app = open_view(script, **params)
    for chart in app.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec["layout"].get("title", {}).get("text", "?")
        assert chart.proto.theme == "", f"{script}: {title!r} is drawn with Streamlit's theme"
        assert spec["layout"]["template"]["layout"]["colorway"] == COLORWAY, f"{script}: {title!r}"
        assert "#000001" not in chart.proto.spec, f"{script}: {title!r} has Streamlit's placeholder colours"
