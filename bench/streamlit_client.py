"""A minimal Streamlit client speaking the app's own websocket protocol, for the load test and benchmarks.

One `ProtocolSession` is one Streamlit session, as one browser tab is: it connects to /_stcore/stream,
asks for a page with a BackMsg `rerun_script` (a first visit by URL path, later ones by page hash as the
sidebar navigation does) and reads ForwardMsgs until the script run ends. What the run drew is kept by
element: headings, headline values, markdown (captions, notes, text alternatives) and the plotted data of
each chart, in page order; the sidebar's data-version footer separately. No browser draws anything, so a
page time here is the server's: request → every element delivered.

Protocol facts (streamlit 1.67): every script run starts with a `new_session` message and ends with
`script_finished`; a run cut short by a newer request ends FINISHED_EARLY_FOR_RERUN and the next follows;
`navigation` maps each page's url path to its script hash; delta_path[0] is the container (0 main, 1 sidebar).
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import re
import time
from dataclasses import dataclass

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.ui.chart_element import NAME as CHART_COMPONENT  # the element each chart is drawn with
from dashboard.ui.chart_element import figure_of

MAIN, SIDEBAR = 0, 1
SR_ONLY = re.compile(r"<p class='sr-only'[^>]*>(.*)</p>", re.S)


class PageError(AssertionError):
    """The page run failed: an exception or error box, "page not found", a lost connection or a timeout."""


@dataclass(frozen=True)
class PageRun:
    """One finished script run of a page, as delivered."""

    seconds: float
    sidebar: tuple[str, ...]  # sidebar markdown (the data-version footer is one of them)
    title: str  # the page's h1
    metrics: tuple[str, ...]  # headline values
    deltas: tuple[str, ...]  # their changes
    alts: tuple[str, ...]  # text alternatives of the charts
    markdown: tuple[str, ...]  # every other text on the page: captions with sources, notes
    charts: tuple[str, ...]  # a digest of each chart's data

    @property
    def content(self) -> tuple:
        return (self.title, self.metrics, self.deltas, self.alts, self.markdown, self.charts)


def chart_digest(wire: bytes) -> str:
    """Digest of a chart element's figure's traces (the plotted values; layout left out)."""
    data = json.loads(figure_of(wire)).get("data", [])
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


class ProtocolSession:
    """One Streamlit session over a websocket; `open(path)` reads a page like a visitor navigating to it."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self.url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.timeout = timeout
        self.pages: dict[str, str] = {}  # url path ("" = default page) → page script hash
        self.ws = None

    async def __aenter__(self) -> ProtocolSession:
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=self.timeout)  # fmt: skip
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def open(self, path: str) -> PageRun:
        """Ask for page `path` (url path, "" = default) and wait until a run of it has finished."""
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        if path in self.pages:  # a click in the sidebar navigation sends the page's hash
            msg.rerun_script.page_script_hash = self.pages[path]
        else:  # a first visit by address sends the url path
            msg.rerun_script.page_name = path
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        try:
            elements = await asyncio.wait_for(self._run(), self.timeout)
        except TimeoutError:
            raise PageError(f"/{path}: no finished run in {self.timeout:.0f} s") from None
        except websockets.ConnectionClosed as exc:
            raise PageError(f"/{path}: connection closed ({exc})") from None
        return self._page(time.perf_counter() - start, elements)

    async def _run(self) -> dict[tuple[int, ...], object]:
        elements: dict[tuple[int, ...], object] = {}
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "new_session":  # a new run starts: it redraws the page from scratch
                elements = {}
            elif kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in fm.navigation.app_pages}
            elif kind == "page_not_found":
                raise PageError(f"page not found: {fm.page_not_found.page_name!r}")
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                element = fm.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception" or (which == "alert" and element.alert.format == Alert.ERROR):
                    raise PageError(f"{which}: {getattr(element, which)}"[:500])
                elements[tuple(fm.metadata.delta_path)] = element
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return elements
                if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise PageError("script compile error")

    @staticmethod
    def _page(seconds: float, elements: dict[tuple[int, ...], object]) -> PageRun:
        sidebar, title, metrics, deltas, alts, markdown, charts = [], "", [], [], [], [], []
        for path, element in sorted(elements.items()):
            which = element.WhichOneof("type")
            if path[0] == SIDEBAR:
                if which == "markdown":
                    sidebar.append(element.markdown.body)
            elif path[0] != MAIN:
                continue
            elif which == "heading" and element.heading.tag == "h1" and not title:
                title = element.heading.body
            elif which == "metric":
                metrics.append(element.metric.body)
                deltas.append(element.metric.delta)
            elif which == "markdown":
                alt = SR_ONLY.fullmatch(element.markdown.body.strip())
                # the alternative is written as escaped HTML (ui/components.html_text): kept as a reader gets it
                (alts if alt else markdown).append(html.unescape(alt.group(1)) if alt else element.markdown.body)
            elif which == "bidi_component" and element.bidi_component.component_name == CHART_COMPONENT:
                charts.append(chart_digest(element.bidi_component.bytes))
        return PageRun(seconds, tuple(sidebar), title, *map(tuple, (metrics, deltas, alts, markdown, charts)))
