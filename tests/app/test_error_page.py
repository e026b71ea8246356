"""Without a warehouse every visitor lands on the error page, which names the problem and the command that
fixes it, and never the server's paths (the page is public)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP


def shown(at: AppTest) -> str:
    return " ".join(str(getattr(el, "value", "")) for kind in ("title", "error", "code", "text", "markdown")
                    for el in at.get(kind))  # fmt: skip


def test_no_warehouse_routes_to_error_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Tietovarastoa ei voitu avata"
    assert "ei ole vielä rakennettu" in at.error[0].value and "python -m etl build" in at.error[0].value
    assert at.code[0].value == "python -m etl build"
    assert "WarehouseMissing" in at.text[0].value  # the detail: what failed, without where
    assert str(tmp_path) not in shown(at) and tmp_path.name not in shown(at) and "/" not in at.text[0].value


def test_a_broken_pointer_names_no_path_either(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "warehouse").mkdir()
    (tmp_path / "warehouse" / "CURRENT").write_text("wh-missing.duckdb\n", encoding="utf-8")
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception and "python -m etl build" in at.error[0].value
    assert "wh-missing.duckdb" in at.text[0].value and tmp_path.name not in shown(at)
