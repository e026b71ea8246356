"""Issue 12 points 5 and 6 on the funding pages, as a visitor and an editor see them.

5: a project whose base year has no data (the TEST_template.csv projects) drew Streamlit's error box on
   Vaikuttavuus; the page names the missing years instead.
6: register or editor text (a project's name, description, note, KPI, file name) was rendered as Markdown:
   an image link made every visitor's browser fetch an outside URL. It is shown as text everywhere."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.auth import EDITOR, User
from dashboard.funding import store as projects_store
from dashboard.ui.components import plain
from tests.app.funding.conftest import as_user

EDITOR_USER = User("koordinaattori@example.fi", EDITOR, "oidc")
HOSTILE = "![x](https://example.com/x.png) <img src=x onerror=alert(1)> **bold**"


def _texts(app: AppTest) -> list[str]:
    """The Markdown bodies of every text element the page drew (markdown, captions, alerts, headings, metrics)."""
    kinds = ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")
    texts = [el.value for kind in kinds for el in getattr(app, kind)]
    return texts + [m.label for m in app.metric] + [m.value for m in app.metric]


def _assert_text_only(app: AppTest) -> None:
    assert not app.exception, [e.message for e in app.exception]
    for body in _texts(app):
        assert "![" not in body and "<img" not in body and "**bold**" not in body, body


def _hostile_project() -> None:
    projects_store.save_project(EDITOR_USER, {
        "project_id": "XSS-1", "name": HOSTILE, "fund": HOSTILE, "fund_group": "ERDF", "programme_period": "2007-2013",
        "implementer": HOSTILE, "municipality_codes": "KU729", "start_date": "2010-01-01", "end_date": "2011-12-31",
        "granted_eur": 1000.0, "funding_as_stated": HOSTILE, "summary": HOSTILE, "status": HOSTILE,
        "source_url": "https://example.com/a)![y](https://example.com/y.png",
    })  # fmt: skip
    projects_store.set_tags(EDITOR_USER, "XSS-1", ["ennakointi"], ["population"], HOSTILE)
    projects_store.add_kpi(EDITOR_USER, "XSS-1", HOSTILE, HOSTILE, 10, 5, HOSTILE, HOSTILE)


def test_project_text_is_text_on_the_funding_page(app: AppTest) -> None:
    _hostile_project()
    app.run()
    app.switch_page("pages/rahoitus.py").run()
    app.selectbox(key="rahoitus.hanke").set_value("XSS-1").run()
    _assert_text_only(app)
    shown = "\n".join(_texts(app))
    assert plain(HOSTILE) in shown  # the card's title, fields and note: literally what was typed
    table = app.dataframe[0].value
    assert HOSTILE in table["Hanke"].tolist()


@pytest.mark.parametrize("page", ["pages/vaikuttavuus.py", "pages/karkihankkeet.py", "pages/rahoitusasema.py"])
def test_project_text_is_text_on_the_other_public_pages(app: AppTest, page: str) -> None:
    _hostile_project()
    if page == "pages/vaikuttavuus.py":
        app.query_params["vaikuttavuus.hanke"] = "XSS-1"
    app.run()
    app.switch_page(page).run()
    _assert_text_only(app)
    if page == "pages/vaikuttavuus.py":
        assert app.selectbox(key="vaikuttavuus.hanke").value == "XSS-1"


def test_project_text_is_text_on_the_editor_page(app: AppTest) -> None:
    _hostile_project()
    as_user(app, "koordinaattori@example.fi").run()
    app.switch_page("pages/hankkeiden_yllapito.py").run()
    app.selectbox(key="hankkeiden_yllapito.edit_project").set_value("XSS-1").run()
    _assert_text_only(app)


def test_impact_page_names_the_missing_years_of_a_template_project(app: AppTest) -> None:
    projects_store.save_project(
        EDITOR_USER,
        {
            "project_id": "TESTL003",
            "name": "TESTIHANKE tulevaisuudessa (ei todellinen)",
            "fund_group": "municipal",
            "municipality_codes": "KU226",
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
        },
    )  # fmt: skip — test data: a project after the newest population year (2025)
    app.query_params["vaikuttavuus.hanke"] = "TESTL003"
    app.run()
    app.switch_page("pages/vaikuttavuus.py").run()
    assert not app.exception, [e.message for e in app.exception]
    app.selectbox(key="vaikuttavuus.indikaattori").set_value("population").run()
    assert not app.exception, [e.message for e in app.exception]
    notices = " ".join(i.value for i in app.info)
    assert "2026–2027" in notices and "2025" in notices
