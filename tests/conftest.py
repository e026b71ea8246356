"""Shared fixtures: one warehouse built from the bundled snapshot per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.build import REPO, Paths, build


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding a warehouse built offline from data/snapshot (no data/raw: snapshot only)."""
    data_dir = tmp_path_factory.mktemp("data")
    build(Paths(data_dir=data_dir, snapshot_dir=REPO / "data" / "snapshot", region_file=REPO / "region.toml"),
          show_progress=False)  # fmt: skip
    return data_dir


@pytest.fixture
def data_dir(built_data_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the session warehouse, for tests that build, break or swap it."""
    copy = tmp_path / "data"
    shutil.copytree(built_data_dir, copy)
    return copy


@pytest.fixture
def app_env(built_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the session warehouse."""
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(built_data_dir))
    return built_data_dir
