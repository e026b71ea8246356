"""The app's import path (dashboard.funding.imports → ETL CLI subprocesses): a bad file writes nothing,
a register file is archived and rebuilt, a template lands in the store, and a rebuild never touches what
the coordinator entered."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core import store as state
from dashboard.core.auth import EDITOR, VIEWER, User
from dashboard.funding import build_job, impact, impact_views, projects
from dashboard.funding import imports as projects_import
from dashboard.funding import store as projects_store
from tests.unit.funding.test_impact_missing_years import TEMPLATE
from tests.unit.test_eu_parse import FIXTURES, eura2021_xlsx

pytestmark = pytest.mark.integration
EDITOR_USER = User("koordinaattori@example.fi", EDITOR, "oidc")


@pytest.fixture
def env(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))
    return data_dir


def current(data_dir: Path) -> str:
    return (data_dir / "warehouse" / "CURRENT").read_text()


def finished(job: dict, timeout: float = 240) -> dict:
    """The background rebuild's final status (the import returned before it ran)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = build_job.status()
        if status and status["id"] == job["id"] and status["state"] in ("done", "failed"):
            return status
        time.sleep(0.2)
    pytest.fail(f"the build job did not finish in {timeout} s: {build_job.status()}")


def test_file_with_one_bad_row_writes_nothing(env: Path) -> None:
    before = current(env)
    result = projects_import.import_file(EDITOR_USER, (FIXTURES / "TEST_template_one_bad_row.csv").read_bytes(),
                                         "TEST_template_one_bad_row.csv")  # fmt: skip
    assert not result.ok and result.stage == "validate"
    assert [(e["row"], e["field"], e["reason"]) for e in result.report["errors"]] == [
        (3, "granted", "unparseable_amount")
    ]
    assert projects.store().projects.empty and state.query("audit_log", {"limit": 5}).empty
    assert not (env / "raw" / "eu_funds").exists() and current(env) == before


def test_register_upload_rebuilds_and_leaves_coordinator_data_untouched(env: Path, tmp_path: Path) -> None:
    projects_store.assign(EDITOR_USER, "A32278", ["KU216"], False, "tarkistettu")
    projects_store.add_kpi(EDITOR_USER, "A32278", "Kävijät", "hlöä", 1000, 800, "2014", "loppuraportti")
    projects_store.set_target(EDITOR_USER, "unemployment_rate", "SK138", 9.0, 2027, "strategia")
    saved = {name: getattr(projects.store(), name).copy() for name in ("assignments", "kpis", "targets")}
    before = current(env)
    upload = eura2021_xlsx(tmp_path / "export.xlsx").read_bytes()
    started = time.monotonic()
    result = projects_import.import_file(EDITOR_USER, upload, "EURA2021_vienti.xlsx")
    assert result.ok and result.stage == "queued" and result.report["kind"] == "eura2021"
    assert time.monotonic() - started < 60 and build_job.status()["state"] in ("queued", "running", "done")
    job = finished(result.job)
    assert job["state"] == "done" and job["exit_code"] == 0, job
    assert current(env) != before  # a new warehouse is current
    frame = projects.catalogue()
    assert {"TEST2101", "TEST2102"} <= set(frame.index) and frame.loc["TEST2101", "areas"] == ["KU729"]
    for name, frame_before in saved.items():
        pd.testing.assert_frame_equal(getattr(projects.store(), name), frame_before)
    assert frame.loc["A32278", "basis"] == projects.COORDINATOR  # the assignment still wins over the register
    again = projects_import.import_file(EDITOR_USER, upload, "EURA2021_vienti.xlsx")  # idempotent re-import
    assert again.ok and again.report["archived"]["already_archived"] is True
    assert finished(again.job)["state"] == "done"
    assert (projects.catalogue().loc["TEST2101", "granted"], len(projects.catalogue())) == (200000, len(frame))


TEMPLATE_FILE = (FIXTURES / "TEST_template.csv").read_bytes()


@pytest.fixture(scope="module")
def template_import(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """TEST_template.csv imported through the app once, into a data dir and store of its own, for the two
    tests that only read what it did (an import runs the ETL's CLI twice: seconds)."""
    root = tmp_path_factory.mktemp("template_import")
    data_dir, store_path = root / "data", root / "app_state.duckdb"
    shutil.copytree(built_data_dir, data_dir)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
        mp.setenv("TILANNEKUVA_STATE", str(store_path))
        before = current(data_dir)
        result = projects_import.import_file(EDITOR_USER, TEMPLATE_FILE, "pohja.csv")
    return {"data_dir": data_dir, "store": store_path, "current_before": before, "result": result}


@pytest.fixture
def imported(template_import: dict, monkeypatch: pytest.MonkeyPatch) -> dict:
    """The app pointed at the data dir and store of `template_import`."""
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(template_import["data_dir"]))
    monkeypatch.setenv("TILANNEKUVA_STATE", str(template_import["store"]))
    return template_import


def test_template_goes_to_the_store_not_the_warehouse(imported: dict) -> None:
    result, data_dir = imported["result"], imported["data_dir"]
    assert result.ok and result.report["kind"] == "template"
    assert sorted(projects.store().projects["project_id"]) == ["TESTL001", "TESTL002"]
    assert current(data_dir) == imported["current_before"]
    assert list((data_dir / "raw" / "eu_funds" / "template").iterdir())
    assert state.query("audit_log", {"limit": 5})["action"].tolist() == ["import"]


def test_template_projects_after_the_data_get_their_missing_years_named(
    imported: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12 point 5: the template's projects, imported through the app, are stored exactly as the rows
    TEMPLATE of tests/unit/funding/test_impact_missing_years.py, which draws every indicator of them there
    (Vaikuttavuus raised TypeError) and names their missing years — drawing them all again here cost seconds."""
    assert imported["result"].ok
    for project_id in ("TESTL001", "TESTL002"):
        assert project_id in impact.project_choices()
    # since the 2025 population arrived (11re, 2026 export) the template's 2024–2025 project is inside the data;
    # tests/unit/funding/test_impact_missing_years.py names the missing years of a project after it
    assert impact_views.missing_notice("fi", "TESTL001", "population") is None
    stored = projects.store().projects
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "typed.duckdb"))  # a second store: TEMPLATE typed in
    for record in TEMPLATE[:2]:
        projects_store.save_project(EDITOR_USER, record)
    typed = projects.store().projects
    assert set(stored["origin"]) == {f"template:{hashlib.sha256(TEMPLATE_FILE).hexdigest()[:12]}"}
    assert set(typed["origin"]) == {"form"}  # read from the second store, not the first one's again
    who = ["origin", "updated_by", "updated_at"]  # how and when a row was written, not what it holds
    pd.testing.assert_frame_equal(stored.drop(columns=who), typed.drop(columns=who))


def test_template_may_not_overwrite_a_register_project(env: Path, tmp_path: Path) -> None:
    text = (FIXTURES / "TEST_template.csv").read_text(encoding="utf-8").replace("TESTL001", "A32278")
    result = projects_import.import_file(EDITOR_USER, text.encode("utf-8"), "pohja.csv")
    assert not result.ok and result.collisions == ["A32278"] and projects.store().projects.empty


def test_viewer_cannot_import(env: Path) -> None:
    with pytest.raises(PermissionError):
        projects_import.import_file(User("anonymous", VIEWER, "anonymous"), b"x", "x.csv")
