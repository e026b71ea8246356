"""The accessibility statement exists in Finnish and English and names what is not accessible."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def test_statement_in_finnish(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/saavutettavuus.py").run()
    assert app.title[0].value == "Saavutettavuusseloste"
    text = app.markdown[-1].value
    assert "306/2019" in text and "osittain" in text and "saavutettavuusvaatimukset.fi" in text


def test_statement_in_english(app: AppTest) -> None:
    app.query_params["lang"] = "English"  # before the first run: the URL seeds the language widget
    app.run()
    app.switch_page("pages/saavutettavuus.py").run()
    assert app.title[0].value == "Accessibility statement" and "partially compliant" in app.markdown[-1].value
