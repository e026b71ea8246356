"""AppTest helpers: run app.py (navigation included) against the session warehouse."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui import chart_element

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


def is_chart(node: object) -> bool:
    """A chart of dashboard.ui.chart_element: AppTest gives its components.v2 element as an UnknownElement."""
    return getattr(node, "type", None) == "bidi_component" and node.proto.component_name == chart_element.NAME


def chart_elements(at: AppTest) -> list:
    """The page's charts, in page order."""
    return [el for el in at.get("bidi_component") if is_chart(el)]


def figure_spec(element: object) -> dict:
    """A chart element's figure, as the browser gets it (plotly.io's JSON, arrays still base64)."""
    return json.loads(chart_element.figure_of(element.proto.bytes))


def plotly_figures(at: AppTest) -> list[dict]:
    """The page's figures, numeric arrays as lists."""
    return [decode(figure_spec(el)) for el in chart_elements(at)]


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


@pytest.fixture(scope="session")
def open_view(built_data_dir):
    """open_page, once per view (page + URL parameters) in a session: the read-only checks that visit every
    view (chart template, text alternatives, documented URL keys) share one run of each instead of one per
    check. Callers only read the returned AppTest; a test that clicks or changes state uses `app`."""
    opened: dict[tuple, AppTest] = {}

    def view(page: str, **params: str) -> AppTest:
        key = (page, tuple(sorted(params.items())))
        if key not in opened:
            with pytest.MonkeyPatch.context() as patch:  # app_env's setting, for this one run
                patch.setenv("TILANNEKUVA_DATA_DIR", str(built_data_dir))
                opened[key] = open_page(AppTest.from_file(APP, default_timeout=60), page, **params)
        return opened[key]

    return view


def show_part(app: AppTest, page: str, part: str) -> AppTest:
    """Choose one of a page's parts above them (selectors.Parts, URL key <page>.osio), as a visitor does."""
    app.session_state[f"{page}.osio"] = part
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def figures_by_title(app: AppTest) -> dict[str, dict]:
    return {figure["layout"]["title"]["text"]: figure for figure in plotly_figures(app)}


def download_menus(app: AppTest) -> list[str]:
    """Widget keys of the page's "Lataa" menus (components.downloads), in page order."""
    keys: list[str] = []

    def walk(node) -> None:
        if getattr(node, "type", None) == "popover" and node.proto.popover.label == "Lataa":
            keys.append(node.proto.popover.id.split("-", 2)[2])  # "$$ID-<hash>-<user key>"
        for index in sorted(getattr(node, "children", None) or {}):
            walk(node.children[index])

    walk(app.main)
    return keys


def open_download_menus(app: AppTest) -> list[str]:
    """Open every download menu (they draw their buttons only when open) and return their keys."""
    keys = download_menus(app)
    for key in keys:
        app.session_state[key] = True
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return keys
