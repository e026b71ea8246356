"""The server settings that are security controls (.streamlit/config.toml), checked so an edit cannot drop
one silently: XSRF protection, a sensible upload limit that the app itself enforces, no tracebacks shown to
visitors, and secrets kept out of git."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def config() -> dict:
    with CONFIG.open("rb") as fh:
        return tomllib.load(fh)


def test_xsrf_protection_is_on(config: dict) -> None:
    # Streamlit turns XSRF protection off by itself when CORS protection is off: both must stay on.
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True


def test_upload_limit_is_sensible_and_the_app_enforces_it(config: dict) -> None:
    """Uploads are project spreadsheets and store backups: a few MB. Streamlit's default is 200 MB."""
    limit = config["server"]["maxUploadSize"]
    assert isinstance(limit, int) and 1 <= limit <= 50
    from dashboard.funding import imports as projects_import

    assert projects_import.upload_limit_mb() == limit  # the check behind st.file_uploader reads the same value


def test_visitors_never_see_error_details(config: dict) -> None:
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"  # no developer menu (rerun, settings, clear cache)
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["headless"] is True


def test_secrets_file_is_never_committed() -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored
