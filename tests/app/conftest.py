"""AppTest helpers: run app.py (navigation included) against the session warehouse."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

APP = "../../app.py"  # AppTest paths are relative to this file's directory


def decode(node: object) -> object:
    """Plotly serialises numeric arrays as {"dtype", "bdata"} (base64 typed arrays): turn them into lists."""
    if isinstance(node, dict):
        if set(node) >= {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"]).tolist()
        return {k: decode(v) for k, v in node.items()}
    if isinstance(node, list):
        return [decode(v) for v in node]
    return node


def plotly_figures(at: AppTest) -> list[dict]:
    """Plotly charts come back as UnknownElement; their proto spec is the figure JSON."""
    return [decode(json.loads(el.proto.spec)) for el in at.get("plotly_chart")]


@pytest.fixture
def app(app_env) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    return at


def open_page(app: AppTest, page: str, **params: str | list[str]) -> AppTest:
    """Run the app with URL parameters (a permalink), switch to `page`, and fail on any exception."""
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def figures_by_title(app: AppTest) -> dict[str, dict]:
    return {figure["layout"]["title"]["text"]: figure for figure in plotly_figures(app)}
