"""Security in a real browser: secrets never reach a page or the server log, and the editor pages stay shut
to an anonymous visitor who types their URL — also when app.py cannot start (no warehouse) and routes
every visitor to the error page.

The secrets are fake and recognisable (FAKE-…): an OIDC [auth] section with a client and a cookie secret,
a [local_auth] password hash, and a section the app never reads. Each server here is started with the
conftest's `serve()` on a copy of the shared server's warehouse, with the secrets file in a temporary folder.
The browser visits the pages where secrets are read (the editor guard and login, the account box) and the
error paths; that no page of PAGES shows a secret is checked for every page, anonymous and editor, in
tests/app/test_hostile_params.py (AppTest: the same elements, without a cold server's figure builds).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard.core.auth import hash_password
from tests.app.test_hostile_params import registered_pages
from tests.e2e.conftest import Server, copy_warehouse, open_page, serve, wait_idle

pytestmark = pytest.mark.e2e

PASSWORD = "FAKE-LOCAL-PASSWORD-Kinnula-2026"
PASSWORD_HASH = hash_password(PASSWORD, iterations=1000)
COOKIE_SECRET = "FAKE-COOKIE-SECRET-d41d8cd98f00b204e980"
CLIENT_SECRET = "FAKE-CLIENT-SECRET-9e107d9d372bb6826bd8"
API_TOKEN = "FAKE-API-TOKEN-0cc175b9c0f1b6a83c3a"
SECRETS = [PASSWORD, PASSWORD_HASH, *PASSWORD_HASH.split("$")[2:], COOKIE_SECRET, CLIENT_SECRET, API_TOKEN]
OIDC = f"""
[auth]
redirect_uri = "http://127.0.0.1:8501/oauth2callback"
cookie_secret = "{COOKIE_SECRET}"
client_id = "fake-client-id-tilannekuva"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"

[roles]
editors = ["koordinaattori@example.fi"]
"""
LOCAL = f'\n[local_auth]\npassword_hash = "{PASSWORD_HASH}"\n'
UNUSED = f'\n[integrations]\nsotkanet_token = "{API_TOKEN}"\n'
HOSTILE_QUERY = urllib.parse.urlencode({"lang": "klingon", "kunta": "'; DROP TABLE fact_indicator; --",
                                        "skenaario": "<script>alert(1)</script>", "dia": "inf", "vuodet": "nan"})  # fmt: skip
EDITOR_URLS = [Path(script).stem for script, editors in registered_pages() if editors]


def start(server: Server, tmp_path: Path, secrets: str, *, warehouse: bool = True):
    """`serve()` on a copy of the shared server's warehouse (or none), with `secrets` as its secrets file."""
    data_dir = tmp_path / "data"
    if warehouse:
        copy_warehouse(server, data_dir)
    else:
        data_dir.mkdir()
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(secrets, encoding="utf-8")
    return serve(data_dir, secrets=secrets_file, env={"TILANNEKUVA_STATE": str(tmp_path / "app_state.duckdb")})


def assert_no_secret(text: str, where: str) -> None:
    leaked = [secret[:12] + "…" for secret in SECRETS if secret in text]
    assert not leaked, f"secrets in {where}: {leaked}"


def assert_no_trace(page: Page) -> None:
    html = page.content()
    assert "Traceback (most recent call last)" not in html and "<script>alert(1)</script>" not in html
    expect(page.get_by_test_id("stException")).to_have_count(0)


def main(page: Page):
    return page.get_by_test_id("stMain")


@pytest.fixture
def oidc_server(server: Server, tmp_path: Path) -> Iterator[Server]:
    with start(server, tmp_path, OIDC + LOCAL + UNUSED) as running:
        yield running


@pytest.fixture
def local_server(server: Server, tmp_path: Path) -> Iterator[Server]:
    with start(server, tmp_path, LOCAL + UNUSED) as running:
        yield running


def test_no_page_shows_a_secret_and_the_log_has_none(oidc_server: Server, page: Page) -> None:
    """Pages and editor guards as an anonymous visitor, a hostile link, and the OIDC login failing (no
    identity provider answers at the configured address): the HTML never holds a secret, nor does the log."""
    open_page(page, f"{oidc_server.base_url}/tietolahteet?{HOSTILE_QUERY}")  # a page without charts: quick cold
    expect(main(page).get_by_text("Linkin kielivalintaa ei tunnistettu")).to_be_visible()
    expect(main(page).get_by_role("heading", name="Tietolähteet")).to_be_visible()
    assert_no_secret(page.content(), "a hostile link")
    assert_no_trace(page)
    for url in reversed(EDITOR_URLS):  # the guards read [auth] and [local_auth]; /diat stays open
        open_page(page, f"{oidc_server.base_url}/{url}")
        expect(main(page).get_by_text("vain ylläpitäjille")).to_be_visible()
        assert_no_secret(page.content(), f"/{url}")
        assert_no_trace(page)
    main(page).get_by_role("button", name="Kirjaudu sisään").click()  # the error path: login cannot complete
    page.wait_for_load_state()
    wait_idle(page)
    expect(main(page).get_by_role("heading", name="Diat ja merkinnät")).to_have_count(0)
    assert_no_secret(page.content(), "the failed login")
    assert_no_secret(oidc_server.log, "the server log")


def test_local_login_wrong_then_right_password_leaks_nothing(local_server: Server, page: Page) -> None:
    open_page(page, f"{local_server.base_url}/diat")
    password = main(page).get_by_label("Salasana")
    password.fill("väärä salasana")
    main(page).get_by_role("button", name="Kirjaudu sisään").click()
    expect(main(page).get_by_text("Väärä salasana.")).to_be_visible()
    assert_no_secret(page.content(), "a wrong password")
    page.wait_for_timeout(1_100)  # the throttle refuses any password for 1 s after a failure (auth_throttle)
    password.fill(PASSWORD)
    main(page).get_by_role("button", name="Kirjaudu sisään").click()
    expect(main(page).get_by_role("heading", name="Diat ja merkinnät")).to_be_visible()
    wait_idle(page)
    assert_no_secret(page.content(), "the editor page")
    # The other editor page in the same session (the login lives in the session, so navigate in-app).
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Hankkeiden ylläpito").click()
    expect(main(page).get_by_role("heading", name="Hankkeiden ylläpito")).to_be_visible()
    wait_idle(page)
    for tab in ("Varmuuskopio", "Tuonti"):  # the backup tab shows the audit log; the import tab the history
        main(page).get_by_role("tab", name=re.compile(tab)).click()
        assert_no_secret(page.content(), f"the {tab} tab")
    assert_no_trace(page)
    assert_no_secret(local_server.log, "the server log")


def test_editor_pages_stay_shut_when_the_app_cannot_start(server: Server, tmp_path: Path, browser) -> None:
    """app.py routes every visitor to the error page; a typed editor URL — first as the very first request
    of a cold server, which Streamlit would otherwise serve from pages/ by file name — shows no editor
    content. First with no warehouse at all, then with a CURRENT that names a missing file."""
    with start(server, tmp_path, LOCAL + UNUSED, warehouse=False) as running:
        context = browser.new_context(locale="fi-FI")
        try:
            for failure in ("no warehouse", "CURRENT names a missing file"):
                if failure != "no warehouse":
                    (running.data_dir / "warehouse").mkdir()
                    (running.data_dir / "warehouse" / "CURRENT").write_text("wh-missing.duckdb\n", encoding="utf-8")
                for url in EDITOR_URLS:
                    page = context.new_page()  # a page load is a new Streamlit session: a new visitor
                    open_page(page, f"{running.base_url}/{url}?{HOSTILE_QUERY}")
                    expect(main(page).get_by_role("heading", name="Tietovarastoa ei voitu avata")).to_be_visible()
                    for heading in ("Diat ja merkinnät", "Hankkeiden ylläpito"):
                        expect(main(page).get_by_role("heading", name=heading)).to_have_count(0)
                    for widget in ("stFileUploader", "stDataFrame", "stForm", "stTextInput"):
                        expect(page.get_by_test_id(widget)).to_have_count(0)
                    assert_no_secret(page.content(), f"/{url} ({failure})")
                    assert_no_trace(page)
                    page.close()
        finally:
            context.close()
        assert_no_secret(running.log, "the server log")
