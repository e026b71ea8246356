"""Issue 12 point 3: without Chromium the "Lataa" menu offered PNG and SVG that downloaded an English error
text labelled as an image. Now the menu says why there are no images, in the user's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.export import images
from tests.app.conftest import open_download_menus, open_page

MENU = "ennuste_ja_skenaario"  # the foresight page's first chart


@pytest.fixture
def page(app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))
    return app


def labels(app: AppTest) -> list[str]:
    return [b.label for b in app.get("download_button") if b.proto.id.endswith(f"{MENU}_png")
            or b.proto.id.endswith(f"{MENU}_svg") or b.proto.id.endswith(f"{MENU}_csv")]  # fmt: skip


@pytest.mark.parametrize(("lang", "message"), [("fi", "Chromium-selain puuttuu"), ("sv", "Chromium saknas"),
                                               ("en", "Chromium browser is missing")])  # fmt: skip
def test_without_chromium_the_menu_says_why(page: AppTest, monkeypatch: pytest.MonkeyPatch, lang: str,
                                            message: str) -> None:  # fmt: skip
    monkeypatch.setattr(images, "browser", lambda: None)
    page.session_state["lang"] = lang
    open_page(page, "pages/ennakointi.py")
    page.session_state[f"{MENU}_lataa"] = True  # open the menu (it draws its buttons only when open)
    page.run()
    assert len(labels(page)) == 1  # CSV only: no PNG or SVG button to deliver a broken file
    assert any(message in c.value for c in page.caption)


@pytest.mark.skipif(images.browser() is None, reason="needs Debian chromium (make test)")
def test_with_chromium_the_menu_offers_images(page: AppTest) -> None:
    open_page(page, "pages/ennakointi.py")
    assert f"{MENU}_lataa" in open_download_menus(page)
    assert labels(page) == ["Lataa CSV", "Lataa PNG", "Lataa SVG"]
    assert not any("Chromium" in c.value for c in page.caption)
