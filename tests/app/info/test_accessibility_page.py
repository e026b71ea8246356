"""The accessibility statement exists in Finnish, Swedish and English, says how and when accessibility was
assessed, names what is not accessible and keeps the legally required parts (306/2019, feedback, the
supervisory authority)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def statement(app: AppTest, language: str | None = None) -> tuple[str, str]:
    if language:
        app.query_params["lang"] = language  # before the first run: the URL seeds the language widget
    app.run()
    app.switch_page("pages/saavutettavuus.py").run()
    assert not app.exception
    return app.title[0].value, app.markdown[-1].value


def test_statement_in_finnish(app: AppTest) -> None:
    title, text = statement(app)
    assert title == "Saavutettavuusseloste"
    assert "306/2019" in text and "osittain" in text and "saavutettavuusvaatimukset.fi" in text
    assert "**Sydänsuomen tilannekuva**" in text and "Sydänsuomessa-yhteistyön" in text  # from region.toml
    assert "axe-core" in text and "`make test`" in text and "pelkällä näppäimistöllä" in text
    assert "22.11.2026" in text and "WCAG 3.1.2" in text and "WCAG 2.1.1" in text
    assert "Liikenne- ja viestintävirasto Traficom, saavutettavuusvalvonta" in text  # since 1.1.2025
    # region.toml has no confirmed feedback address yet: the statement says so instead of inventing one
    assert "yhteystietoa ei ole vielä merkitty palvelun asetuksiin (region.toml: feedback_contact)" in text
    assert "## Palaute ja yhteystiedot" in text  # sections are level 2 under the page title (heading order)


def test_statement_in_swedish(app: AppTest) -> None:
    title, text = statement(app, "svenska")
    assert title == "Tillgänglighetsutlåtande" and "delvis" in text and "axe-core" in text and "22.11.2026" in text
    assert "Traficom" in text and "kontaktuppgiften har ännu inte angetts" in text


def test_statement_in_english(app: AppTest) -> None:
    title, text = statement(app, "English")
    assert title == "Accessibility statement" and "partially compliant" in text
    assert "axe-core" in text and "22 November 2026" in text and "Transport and Communications Agency Traficom" in text
