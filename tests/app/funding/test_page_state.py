"""The funding pages' own URL keys (issue 12, page state): prefixed per page, links from before the prefixes
still open what they asked for, and a value the page does not offer is dropped with a notice."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def test_links_from_before_the_prefixes_still_work(app: AppTest) -> None:
    app.query_params["hanke"] = "A32278"  # ?hanke=A32278: a project named by its code
    app.run()
    app.switch_page("pages/vaikuttavuus.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.selectbox(key="vaikuttavuus.hanke").value == "A32278"


def test_a_value_the_page_does_not_offer_is_dropped_with_a_notice(app: AppTest) -> None:
    app.query_params["karkihankkeet.alue"] = "KU999"
    app.run()
    app.switch_page("pages/karkihankkeet.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.selectbox(key="karkihankkeet.alue").value == "SK138"
    assert any("KU999" in i.value for i in app.info)


def test_moving_between_the_funding_pages_keeps_each_pages_keys(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/vaikuttavuus.py").run()
    app.selectbox(key="vaikuttavuus.indikaattori").set_value("population").run()
    for page in ("pages/rahoitus.py", "pages/karkihankkeet.py", "pages/rahoitusasema.py", "pages/vaikuttavuus.py"):
        app.switch_page(page).run()
        assert not app.exception, (page, [e.message for e in app.exception])
    assert app.selectbox(key="vaikuttavuus.indikaattori").value == "population"
