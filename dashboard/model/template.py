"""The charts' look: one Plotly template (chart_template.json) for the screen and the exports.

It is Streamlit's own light chart theme for this app's theme, as the browser resolves it. The app sends it with
each figure (dashboard.ui.chart_element draws the figure as it is) instead of letting Streamlit theme the chart in
the browser: st.plotly_chart applied its theme in an effect after the chart's first draw, so every chart was
drawn twice — on a page of nine charts the second pass took a third of a page switch (issue 12's switch
benchmark). Exports get the same colours instead of Streamlit's placeholder
template ("#000001"…), which only its browser code resolves.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

NAME = "tilannekuva"
_FILE = Path(__file__).with_name("chart_template.json")


def _load() -> go.layout.Template:
    spec = json.loads(_FILE.read_text(encoding="utf-8"))
    spec.pop("_comment", None)
    return go.layout.Template(spec)


def ensure_default() -> bool:
    """Make the template Plotly's default for figures built from now on; True when it was not.

    Streamlit makes its own template the default when its chart module is imported, which can happen after
    this module's import (a script importing Streamlit later), so the figure builders call this — a string
    comparison — before they build."""
    if pio.templates.default == NAME:
        return False
    if NAME not in pio.templates:
        pio.templates[NAME] = _load()
    pio.templates.default = NAME
    return True


ensure_default()
