"""Mitä on muuttunut in a real browser: an editor (local password) saves a forum meeting on Diat ja merkinnät,
the what-changed page then lists what was released since that meeting, and an item's permalink opens the
view behind it. Its own server and store (a meeting changes the built-in deck for every later visitor), on a
copy of the shared warehouse; the secrets file lives in a temporary folder, never in .streamlit/."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from dashboard.core.auth import hash_password
from tests.e2e.conftest import Server, copy_warehouse, open_page, selectbox_value, serve, wait_idle

pytestmark = pytest.mark.e2e
PASSWORD = "testisalasana-ei-oikea-16"
RELEASE = "Väestörakenne (11re), julkaistu 01.04.2026"  # a release of the shipped 2026 data


@pytest.fixture(scope="module")
def editor_server(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = copy_warehouse(server, tmp_path_factory.mktemp("e2e-muutokset"))
    secrets = data_dir / "secrets.toml"
    secrets.write_text(f'[local_auth]\npassword_hash = "{hash_password(PASSWORD, iterations=1000)}"\n',
                       encoding="utf-8")  # fmt: skip
    with serve(data_dir, secrets=secrets, env={"TILANNEKUVA_STATE": str(data_dir / "app_state.duckdb")}) as running:
        yield running


@pytest.mark.timeout(300)
def test_a_meeting_sets_the_baseline_and_an_item_opens_its_view(editor_server: Server, page: Page) -> None:
    main = page.get_by_test_id("stMain")
    open_page(page, f"{editor_server.base_url}/muutokset")
    expect(main.get_by_role("heading", name="Mitä on muuttunut", exact=True)).to_be_visible()
    expect(main.get_by_text("Foorumin kokouksia ei ole tallennettu")).to_be_visible()
    expect(main.get_by_role("link", name=re.compile(re.escape(RELEASE)))).to_have_count(0)  # 90 days back: older

    open_page(page, f"{editor_server.base_url}/diat")
    main.get_by_label("Salasana").fill(PASSWORD)
    main.get_by_role("button", name="Kirjaudu sisään").click()
    expect(main.get_by_role("heading", name="Foorumin kokoukset")).to_be_visible()
    wait_idle(page)
    form = main.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Tallenna kokous"))
    # Streamlit 1.67's date input is a react-aria DateField: one spin button per part, typed into in turn
    form.get_by_role("spinbutton", name="day, Päivämäärä").click()
    page.keyboard.type("01032026")
    expect(form.get_by_role("spinbutton", name="month, Päivämäärä")).to_have_attribute("aria-valuenow", "3")
    form.get_by_label("Otsikko").fill("Kevätfoorumi")
    form.get_by_role("button", name="Tallenna kokous").click()
    expect(main.get_by_text("Kokous tallennettu.")).to_be_visible()

    open_page(page, f"{editor_server.base_url}/muutokset")
    expect(main.get_by_text("Edellinen foorumi: 01.03.2026 · Kevätfoorumi.")).to_be_visible()
    item = main.get_by_role("link", name=re.compile(re.escape(RELEASE)))
    expect(item).to_be_visible()
    link = item.get_attribute("href")
    assert link == "/vaesto?vaesto.indikaattori=V%C3%A4kiluku", link
    open_page(page, f"{editor_server.base_url}{link}")  # the permalink (Streamlit opens links in a new tab)
    expect(main.get_by_role("heading", name="Väestö", exact=True)).to_be_visible()
    expect(selectbox_value(page, "Indikaattori")).to_have_value("Väkiluku")
