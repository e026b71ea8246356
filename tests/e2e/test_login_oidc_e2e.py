"""OIDC login in a real browser against a real OpenID Connect provider on 127.0.0.1.

The provider is `oidc-provider-mock` (requirements-dev.txt), started as its own process with three users:
an editor whose verified address is in `[roles] editors` (in other letter case), a verified non-editor, and
the editor's address unverified. The app runs with `[auth]` pointing at it, from a secrets file generated
into a temporary `.streamlit/secrets.toml` (random cookie and client secrets; never in the repository).
The browser goes the whole way: the guard's button → st.login → the provider's form → /oauth2callback →
the app with st.user, and back out through st.logout and the provider's end-session page. The home page
the callback redirects to is left before it draws (its overview charts are other tests' subject).
"""

from __future__ import annotations

import io
import json
import secrets
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.server import free_port
from tests.e2e.conftest import Server, copy_warehouse, open_page, serve, wait_idle

pytestmark = pytest.mark.e2e

EDITOR = {"sub": "koordinaattori", "email": "Koordinaattori@Example.FI", "email_verified": True, "name": "K"}
VIEWER = {"sub": "katselija", "email": "katselija@example.fi", "email_verified": True, "name": "V"}
UNVERIFIED = {"sub": "vahvistamaton", "email": "koordinaattori@example.fi", "email_verified": False}
START_TIMEOUT = 60.0


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m oidc_provider_mock` on a free port of 127.0.0.1 with the three users; its issuer URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    for user in (EDITOR, VIEWER, UNVERIFIED):
        command += ["--user-claims", json.dumps(user)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2) as response:
                    assert json.load(response)["issuer"] == url
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the OIDC provider did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def oidc_server(provider: str, server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app with [auth] for the provider; `{port}` is filled in by Streamlit with the port it serves on."""
    root = tmp_path_factory.mktemp("oidc-app")
    secrets_file = root / ".streamlit" / "secrets.toml"
    secrets_file.parent.mkdir()
    secrets_file.write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "tilannekuva-e2e"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[roles]
editors = ["koordinaattori@example.fi"]
""", encoding="utf-8")  # fmt: skip
    data_dir = copy_warehouse(server, root / "data")
    with serve(data_dir, secrets=secrets_file, env={"TILANNEKUVA_STATE": str(root / "app_state.duckdb")}) as running:
        yield running


@pytest.fixture
def page(context) -> Page:
    page = context.new_page()
    # The provider's pages link a stylesheet on a CDN; there is no internet here, and none is needed.
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    return page


def main(page: Page):
    return page.get_by_test_id("stMain")


def log_in_as(page: Page, server: Server, provider: str, sub: str) -> None:
    """From the editor page's guard through the provider's form back into the app."""
    open_page(page, f"{server.base_url}/hankkeiden_yllapito")
    expect(main(page).get_by_text("vain ylläpitäjille")).to_be_visible()
    main(page).get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(f"{provider}/oauth2/authorize**")
    page.get_by_role("button", name=sub, exact=True).click()  # the provider's predefined user
    # /oauth2callback sets the cookie and redirects home ("/", Streamlit's only target). Stop once that
    # response arrives: the home page's first run would draw every overview chart, and each test goes on
    # to the editor page in a new session, which reads st.user from the cookie.
    page.wait_for_url(f"{server.base_url}/", wait_until="commit")


def editor_page(page: Page, server: Server) -> None:
    open_page(page, f"{server.base_url}/hankkeiden_yllapito")  # a new session: st.user from the cookie


@pytest.mark.timeout(600)
def test_editor_logs_in_uses_the_editor_page_and_logs_out(oidc_server: Server, provider: str, page: Page) -> None:
    log_in_as(page, oidc_server, provider, EDITOR["sub"])
    editor_page(page, oidc_server)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Kirjautunut: koordinaattori@example.fi (ylläpitäjä)")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Hankkeiden ylläpito")).to_be_visible()
    expect(main(page).get_by_role("heading", name="Hankkeiden ylläpito")).to_be_visible()
    wait_idle(page)
    main(page).get_by_role("tab", name="Varmuuskopio").click()
    with page.expect_download() as download:
        main(page).get_by_role("button", name="Lataa varmuuskopio (zip)").click()
    with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as archive:
        assert {"schema.sql", "load.sql"} <= set(archive.namelist())  # the editor exported the store

    sidebar.get_by_role("button", name="Kirjaudu ulos").click()
    # st.logout → /auth/logout → the provider's end-session page (its end_session_endpoint), which sends
    # the browser back to /oauth2callback and so to the app's home, without the cookie (not drawn: see
    # log_in_as).
    page.wait_for_url(f"{provider}/oauth2/end_session**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{oidc_server.base_url}/", wait_until="commit")
    editor_page(page, oidc_server)
    expect(main(page).get_by_text("vain ylläpitäjille")).to_be_visible()
    expect(main(page).get_by_role("button", name="Kirjaudu sisään")).to_be_visible()
    expect(main(page).get_by_role("heading", name="Hankkeiden ylläpito")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_text("Kirjautunut:")).to_have_count(0)
    assert "Traceback" not in oidc_server.log


def test_a_verified_non_editor_is_refused_and_told_why(oidc_server: Server, provider: str, page: Page) -> None:
    log_in_as(page, oidc_server, provider, VIEWER["sub"])
    editor_page(page, oidc_server)
    expect(main(page).get_by_text("Käyttäjällä katselija@example.fi ei ole ylläpitäjän oikeuksia")).to_be_visible()
    expect(main(page).get_by_text("ei ole ylläpitäjien luettelossa")).to_be_visible()
    expect(main(page).get_by_role("heading", name="Hankkeiden ylläpito")).to_have_count(0)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)


def test_an_editor_address_the_provider_has_not_verified_is_refused(oidc_server: Server, provider: str,
                                                                   page: Page) -> None:  # fmt: skip
    log_in_as(page, oidc_server, provider, UNVERIFIED["sub"])
    editor_page(page, oidc_server)
    expect(main(page).get_by_text("ei ole vahvistanut")).to_be_visible()
    expect(main(page).get_by_role("heading", name="Hankkeiden ylläpito")).to_have_count(0)
