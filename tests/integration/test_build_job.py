"""The editor's rebuild as a background job (dashboard/build_job.py): it returns at once, records queued →
running → done/failed in data/build_job.json, and a failure carries the build's own last line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.funding import build_job

pytestmark = pytest.mark.integration


def finished(job: dict, timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = build_job.status()
        if status and status["id"] == job["id"] and status["state"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    pytest.fail(f"the build job did not finish in {timeout} s: {build_job.status()}")


def test_failed_build_job_reports_the_builds_message(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    broken = tmp_path / "region.toml"
    broken.write_text("[region]\nbrand = 'x'\n", encoding="utf-8")
    monkeypatch.setenv("TILANNEKUVA_REGION", str(broken))
    current = (data_dir / "warehouse" / "CURRENT").read_text()
    started = time.monotonic()
    job = build_job.start()
    assert time.monotonic() - started < 10 and build_job.status()["state"] in ("queued", "running", "failed")
    status = finished(job)
    assert status["state"] == "failed" and status["exit_code"] == 2, status
    assert status["message"].startswith("error: ") and "region.toml" in status["message"]
    assert "the previous warehouse is still current" in status["message"]
    assert (data_dir / "warehouse" / "CURRENT").read_text() == current


def test_a_runner_that_died_is_reported_failed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / build_job.STATUS_NAME).write_text(json.dumps({"id": "x", "state": "running", "runner_pid": dead.pid}))
    status = build_job.status()
    assert status["state"] == "failed" and "stopped before it finished" in status["message"]


@pytest.mark.parametrize(("state", "shown"), [("running", "rakennetaan uudelleen taustalla"),
                                              ("queued", "on jonossa")])  # fmt: skip
def test_editor_page_shows_a_job_under_way(data_dir: Path, tmp_path: Path, monkeypatch, state: str,
                                           shown: str) -> None:  # fmt: skip
    from streamlit.testing.v1 import AppTest

    from tests.app.funding.conftest import as_user

    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))
    job = {"id": "j1", "state": state, "queued_at": "2026-12-02T10:00:00+00:00", "runner_pid": os.getpid()}
    (data_dir / build_job.STATUS_NAME).write_text(json.dumps(job), encoding="utf-8")
    app = as_user(AppTest.from_file("../../app.py", default_timeout=60), "koordinaattori@example.fi").run()
    app.switch_page("pages/hankkeiden_yllapito.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert any(shown in info.value for info in app.info), [i.value for i in app.info]
