"""The partial plotly.js bundle (dashboard/ui/chart_bundle → chart_assets) against what the app draws, and
what the chart element is sent.

The figures may use only the trace types the bundle registers (every page view's figures are checked in
tests/app/test_chart_template.py against `chart_element.TRACE_TYPES`); here the bundle's entry point must register
exactly those, and the built file must be plotly.js of the version plotly.py writes its figures for, so an
upgrade of plotly reminds whoever makes it to rebuild the bundle (dashboard/ui/chart_bundle/README.md)."""

from __future__ import annotations

import json
import re
from importlib import resources

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard.core import memo
from dashboard.ui import chart_element

BUNDLE = chart_element.ASSETS / "plotly-tilannekuva.min.js"
ENTRY = chart_element.ASSETS.parent / "chart_bundle" / "entry.js"


def test_the_entry_point_registers_exactly_the_declared_trace_types() -> None:
    imported = set(re.findall(r"from 'plotly\.js/lib/(\w+)'", ENTRY.read_text(encoding="utf-8"))) - {"core"}
    assert imported | {"scatter"} == set(chart_element.TRACE_TYPES)  # scatter is part of plotly.js's core


def test_the_bundle_is_the_plotly_js_that_plotly_py_writes_for() -> None:
    shipped = resources.files("plotly") / "package_data" / "plotly.min.js"
    python_side = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", shipped.read_text(encoding="utf-8")[:500]).group(1)
    built = BUNDLE.read_text(encoding="utf-8")
    assert f'version="{python_side}"' in built, f"rebuild the bundle for plotly.js {python_side}"
    assert f"plotly.js v{python_side}," in built[:400], "the banner names another version than the build"
    assert (chart_element.ASSETS / "LICENSE.plotly.txt").read_text(encoding="utf-8").startswith("MIT License")


def test_the_chart_element_imports_the_bundle_it_ships() -> None:
    module = (chart_element.ASSETS / "chart.js").read_text(encoding="utf-8")
    assert f"from './{BUNDLE.name}'" in module


def test_the_built_bundle_holds_exactly_the_declared_trace_types() -> None:
    built = set(re.findall(r'moduleType:"trace",name:"(\w+)"', BUNDLE.read_text(encoding="utf-8")))
    assert built == set(chart_element.TRACE_TYPES)


def test_the_bundle_holds_the_finnish_and_swedish_locales() -> None:
    built = BUNDLE.read_text(encoding="utf-8")
    assert re.findall(r'moduleType:"locale",name:"([\w-]+)"', built) == ["en", "en-US", "fi", "sv"]  # en: the core's
    assert "Lataa kuvio PNG-muodossa" in built and "saapuva virtaus:" in built  # tools and the flows' hover


@pytest.mark.parametrize(("lang", "full_screen"), [("fi", "Koko näyttö"), ("sv", "Helskärm"), ("en", "Full screen")])
def test_the_payload_is_the_figure_with_the_pages_language(lang: str, full_screen: str) -> None:
    fig = go.Figure(go.Bar(x=["Kinnula", "Kivijärvi"], y=[1, 2]))  # test figure
    wire = chart_element.payload(fig, lang)
    sent = json.loads(wire)
    assert sent["locale"] == lang and sent["labels"]["fullScreen"] == full_screen
    assert sent["figure"] == json.loads(pio.to_json(fig, validate=False))
    assert chart_element.figure_of(wire) == memo.figure_json(fig)  # written into it as it is, not escaped
    assert chart_element.payload(fig, lang) is wire  # once per figure and language
