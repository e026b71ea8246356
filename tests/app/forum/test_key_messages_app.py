"""Issue 16 point 3 in the app: the presentation shows each slide's key message under its title; an
editor edits it on Diat ja merkinnät, and the presentation then shows the edit."""

from __future__ import annotations

import html
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.core.i18n import fmt_number
from tests.app.forum.test_forum import as_editor, button, store  # noqa: F401  (store: a fixture)


def slide_message(app: AppTest) -> str:
    """The subtitle's text as the browser shows it (the page writes it with character references)."""
    return html.unescape(next(m.value for m in app.markdown if "class='slide-message'" in m.value))


def test_presentation_shows_the_computed_message(app: AppTest, store: Path) -> None:  # noqa: F811
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    assert not app.exception
    assert f"väkiluku {fmt_number(26387)} (2025)" in slide_message(app)


def test_editor_edits_the_message_and_the_presentation_shows_it(app: AppTest, store: Path) -> None:  # noqa: F811
    as_editor(app).run()
    app.switch_page("pages/diat.py").run()
    assert not app.exception
    assert any(c.value.startswith("Laskettu nyt") and fmt_number(26387) in c.value for c in app.caption)
    app.text_area[0].input("Väki vähenee: <b>palvelut</b> sopeutetaan.").run()
    button(app, "Tallenna avainviesti").click().run()
    assert not app.error and "Avainviesti tallennettu" in app.success[0].value
    app.run()
    assert any("Muokannut" in c.value for c in app.caption)
    app.switch_page("pages/aluefoorumi.py").run()
    shown = next(m.value for m in app.markdown if "class='slide-message'" in m.value)
    assert "<b>" not in shown and "Väki vähenee: <b>palvelut</b> sopeutetaan." in slide_message(app)  # as text
