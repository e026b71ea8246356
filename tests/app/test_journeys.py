"""Journeys in AppTest: one session sets every widget of a page to a value other than its default, then
switches to every other page of the navigation; no run may raise (issue 12, point 1).

Pages once shared widget keys (`tila`, `vuodet`, `kunta`, `indikaattori`) and so one page's choice reached
the next page's widget, which raised (a years slider given 2023 > its max 2022). The test suite opened every
page fresh and never saw it. AppTest keeps session state and query params across `switch_page`, so a value
left by one page meets every other page here. The widgets are found generically, by type, so a new widget
or page is covered without editing this file; they are driven by their labels, never by their keys.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit import config
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class NavPage:
    script: str  # "pages/vaesto.py"
    editors_only: bool

    @property
    def stem(self) -> str:
        """The page's URL path, which is also its URL-key prefix (app.py: url_path = file stem)."""
        return Path(self.script).stem


def sidebar_pages() -> list[NavPage]:
    """The pages of app.py's navigation, in sidebar order, read from its PAGES table (not imported: app.py
    is a script that draws)."""
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    table = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                 and any(isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets))  # fmt: skip
    return [NavPage(script, editors_only) for _, script, _, _, editors_only in ast.literal_eval(table)]


PAGES = sidebar_pages()
PUBLIC = [p for p in PAGES if not p.editors_only]


def _send_labels(widget, labels: list[str], *, single: bool) -> None:
    """Choose options of a selectbox, radio, multiselect or select slider by their labels.

    A generic test does not know the raw options behind the labels (a code behind "Saarijärvi"), and AppTest
    formats a raw value with the page's format_func; the browser sends the labels themselves, so send those:
    this widget's state for the next run is exactly what Streamlit's frontend would send."""

    class Chosen(type(widget)):
        @property
        def _widget_state(self) -> WidgetState:
            state = WidgetState(id=self.id)
            if single:
                state.string_value = labels[0]
            else:
                state.string_array_value.data[:] = labels
            return state

    widget.__class__ = Chosen


def _other(options: list[str], current: str | None) -> str:
    """An option other than the current one (the last: defaults are mostly the first or the last)."""
    return next(option for option in reversed(options) if option != current)


def change(widget) -> bool:
    """Give `widget` a value other than its current one, as a user would; False when it cannot change
    (disabled, or a single option)."""
    if widget.disabled:
        return False
    kind = widget.type
    if kind in ("selectbox", "radio"):
        current = None if widget.index is None else widget.options[widget.index]
        if len(widget.options) < (1 if current is None else 2):
            return False
        _send_labels(widget, [_other(widget.options, current)], single=True)
    elif kind == "multiselect":
        chosen = list(widget.values)
        if len(chosen) > 1:
            chosen = chosen[:-1]  # one fewer, never none (several pages then only ask for a choice)
        elif unchosen := [o for o in widget.options if o not in chosen]:
            chosen = [*chosen, unchosen[0]]
        else:
            return False
        _send_labels(widget, chosen, single=False)
    elif kind == "select_slider":
        value = widget.value
        labels = widget.options
        if len(labels) < 2:
            return False
        if isinstance(value, list | tuple):  # a range: its start one step later, or its end one earlier
            low, high = (labels.index(str(v)) for v in value)
            low, high = (low + 1, high) if low + 1 <= high else (low, high - 1) if high - 1 >= low else (low, high)
            _send_labels(widget, [labels[low], labels[high]], single=False)
        else:
            _send_labels(widget, [_other(labels, str(value))], single=False)
    elif kind == "slider":
        value, step = widget.value, widget.step or 1
        if isinstance(value, list | tuple):
            low, high = value
            widget.set_value([low + step, high] if low + step <= high else [low, high - step])
        else:
            widget.set_value(value + step if value + step <= widget.max else value - step)
    elif kind in ("toggle", "checkbox"):
        widget.set_value(not widget.value)
    else:
        return False
    return True


CONTROLS = ("selectbox", "radio", "multiselect", "select_slider", "slider", "toggle", "checkbox")


def controls(at: AppTest) -> list[tuple[str, str]]:
    """(type, label) of every control on the page's main area, in page order."""
    return [(w.type, w.label) for kind in CONTROLS for w in at.main.get(kind)]


def find(at: AppTest, kind: str, label: str):
    return next((w for w in at.main.get(kind) if w.label == label), None)


def failures(at: AppTest) -> list[str]:
    """What each exception says: its message and the last line of its stack trace (where it was raised)."""
    return [" | ".join(filter(None, [e.message, (e.stack_trace or [""])[-1].strip()])) for e in at.exception]


HARNESS = "AppTest could not run the page"


def run(at: AppTest) -> list[str]:
    """Run the script; the exceptions it showed. AppTest itself raises when a widget of the last run holds a
    value its options lack (a key shared with another page): that counts as the page failing too."""
    try:
        at.run()
    except Exception as exc:  # noqa: BLE001 - reported with the page it happened on
        return [f"{HARNESS}: {type(exc).__name__}: {exc}"]
    return failures(at)


@pytest.fixture(autouse=True)
def error_details():
    """The app redacts error details for visitors (.streamlit/config.toml); a failing journey must say why."""
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")
    yield
    config.set_option("client.showErrorDetails", before)


@pytest.mark.parametrize("start", PUBLIC, ids=lambda p: p.stem)
def test_every_control_changed_then_every_other_page(app: AppTest, start: NavPage) -> None:
    app.run()
    assert not (problems := run(app.switch_page(start.script))), f"{start.stem} on a fresh session: {problems}"
    changed = []
    for kind, label in controls(app):
        widget = find(app, kind, label)  # drawn again by the last run; a choice may have hidden it
        if widget is None or not change(widget):
            continue
        changed.append(f"{kind} {label!r}")
        problems = run(app)
        assert not problems, f"{start.stem} after changing {', '.join(changed)}: {problems}"
    broken, previous = {}, start
    for destination in PAGES:
        if destination == start:
            continue
        if problems := run(app.switch_page(destination.script)):
            if problems[0].startswith(HARNESS):  # a widget of the page before holds another page's value
                broken[destination.stem] = [f"{problems[0]} (a widget of {previous.stem})"]
                break  # the session's element tree is stuck: no later run would happen
            broken[destination.stem] = problems
        previous = destination
    assert not broken, f"after {start.stem} ({', '.join(changed) or 'no control changed'}): {broken}"
