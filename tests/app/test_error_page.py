"""Without a warehouse every visitor lands on the error page, which explains what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP


def test_no_warehouse_routes_to_error_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Tietovarastoa ei voitu avata"
    assert "make run" in at.error[0].value
