"""Links (issue 12 point 11): ?lang=en works like ?lang=English; page state keys are the page's own."""

from __future__ import annotations

import logging

import pytest

from dashboard.core.i18n import t
from tests.app.conftest import open_page

VAESTO = "pages/vaesto.py"


@pytest.mark.parametrize(("asked", "lang"), [("en", "en"), ("SV", "sv"), ("English", "en"), ("fi", "fi")])
def test_language_by_code_or_name(app, asked: str, lang: str) -> None:
    app.query_params["lang"] = asked
    app.run()
    assert not app.exception
    assert app.session_state["lang"] == lang
    assert app.query_params.get("lang") in (None, "suomi", "svenska", "English")
    assert t("security.link_language", lang) not in [i.value for i in app.info]


@pytest.fixture
def session_state_warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Streamlit's "set via the Session State API" warnings (logged once per process: the flag is reset)."""
    from streamlit.elements.lib import policies

    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    logged: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())
    logger = logging.getLogger(policies.__name__)  # Streamlit's loggers do not propagate to caplog
    logger.addHandler(handler)
    yield logged
    logger.removeHandler(handler)


@pytest.mark.parametrize(("params", "key", "shown", "value"), [
    ({"kunta": "KU729"}, "vaesto.kunta", "Saarijärvi", "KU729"),  # a bare key from before the page prefixes
    ({"vaesto.osio": "kunnittain"}, "vaesto.osio", "Väkiluku kunnittain", "kunnittain"),  # a part by its id
])  # fmt: skip
def test_a_link_the_widget_cannot_read_stays_in_the_address_bar(app, session_state_warnings, params, key, shown,
                                                                value) -> None:  # fmt: skip
    """The view opens, and the URL holds the choice as the widget's own text after this run and the next (it
    used to lose it after the first run), with no Session State warning in the server log."""
    open_page(app, VAESTO, **params)
    assert app.session_state[key] == value
    assert app.query_params.get(key) == shown
    app.run()
    assert app.query_params.get(key) == shown and app.session_state[key] == value
    assert not [message for message in session_state_warnings if "Session State API" in message]
