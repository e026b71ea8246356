"""Issue 12 point 1: moving between the indicator pages in one session. AppTest keeps the session state
(and the query parameters) across switch_page, as one browser tab keeps its session: a choice made on one
page must never reach another page's widget, and a stale or foreign value is dropped with a notice."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page, show_part

VAESTO, TYO, TYOSSAKAYNTI, KUNTAVERTAILU = (f"pages/{p}.py" for p in ("vaesto", "tyo_ja_elinkeinot",
                                                                     "tyossakaynti", "kuntavertailu"))  # fmt: skip
DROPPED = "ei sovi tälle sivulle"


def switch(app: AppTest, page: str) -> AppTest:
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def infos(app: AppTest) -> str:
    """The page's notes as read (they are shown as text: Markdown characters come escaped)."""
    return " ".join(i.value for i in app.info).replace("\\", "")


def test_work_year_on_year_then_population(app: AppTest) -> None:
    open_page(app, TYO)
    app.radio(key="tyo_ja_elinkeinot.tila").set_value("yoy").run()
    app.slider(key="tyo_ja_elinkeinot.vuodet").set_value((2010, 2026)).run()  # 2026: past Väestö's last year (2025)
    assert not app.exception
    switch(app, VAESTO)
    first, last = app.slider(key="vaesto.vuodet").value
    assert 1972 <= first <= last <= 2025
    assert app.radio(key="vaesto.tila").value == "index"  # Työ's mode is not Väestö's
    assert DROPPED not in infos(app)  # nothing of Työ's was even looked at
    switch(app, TYO)  # and back: Työ kept its own choices
    assert app.radio(key="tyo_ja_elinkeinot.tila").value == "yoy"
    assert app.slider(key="tyo_ja_elinkeinot.vuodet").value == (2010, 2026)


def test_commuting_indicator_then_population_and_work(app: AppTest) -> None:
    open_page(app, TYOSSAKAYNTI)
    app.selectbox(key="tyossakaynti.indikaattori").set_value("out_commuters").run()
    app.radio(key="tyossakaynti.tila").set_value("index").run()
    assert not app.exception
    switch(app, VAESTO)
    assert app.selectbox(key="vaesto.indikaattori").value == "population"
    switch(app, TYO)
    assert app.selectbox(key="tyo_ja_elinkeinot.indikaattori").value == "unemployment_rate"
    assert app.radio(key="tyo_ja_elinkeinot.tila").value == "month"
    switch(app, KUNTAVERTAILU)
    assert app.selectbox(key="kuntavertailu.indikaattori").value == "unemployment_rate"
    switch(app, TYOSSAKAYNTI)
    assert app.selectbox(key="tyossakaynti.indikaattori").value == "out_commuters"


def test_comparison_period_then_other_pages(app: AppTest) -> None:
    open_page(app, KUNTAVERTAILU)
    app.selectbox(key="kuntavertailu.indikaattori").set_value("job_self_sufficiency").run()
    app.selectbox(key="kuntavertailu.vuosi").set_value("2010").run()
    app.multiselect(key="kuntavertailu.kunnat").set_value(["KU729"]).run()
    assert not app.exception
    switch(app, TYOSSAKAYNTI)
    assert len(app.multiselect(key="tyossakaynti.kunnat").value) == 8  # Kuntavertailu's choice stays there
    switch(app, VAESTO)
    switch(app, TYO)
    switch(app, KUNTAVERTAILU)
    assert app.selectbox(key="kuntavertailu.vuosi").value == "2010"


def test_session_value_out_of_range_is_dropped_with_a_notice(app: AppTest) -> None:
    app.session_state["vaesto.vuodet"] = (1900, 2050)
    app.session_state["vaesto.tila"] = "yoy"  # Työ's mode, not one of Väestö's
    open_page(app, VAESTO)
    assert app.slider(key="vaesto.vuodet").value == (1972, 2025)
    assert app.radio(key="vaesto.tila").value == "index"
    notes = infos(app)
    assert "vuodet = ”(1900, 2050)”" in notes and "tila = ”yoy”" in notes and DROPPED in notes


def test_url_value_that_fits_no_option_is_dropped_with_a_notice(app: AppTest) -> None:
    open_page(app, VAESTO, **{"vaesto.tila": "Bogus", "vaesto.vuodet": ["1800", "1990"]})
    assert app.radio(key="vaesto.tila").value == "index"
    assert app.slider(key="vaesto.vuodet").value == (1972, 2025)
    assert "tila = ”Bogus”" in infos(app) and "vuodet = ”1800,1990”" in infos(app)


def test_a_hostile_url_value_is_quoted_as_text(app: AppTest) -> None:
    open_page(app, VAESTO, **{"vaesto.tila": "![x](https://example.com/x.png)<b>"})
    shown = " ".join(i.value for i in app.info)
    assert "\\!\\[x\\]\\(https\\://example\\.com/x\\.png\\)&lt;b&gt;" in shown  # text, not an image


def test_prefixed_url_keys(app: AppTest) -> None:
    open_page(app, VAESTO, **{"vaesto.kunta": "Saarijärvi", "vaesto.tila": "Määrä", "vaesto.vuodet": ["1990", "2000"]})
    assert app.selectbox(key="vaesto.kunta").value == "KU729" and app.radio(key="vaesto.tila").value == "count"
    assert app.slider(key="vaesto.vuodet").value == (1990, 2000)
    assert DROPPED not in infos(app)


def test_legacy_link_with_a_code_still_selects_saarijarvi(app: AppTest) -> None:
    open_page(app, VAESTO, kunta="KU729", vuodet=["1990", "2010"])
    assert app.selectbox(key="vaesto.kunta").value == "KU729"
    assert app.slider(key="vaesto.vuodet").value == (1990, 2010)
    assert DROPPED not in infos(app)
    assert "kunta" not in app.query_params  # adopted as Väestö's own key, not left for the next page


def test_legacy_link_on_commuting(app: AppTest) -> None:
    open_page(app, TYOSSAKAYNTI, kunta="KU729", kunnat=["Saarijärvi", "KU931"])
    assert sorted(app.multiselect(key="tyossakaynti.kunnat").value) == ["KU729", "KU931"]
    show_part(app, "tyossakaynti", "virrat")  # the municipality's stocks: the link's choice waited for its part
    assert app.selectbox(key="tyossakaynti.kunta").value == "KU729"
    assert sorted(app.multiselect(key="tyossakaynti.kunnat").value) == ["KU729", "KU931"]
    assert DROPPED not in infos(app)
