"""Shared fixtures: warehouses built from the bundled snapshot once per test session — the shipped region's
and two other regions' (config only), which app, integration and unit tests all read."""

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


JAMSA_REGION = ('[region]\nbrand = "Jämsän seutu"\ntitle_fi = "Jämsä"\ntitle_sv = "Jämsä"\ntitle_en = "Jämsä"\n'
                'focus_municipalities = ["182"]\nsubregion = "SK134"\nregion = "MK13"\n'
                '[comparison]\nareas = ["SK134", "MK13", "SSS"]\n')  # fmt: skip
# Ylä-Savo (SK111) in Pohjois-Savo (MK11): outside Keski-Suomi, whose files the bundled EU lists, commuting,
# key figures and projection cover; the national 2023–2026 series cover it.
YLA_SAVO_REGION = ('[region]\nbrand = "Ylä-Savo"\ntitle_fi = "Ylä-Savo"\ntitle_sv = "Ylä-Savo"\ntitle_en = "Ylä-Savo"\n'
                   'focus_municipalities = ["140", "239", "263", "402", "595", "762", "925"]\nsubregion = "SK111"\n'
                   'region = "MK11"\n[comparison]\nareas = ["SK111", "MK11", "SSS"]\n')  # fmt: skip


def configured_warehouse(tmp_path_factory: pytest.TempPathFactory, name: str, region_text: str) -> Path:
    """A data dir with a warehouse built offline from data/snapshot for another region.toml (config only)."""
    root = tmp_path_factory.mktemp(name)
    region_file = root / "region.toml"
    region_file.write_text(region_text, encoding="utf-8")
    build(Paths(data_dir=root / "data", snapshot_dir=REPO / "data" / "snapshot", region_file=region_file),
          show_progress=False)  # fmt: skip
    return root / "data"


@pytest.fixture(scope="session")
def jamsa_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's Jämsä configuration (focus 182, sub-region SK134), built once per session."""
    return configured_warehouse(tmp_path_factory, "jamsa_config", JAMSA_REGION)


@pytest.fixture(scope="session")
def yla_savo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sub-region outside Keski-Suomi, built once per session."""
    return configured_warehouse(tmp_path_factory, "yla_savo_config", YLA_SAVO_REGION)
