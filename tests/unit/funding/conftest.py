"""Fixtures of the funding unit tests: the session warehouse and a private app store per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core.auth import EDITOR, User

EDITOR_USER = User("koordinaattori@example.fi", EDITOR, "oidc")


@pytest.fixture
def store(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app_state.duckdb"
    monkeypatch.setenv("TILANNEKUVA_STATE", str(path))
    return path
