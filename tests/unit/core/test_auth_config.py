"""auth_config.read_once: one read of secrets.toml per decision about a visitor, and none kept after it."""

from __future__ import annotations

import pytest
from streamlit.runtime.secrets import Secrets

from dashboard.core import auth_config as config


def secrets(sections: dict) -> Secrets:
    store = Secrets()
    store._secrets = sections  # what AppTest does with at.secrets: a parsed file, no disk
    return store


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times secrets.toml is read."""
    counted: list[int] = []
    real = config._read

    def read():
        counted.append(1)
        return real()

    monkeypatch.setattr(config, "_read", read)
    return counted


def test_within_read_once_the_file_is_read_once(monkeypatch: pytest.MonkeyPatch, reads: list[int]) -> None:
    monkeypatch.setattr(config.st, "secrets", secrets({"local_auth": {"password_hash": "x"}, "roles": {}}))

    @config.read_once
    def decide() -> tuple:
        return config.local_enabled(), config.oidc_configured(), config.idle_seconds(), nested()

    @config.read_once
    def nested() -> str:  # a read_once function called from another one uses the caller's snapshot
        return config.local_username()

    assert decide() == (True, False, 30 * 60, "editor")
    assert len(reads) == 1


def test_nothing_is_kept_after_it_returns(monkeypatch: pytest.MonkeyPatch, reads: list[int]) -> None:
    @config.read_once
    def enabled() -> bool:
        return config.local_enabled()

    monkeypatch.setattr(config.st, "secrets", secrets({}))
    assert not enabled()
    monkeypatch.setattr(config.st, "secrets", secrets({"local_auth": {"password_hash": "x"}}))
    assert enabled()  # the edited file counts from the next call
    assert len(reads) == 2


def test_without_a_file_every_section_is_empty(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml here
    monkeypatch.setattr(config.st, "secrets", Secrets())
    assert config.read_once(lambda: (config.secret("auth"), config.local_enabled()))() == ({}, False)
