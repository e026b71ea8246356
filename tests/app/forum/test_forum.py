"""Aluefoorumi presentation mode and the editors' deck/notes page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.forum import decks
from tests.app.conftest import plotly_figures

REPO = Path(__file__).resolve().parents[3]

EDITOR = {"is_logged_in": True, "email": "koordinaattori@example.fi"}
SECRETS = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                    "client_id": "id", "client_secret": "s",
                    "server_metadata_url": "https://idp.example/.well-known/openid-configuration"},
           "roles": {"editors": ["koordinaattori@example.fi"]}}  # fmt: skip


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    return tmp_path


def button(app: AppTest, label: str):
    """By label: a logged-in editor also has the sidebar's log-out button."""
    return next(b for b in app.button if b.label == label)


def as_editor(app: AppTest) -> AppTest:
    for key, value in SECRETS.items():
        app.secrets[key] = value
    app.user = EDITOR
    return app


def test_presentation_shows_slide_one_with_source(app: AppTest, store: Path) -> None:
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    assert not app.exception
    total = len(decks.load_deck("Aluefoorumi", "fi").slides)
    assert any(f"1 / {total}" in m.value for m in app.markdown)
    assert app.header[0].value == "Väestö kunnittain"
    (figure,) = plotly_figures(app)
    assert len(figure["data"]) == 8
    assert any(c.value.startswith("Lähde: Tilastokeskus") for c in app.caption)


def test_next_slide_and_permalink(app: AppTest, store: Path) -> None:
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    button(app, "Seuraava →").click().run()  # the right arrow key triggers the same button
    assert any("2 / " in m.value for m in app.markdown)
    assert app.header[0].value == "Ikärakenne"
    fresh = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    fresh.query_params["dia"] = "2"
    fresh.run()
    fresh.switch_page("pages/aluefoorumi.py").run()
    assert fresh.number_input[0].value == 2


def test_high_contrast_figure(app: AppTest, store: Path) -> None:
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    app.toggle[0].set_value(True).run()
    (figure,) = plotly_figures(app)
    assert figure["layout"]["paper_bgcolor"] == "#000000"


def test_editor_page_refuses_anonymous(app: AppTest, store: Path) -> None:
    app.run()
    app.switch_page("pages/diat.py").run()
    assert not app.title and not app.get("data_editor")
    assert "vain ylläpitäjille" in app.warning[0].value


def test_editor_page_refuses_anonymous_even_without_navigation(app_env: Path, store: Path) -> None:
    """As if app.py failed before st.navigation and Streamlit served pages/ by file name."""
    page = AppTest.from_file(str(REPO / "pages" / "diat.py"), default_timeout=30)
    page.secrets["auth"] = SECRETS["auth"]
    page.run()
    assert not page.title and not page.get("data_editor") and "vain ylläpitäjille" in page.warning[0].value


def test_editor_saves_a_deck(app: AppTest, store: Path) -> None:
    as_editor(app).run()
    app.switch_page("pages/diat.py").run()
    assert not app.exception
    app.text_input[0].set_value("Kuntatiimi").run()
    button(app, "Tallenna diasarja").click().run()
    assert not app.error, app.error[0].value if app.error else ""
    assert "Kuntatiimi" in app.success[0].value
    assert decks.load_deck("Kuntatiimi", "fi").saved


def test_note_added_in_editor_shows_on_the_overview(app: AppTest, store: Path) -> None:
    from datetime import date

    as_editor(app).run()
    app.switch_page("pages/diat.py").run()
    form_selects = [s for s in app.selectbox if s.label in ("Indikaattori", "Alue")]
    form_selects[0].set_value("population")
    form_selects[1].set_value("KU729")
    app.date_input[0].set_value(date(2009, 1, 1))
    app.text_input[1].input("Pylkönmäki liitettiin")
    app.button(key="FormSubmitter:note-Lisää merkintä").click().run()
    assert not app.exception and "Merkintä lisätty" in app.success[0].value
    app.switch_page("pages/yleiskuva.py").run()
    (figure,) = plotly_figures(app)
    assert "Pylkönmäki liitettiin" in [a["text"] for a in figure["layout"].get("annotations", [])]
