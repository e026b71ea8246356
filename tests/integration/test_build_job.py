"""The editor's rebuild as a background job (dashboard/build_job.py): it returns at once, records queued →
running → done/failed in data/build_job.json, and a failure carries the build's own last line."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard import build_job

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
