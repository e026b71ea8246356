"""Aluefoorumi presentation mode and the editors' deck/notes page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.forum import decks
from tests.app.conftest import plotly_figures

REPO = Path(__file__).resolve().parents[3]

EDITOR = {"is_logged_in": True, "email": "koordinaattori@example.fi", "email_verified": True}
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
    assert len([trace for trace in figure["data"] if trace["mode"] == "lines"]) == 8  # and hollow marks
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
    app.button(key="FormSubmitter:diat.merkinta-Lisää merkintä").click().run()
    assert not app.exception and "Merkintä lisätty" in app.success[0].value
    app.switch_page("pages/yleiskuva.py").run()
    (figure,) = plotly_figures(app)
    assert "Pylkönmäki liitettiin" in [a["text"] for a in figure["layout"].get("annotations", [])]


def test_permalink_from_before_the_page_prefixes_opens_the_slide(app: AppTest, store: Path) -> None:
    """Issue 12 (page state): ?esitys=<deck>&dia=3 links keep working, read as the page's own keys."""
    app.query_params["esitys"] = "Aluefoorumi"
    app.query_params["dia"] = "3"
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    assert not app.exception and not app.warning and not app.info
    assert app.number_input(key="aluefoorumi.dia").value == 3
    assert app.header[0].value == decks.load_deck("Aluefoorumi", "fi").slides[2].title
    assert app.query_params.get("aluefoorumi.dia") == "3"
    assert not {"dia", "esitys"} & set(app.query_params)  # the default deck leaves the URL as defaults do


def test_page_keys_carry_the_page_prefix(app: AppTest, store: Path) -> None:
    app.query_params["aluefoorumi.dia"] = "2"
    app.query_params["aluefoorumi.kontrasti"] = "true"
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    assert app.number_input(key="aluefoorumi.dia").value == 2 and app.toggle(key="aluefoorumi.kontrasti").value
    app.button(key="aluefoorumi.seuraava").click().run()
    assert app.number_input(key="aluefoorumi.dia").value == 3
    assert all(key == "lang" or key.startswith("aluefoorumi.") for key in app.query_params)


def test_unknown_deck_and_slide_in_a_link_are_named(app: AppTest, store: Path) -> None:
    app.query_params["esitys"] = "Poistettu"
    app.query_params["aluefoorumi.dia"] = "99"
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    assert not app.exception
    warnings = [w.value for w in app.warning]
    assert any("Linkin diasarjaa ei löytynyt" in w and "Aluefoorumi" in w for w in warnings)
    assert any("Linkin diaa ei ole tässä diasarjassa" in w for w in warnings)
    assert app.number_input(key="aluefoorumi.dia").value == 1


HOSTILE = "<img src=x onerror=alert(1)> ![x](https://example.com/x.png)"


def test_deck_text_is_shown_as_text(app: AppTest, store: Path) -> None:
    """Issue 12 point 6: slide titles and commentary are the coordinators' text: never Markdown or HTML."""
    deck = decks.Deck("Testi", (decks.Slide("population_by_municipality", {}, HOSTILE, HOSTILE),))
    decks.save_deck(deck, "k", {"population_by_municipality"})
    app.query_params["aluefoorumi.esitys"] = "Testi"
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    assert not app.exception
    header = app.header[0].value
    assert "<img" not in header and "![x](" not in header and "&lt;img" in header and "\\!\\[x\\]" in header
    commentary = next(m.value for m in app.markdown if m.value.startswith("<p class='slide-commentary'>"))
    assert "<img" not in commentary and "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in commentary


def test_slides_left_out_of_an_export_are_named_beside_the_download(app: AppTest, store: Path) -> None:
    """Issue 12 point 3: DeckContent.skipped was never reported; the page says it before the click."""
    deck = decks.Deck("Vanha", (decks.Slide("population_by_municipality", {}, "Väestö"),
                                decks.Slide("retired_chart", {}, "Poistunut kuva")))  # fmt: skip
    decks.save_deck(deck, "k", {"population_by_municipality", "retired_chart"})  # saved before the chart went
    app.query_params["aluefoorumi.esitys"] = "Vanha"
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    assert not app.exception
    assert any("jätetään pois" in c.value and "Poistunut kuva" in c.value for c in app.caption)
    assert [b.label for b in app.get("download_button")] == ["Lataa PowerPoint (PPTX)", "Lataa PDF"]


def test_without_chromium_the_deck_download_says_why(app: AppTest, store: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from dashboard.export import images

    monkeypatch.setattr(images, "browser", lambda: None)
    app.run()
    app.switch_page("pages/aluefoorumi.py").run()
    assert not app.exception and not app.get("download_button")
    assert any("Chromium-selain puuttuu" in i.value for i in app.info)
