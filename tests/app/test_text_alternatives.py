"""Every chart on every page has a text alternative (WCAG 1.1.1), read from the page's element tree in order.

components.chart_block writes, after each plotly chart: its source caption, a visually hidden `.sr-only`
paragraph for screen readers, and a "Tekstivastine" expander with the same sentence for everyone else.
Walking the rendered tree in document order pairs each chart with what follows it up to the next chart;
a chart without both, or with a sentence that is empty or carries no figure, fails the test.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Expander, Markdown

from dashboard.core.i18n import t
from tests.app.conftest import chart_elements, figure_spec, is_chart
from tests.app.test_configured_regions import PARTS

REPO = Path(__file__).resolve().parents[2]
SR_ONLY = re.compile(r"<p class='sr-only' role='note'>(.*?)</p>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def page_scripts() -> list[str]:
    """The scripts of app.py's PAGES, read without running app.py (importing it would start navigation)."""
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "PAGES" for target in node.targets):
            return [row[1] for row in ast.literal_eval(node.value)]
    raise AssertionError("app.py has no PAGES table")


def page_views() -> list[tuple[str, dict[str, str]]]:
    """Every page script with the URL that shows each of its parts (pages drawn one part at a time,
    selectors.Parts, draw only the chosen part's charts); pages without parts once, as they open."""
    return [(script, {f"{Path(script).stem}.osio": part} if part else {})
            for script in page_scripts() for part in PARTS.get(Path(script).name, (None,))]  # fmt: skip


def view_id(view: object) -> str:
    return ("-".join(view.values()) or "opened") if isinstance(view, dict) else str(view)


def in_order(node) -> Iterator[object]:
    """The node and everything under it, in the order the page shows them."""
    yield node
    if isinstance(node, Block):
        for index in sorted(node.children):
            yield from in_order(node.children[index])


MARKDOWN_ESCAPE = re.compile(r"\\(.)")  # components.plain: the expander shows the sentence as text


def text_of(block: Block) -> str:
    texts = (html.unescape(MARKDOWN_ESCAPE.sub(r"\1", TAG.sub("", el.value))) for el in in_order(block)
             if isinstance(el, Markdown))  # fmt: skip
    return " ".join(texts).strip()


def chart_alternatives(app: AppTest, label: str) -> list[dict]:
    """For each plotly chart of the main area: its title and the alternatives found before the next chart."""
    charts: list[dict] = []
    for node in in_order(app.main):
        if is_chart(node):
            title = figure_spec(node)["layout"].get("title", {}).get("text", "?")
            charts.append({"title": title, "sr_only": None, "expander": None})
        elif charts and isinstance(node, Markdown) and (found := SR_ONLY.search(node.value)):
            charts[-1]["sr_only"] = charts[-1]["sr_only"] or html.unescape(TAG.sub("", found.group(1))).strip()
        elif charts and isinstance(node, Expander) and node.label == label:
            charts[-1]["expander"] = charts[-1]["expander"] or text_of(node)
    return charts


@pytest.mark.parametrize(("script", "params"), page_views(), ids=view_id)
def test_every_chart_has_a_text_alternative(open_view, script: str, params: dict[str, str]) -> None:
    app = open_view(script, **params)
    charts = chart_alternatives(app, t("common.text_alternative", "fi"))
    assert len(charts) == len(chart_elements(app)), "the walk must meet every chart of the page"
    missing = [c["title"] for c in charts if not (c["sr_only"] and c["expander"])]
    assert not missing, f"{script}: charts without a text alternative (.sr-only and expander): {missing}"
    for chart in charts:
        assert re.search(r"\d", chart["sr_only"]), f"{script}: no figure in the text alternative of {chart}"
        assert chart["expander"] == chart["sr_only"], f"{script}: the expander and .sr-only differ for {chart}"
