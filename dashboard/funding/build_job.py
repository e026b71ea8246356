"""The editor's rebuild as a background job: `python -m etl build` in a process of its own, off the request.

`start()` writes `data/build_job.json` as *queued* and launches a small detached runner (this module's
`__main__`), which records *running*, runs the build as a subprocess (dashboard/ never imports etl/) and
then *done* or *failed* with the build's last line. The page only reads the file, so a server restart or
a closed browser tab neither stops the build nor loses its outcome. A newer job replaces the file; an
older runner that finishes later writes nothing over it (each job has its id). Two builds never run at
once: the ETL's own build lock makes the later one wait (`--wait`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STATUS_NAME = "build_job.json"
BUILD_WAIT = 900  # s a job's build waits for another build (a scheduled one) before giving up
STATES = ("queued", "running", "done", "failed")
_RUNNERS: list[subprocess.Popen] = []  # reaped on each status() read, so no finished runner lingers as a zombie


def status_path() -> Path:
    return Path(os.environ.get("TILANNEKUVA_DATA_DIR", REPO / "data")) / STATUS_NAME


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write(path: Path, status: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)  # readers see the old state or the new one, never half of it


def _alive(pid: object) -> bool:
    try:
        os.kill(int(pid), 0)
    except (TypeError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def status() -> dict | None:
    """The latest job: {id, state, queued_at, finished_at?, message?}; None when no job has run."""
    _RUNNERS[:] = [runner for runner in _RUNNERS if runner.poll() is None]
    path = status_path()
    try:
        job = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    pid = job.get("runner_pid")
    if job.get("state") in ("queued", "running") and pid is not None and not _alive(pid):
        job |= {"state": "failed", "message": "the build job stopped before it finished (server restart?)"}
    return job


def start() -> dict:
    """Queue a rebuild and return at once; the runner process does the rest."""
    job = {"id": uuid.uuid4().hex[:12], "state": "queued", "queued_at": _now(), "runner_pid": None}
    path = status_path()
    _write(path, job)
    runner = subprocess.Popen([sys.executable, "-m", "dashboard.funding.build_job", str(path), job["id"]], cwd=REPO,
                              env=dict(os.environ), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    _RUNNERS.append(runner)
    job["runner_pid"] = runner.pid
    _update(path, job["id"], runner_pid=runner.pid)
    return job


def _update(path: Path, job_id: str, **fields: object) -> None:
    """Change the job's fields, unless a newer job has replaced the file meanwhile."""
    try:
        job = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return
    if job.get("id") == job_id:
        _write(path, job | fields)


def run(path: Path, job_id: str) -> int:
    """The runner: the build, then its outcome into the status file."""
    _update(path, job_id, state="running", runner_pid=os.getpid(), started_at=_now())
    done = subprocess.run([sys.executable, "-m", "etl", "-q", "build", "--wait", str(BUILD_WAIT)], cwd=REPO,
                          env=dict(os.environ), capture_output=True, text=True)  # fmt: skip
    output = (done.stderr.strip() or done.stdout.strip()).splitlines() if done.returncode else []
    last = output[-1] if output else ""
    _update(path, job_id, state="done" if done.returncode == 0 else "failed", finished_at=_now(),
            exit_code=done.returncode, message=last[:1000], output=(done.stdout + done.stderr)[-4000:])  # fmt: skip
    return done.returncode


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), sys.argv[2]))
