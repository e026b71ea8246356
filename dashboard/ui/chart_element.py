"""Plotly figures on the screen: a small `st.components.v2` element (chart_assets/chart.js) drawing with a
partial plotly.js bundle (chart_assets/plotly-tilannekuva.min.js, built by chart_bundle/).

Why: st.plotly_chart makes a browser load and start the full plotly.js, 4.7 MB with every trace type and map
engine, the first time it meets a chart, and that start was most of a chart page's first load; the partial
bundle has only the trace types the figures use (scatter, bar, choropleth, heatmap, sankey, scattergeo; a
unit test keeps the list and the figures in step) and starts in about a sixth of the time
(docs/benchmarks.md). Figures keep their own template (dashboard.model.template), as they did with
`theme=None`; the JSON sent is what st.plotly_chart sent (plotly.io.to_json).

Serving: Streamlit serves a v2 component's files from its asset directory, which it otherwise learns from an
installed package's pyproject.toml (`[[tool.streamlit.component.components]]`). The dashboard is run from
its folder, not installed, so `_renderer()` gives the runtime's component manager that manifest entry itself,
once per manager (`streamlit run` has one; each AppTest instance has its own): the files are then served under
/_stcore/bidi-components/tilannekuva.plotly/. tests/e2e/test_charts_e2e.py checks that the bundle is the
one the browser runs.

Wire form (`payload`): one JSON document, `{"locale": …, "labels": {…}, "figure": <plotly.io's JSON>}`, the
figure's JSON written into it as it is, not escaped into a string again. The locale gives the chart tools'
tooltips, Plotly's hover words and month names in the page's language (the bundle holds fi and sv); the
labels are the full-screen button's, which chart.js adds to the tool bar (st.plotly_chart had Streamlit's).
"""

from __future__ import annotations

import json
import threading
import weakref
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st
from streamlit.components.v2.get_bidi_component_manager import get_bidi_component_manager
from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest
from streamlit.runtime import Runtime

from dashboard.core import memo
from dashboard.core.i18n import t

ASSETS = Path(__file__).parent / "chart_assets"
PACKAGE = "tilannekuva"  # the manifest's "project": the component's full name is tilannekuva.plotly
COMPONENT = "plotly"
NAME = f"{PACKAGE}.{COMPONENT}"
TRACE_TYPES = ("scatter", "bar", "choropleth", "heatmap", "sankey", "scattergeo")  # as chart_bundle/entry.js

_renderers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # runtime's component manager -> mount
_lock = threading.Lock()


def _renderer():
    if not Runtime.exists():  # bare mode (a page imported as a module): Streamlit draws nothing, nor do we
        return None
    manager = get_bidi_component_manager()
    with _lock:  # concurrent first runs of a new server register once
        renderer = _renderers.get(manager)
        if renderer is None:
            if manager.get_component_asset_root(NAME) is None:  # a reloaded module must not re-register it
                manifest = ComponentManifest(
                    name=PACKAGE, version="1", components=[ComponentConfig(name=COMPONENT, asset_dir=ASSETS.name)]
                )
                manager.register_from_manifest(manifest, ASSETS.parent)
            renderer = st.components.v2.component(NAME, js="chart.js", isolate_styles=False)
            _renderers[manager] = renderer
    return renderer


_FIGURE = b',"figure":'  # where the figure starts in a payload (json.dumps writes no such text in the head)
_payloads = memo.IdentityMemo()  # figure -> its payload, per language


def payload(fig: go.Figure, lang: str) -> bytes:
    """What the element gets for `fig` on a page in `lang` (UTF-8 JSON, see the module's docstring), written
    once per figure object and language: a cached figure drawn on every rerun is not copied again."""
    found, wire = _payloads.lookup(fig, lang)
    if not found:
        labels = {"fullScreen": t("common.full_screen", lang), "exitFullScreen": t("common.full_screen_exit", lang)}
        head = json.dumps({"locale": lang, "labels": labels}, ensure_ascii=False)
        wire = head[:-1].encode() + _FIGURE + memo.figure_json(fig) + b"}"
        _payloads.store(fig, lang, wire)
    return wire


def figure_of(wire: bytes) -> bytes:
    """The figure's JSON in a payload, as plotly.io wrote it (tests and benchmarks read the figures sent)."""
    return wire[wire.index(_FIGURE) + len(_FIGURE) : -1]


def plotly_chart(fig: go.Figure, key: str, lang: str) -> None:
    """Draw `fig` at the container's width (its height is the figure's own) with the chart tools in `lang`;
    `key` names the element, so its container has the class st-key-<key>."""
    renderer = _renderer()
    if renderer is not None:
        renderer(key=key, data=payload(fig, lang))
