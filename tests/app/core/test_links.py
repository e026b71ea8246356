"""Links (issue 12 point 11): ?lang=en works like ?lang=English; page state keys are the page's own."""

from __future__ import annotations

import pytest

from dashboard.core.i18n import t


@pytest.mark.parametrize(("asked", "lang"), [("en", "en"), ("SV", "sv"), ("English", "en"), ("fi", "fi")])
def test_language_by_code_or_name(app, asked: str, lang: str) -> None:
    app.query_params["lang"] = asked
    app.run()
    assert not app.exception
    assert app.session_state["lang"] == lang
    assert app.query_params.get("lang") in (None, "suomi", "svenska", "English")
    assert t("security.link_language", lang) not in [i.value for i in app.info]
