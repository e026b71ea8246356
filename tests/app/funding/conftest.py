"""AppTest fixtures of the funding pages: the session warehouse and a private app store per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "id", "client_secret": "secret",
                 "server_metadata_url": "https://idp.example/.well-known/openid-configuration"},
        "roles": {"editors": ["koordinaattori@example.fi"]}}  # fmt: skip


@pytest.fixture
def app(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))
    return AppTest.from_file("../../../app.py", default_timeout=90)


def as_user(at: AppTest, email: str | None) -> AppTest:
    for key, value in OIDC.items():
        at.secrets[key] = value
    at.user = {"is_logged_in": email is not None, **({"email": email, "email_verified": True} if email else {})}
    return at
