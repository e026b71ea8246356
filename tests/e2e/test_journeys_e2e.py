"""Journeys in a real browser (issue 12, point 1): one visitor's session, as a person uses the app.

The visitor opens every public page through the sidebar, changes each control it has (radio, select box,
multiselect, slider, toggle/checkbox: found generically by Streamlit's data-testid, driven by their
visible labels, never by their keys), and from each page hops to two other pages before going on. After
every action: no exception, no error box, no "Page not found" dialog, and the URL holds only the current
page's own keys: `lang`, or the page's prefix `<url path>.` (core.links.PageState).

Pages once shared widget keys (`tila`, `vuodet`, `kunta`, `indikaattori`) bound to the URL, so a choice on
one page reached the next page's widget: "Muutos vuodentakaisesta" on Työ ja elinkeinot, then Väestö, raised
StreamlitValueAboveMaxError, and the URL carried other pages' keys. The suite opened every page fresh and
never saw it. One long journey rather than one per start page keeps this to a few minutes on two cores; the
full page → page matrix after a change is tests/app/test_journeys.py's (AppTest).
"""

from __future__ import annotations

import contextlib
import re
import time
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.app.test_journeys import PAGES, PUBLIC, NavPage
from tests.e2e.conftest import IDLE_TIMEOUT_MS, open_page, wait_idle

pytestmark = pytest.mark.e2e

DEFAULT = next(p for p in PAGES if p.stem == "yleiskuva")  # app.py: default=True, served at the root
HOPS = (4, 9)  # from the page at index i also visit the pages at i+4 and i+9 (of 15): spread over the sidebar
# About 40 sidebar moves and 40 control changes: 3–4 min on two idle cores; the server fixture's build and
# a loaded machine need more than the suite's 300 s.
JOURNEY_TIMEOUT_S = 900
NO_RUN_MS = 3_000  # an action that started no script run by then started none (the slowest start seen: 0.9 s)
ACTION_TIMEOUT_MS = 30_000  # one click or key press; twice that before a control counts as not responding
FAILURE = '[data-testid="stException"], [data-testid="stAlertContentError"], [role="dialog"]'

# Counts the script runs that start from now on: the attribute leaves "notRunning" as soon as the frontend
# asks for a rerun, so a wait for "a run started, then idle" never reads the page of the run before.
WATCH_RUNS_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__journeyRuns = 0;
  if (window.__journeyWatch) window.__journeyWatch.disconnect();
  window.__journeyWatch = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') !== 'notRunning') window.__journeyRuns += 1;
  });
  window.__journeyWatch.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
RUN_STARTED_JS = "() => window.__journeyRuns > 0"

# Every control in the main area: its kind, visible label and whether it can be changed.
CONTROLS_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const kinds = ['stRadio', 'stSelectbox', 'stMultiSelect', 'stSlider', 'stCheckbox'];
  const found = [];
  for (const kind of kinds) {
    for (const el of main.querySelectorAll(`[data-testid="${kind}"]`)) {
      const label = el.querySelector('[data-testid="stWidgetLabel"]') || el.querySelector('label');
      const text = label ? label.innerText.trim() : '';
      const disabled = !!el.querySelector('input:disabled, [aria-disabled="true"], [disabled]');
      if (text && !found.some(f => f.kind === kind && f.label === text)) found.push({kind, label: text, disabled});
    }
  }
  return found;
}"""


def prefix(page: NavPage) -> str:
    return f"{page.stem}."


def foreign_keys(url: str, page: NavPage) -> list[str]:
    """Query keys that are neither `lang` nor the page's own (`<stem>.…`)."""
    keys = [key for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)]
    return [key for key in keys if key != "lang" and not key.startswith(prefix(page))]


class Journey:
    """One browser tab and what it has done so far (every failure message names the steps before it)."""

    def __init__(self, page, base_url: str) -> None:
        self.page, self.base_url = page, base_url
        self.steps: list[str] = []
        self.problems: list[str] = []
        self.here: NavPage = DEFAULT

    def act(self, step: str, action) -> None:
        """Do `action`, wait for the rerun it starts (if any) and for the page to settle, then check it."""
        wait_idle(self.page)
        self.page.evaluate(WATCH_RUNS_JS)
        self.steps.append(step)
        self.page.set_default_timeout(ACTION_TIMEOUT_MS)  # a click, not a rerun: waits below use their own
        try:
            action()
        except PlaywrightTimeout:
            # On a loaded runner a rerun can redraw the control under the click, or a list left open covers
            # it: close what is open, let the page settle and try once more, as a person would.
            self.page.keyboard.press("Escape")
            wait_idle(self.page)
            try:
                action()
            except PlaywrightTimeout as exc:  # the control did not respond twice: say so, and go on
                self.problems.append(f"on {self.here.stem}: could not do {step}: {str(exc).splitlines()[0]}")
        finally:
            self.page.set_default_timeout(IDLE_TIMEOUT_MS)
        # No run seen within 3 s: the action changed nothing, or its run was over before the watch saw it.
        # (A run starts within 0.2 s of the action; 6 of the 84 actions start none, and 5 s each was a
        # quarter of the journey's time.)
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_function(RUN_STARTED_JS, timeout=NO_RUN_MS, polling=50)
        wait_idle(self.page)
        self.page.wait_for_selector('[data-stale="true"]', state="detached", timeout=IDLE_TIMEOUT_MS)
        self.check()

    def check(self) -> None:
        """Note what is wrong now; the journey goes on (a person would click on), so one run lists every
        broken step and the test fails at the end."""
        where = f"on {self.here.stem} after {' → '.join(self.steps[-4:])}"
        failures = self.page.locator(FAILURE)
        if failures.count():
            self.problems.append(f"{where}: the page shows {failures.first.inner_text()[:300]!r}")
        if foreign := foreign_keys(self.page.url, self.here):
            self.problems.append(f"{where}: URL keys without the prefix {prefix(self.here)!r}: {sorted(set(foreign))}")

    def go(self, destination: NavPage) -> None:
        """Click the destination's sidebar link (by script, where a page hides the sidebar: the forum's
        presentation mode); the session stays the same, as with a visitor's click."""
        href = f"{self.base_url}/{'' if destination == DEFAULT else destination.stem}"
        link = self.page.locator(f'[data-testid="stSidebarNavLink"][href="{href}"]').first

        def click() -> None:
            if link.is_visible():
                link.click()
            else:
                link.evaluate("a => a.click()")

        self.here = destination
        self.act(f"sidebar → {destination.stem}", click)
        path = urlsplit(self.page.url).path.strip("/")
        assert path == ("" if destination == DEFAULT else destination.stem), f"went to {self.page.url}"

    def change_controls(self) -> list[str]:
        """Change every control of the current page once, including those a change brought out or enabled
        (the rolling-mean toggle a small municipality gets); the ones changed."""
        changed: list[str] = []
        for _ in range(2):  # a second look for controls the first changes drew or enabled
            for control in self.page.evaluate(CONTROLS_JS):
                step = f"{control['kind']} {control['label']!r}"
                widget = self.widget(control["kind"], control["label"])
                if step in changed or control["disabled"] or not widget.count():  # gone: an earlier change hid it
                    continue
                self.act(step, lambda: CHANGE[control["kind"]](self.page, widget))  # noqa: B023 - called at once
                changed.append(step)
        return changed

    def widget(self, kind: str, label: str):
        main = self.page.get_by_test_id("stMain")
        if kind == "stCheckbox":
            return main.get_by_test_id(kind).filter(has_text=label).first
        named = self.page.get_by_test_id("stWidgetLabel").filter(has_text=label)
        return main.get_by_test_id(kind).filter(has=named).first


def change_radio(page, widget) -> None:
    """The last option that is not chosen (defaults are mostly the first)."""
    options = widget.locator('label:has(input[type="radio"]:not(:checked):not(:disabled))')
    options.last.click()


def open_list(page, box):
    """Open a select box's or multiselect's list; the options. A rerun still under way can redraw the box
    under the click and swallow it (conftest.choose): open it again until the options show."""
    options = page.get_by_role("option")
    for _ in range(5):
        wait_idle(page)
        box.click()
        try:
            options.first.wait_for(state="visible", timeout=3_000)
            return options
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    options.first.wait_for(state="visible")
    return options


def change_selectbox(page, widget) -> None:
    """Open the list and take the last option in view that is not the current one."""
    box = widget.get_by_role("combobox")
    current = box.input_value()
    options = open_list(page, box)
    texts = options.all_inner_texts()
    wanted = next((t for t in reversed(texts) if t.strip() and t.strip() != current), None)
    if wanted is None:
        page.keyboard.press("Escape")
        return
    options.filter(has_text=wanted).first.click()


def change_multiselect(page, widget) -> None:
    """One fewer when several are chosen (Backspace removes the last), else add the first offered."""
    chips = widget.locator('[data-baseweb="tag"]')
    box = widget.get_by_role("combobox")
    if chips.count() > 1:
        box.click()  # the list may offer nothing more (all chosen): only the focus is needed
        page.keyboard.press("Backspace")
    else:
        open_list(page, box).first.click()
    page.keyboard.press("Escape")


def change_slider(page, widget) -> None:
    """The first thumb one step to the right, or to the left where it is at its end."""
    thumb = widget.get_by_role("slider").first
    before = thumb.get_attribute("aria-valuenow")
    thumb.focus()
    thumb.press("ArrowRight")
    if thumb.get_attribute("aria-valuenow") == before:
        thumb.press("ArrowLeft")


def change_checkbox(page, widget) -> None:
    widget.locator("label").first.click()


CHANGE = {"stRadio": change_radio, "stSelectbox": change_selectbox, "stMultiSelect": change_multiselect,
          "stSlider": change_slider, "stCheckbox": change_checkbox}  # fmt: skip


def route() -> list[tuple[NavPage, list[NavPage]]]:
    """Every public page once, in sidebar order, each with the pages it hops to before the next one."""
    plan = []
    for start in PUBLIC:
        at = PAGES.index(start)
        hops = [PAGES[(at + offset) % len(PAGES)] for offset in HOPS]
        plan.append((start, [hop for hop in hops if hop != start]))
    return plan


def raised(log: str) -> list[str]:
    """The distinct exceptions in the server's log (the page itself shows only a redacted message)."""
    return sorted(set(re.findall(r"^(?:streamlit\.errors\.)?\w+(?:Error|Exception): .*$", log, re.M)))


@pytest.mark.timeout(JOURNEY_TIMEOUT_S)  # every control of 16 pages and 41 moves: minutes on a shared CI runner
def test_one_visitor_changes_every_control_and_moves_between_pages(page, server, base_url: str, capsys) -> None:
    started = time.perf_counter()
    open_page(page, base_url)
    journey = Journey(page, base_url)
    journey.check()
    moves, changes = 0, 0
    for start, hops in route():
        if journey.here != start:
            journey.go(start)
            moves += 1
        changes += len(journey.change_controls())
        for hop in hops:
            journey.go(hop)
            moves += 1
        with capsys.disabled():  # progress, so a slow run shows where its time goes
            print(f"\njourney: {start.stem} and its hops done at {time.perf_counter() - started:.0f} s", end="")
    visited = {step.split("→ ")[1] for step in journey.steps if step.startswith("sidebar")}
    assert visited | {DEFAULT.stem} == {p.stem for p in PAGES}, f"pages never reached: {visited}"
    with capsys.disabled():
        print(
            f"\njourney: {moves} sidebar moves, {changes} control changes, {len(journey.problems)} problems, "
            f"{time.perf_counter() - started:.0f} s"
        )
    exceptions = "\n".join(f"  {line}" for line in raised(server.log))
    assert not journey.problems, "\n".join(journey.problems) + f"\nexceptions in the server log:\n{exceptions}"
