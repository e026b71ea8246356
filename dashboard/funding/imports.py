"""Uploads of project files, through the ETL's command line — dashboard/ never imports etl/.

Why a subprocess: the parser and validator must be the very code the build loads files with, and the
architecture keeps the two packages apart. So the app saves the upload to a temporary file and runs
`python -m etl.sources.eu_cli validate|archive` (JSON on stdout), then `python -m etl build` as a background
job (dashboard.funding.build_job: the request returns at once, the page shows the job's state); it never writes
data/raw or the warehouse itself. Order of an import:

1. validate: any bad row → every bad row is reported and nothing is written, archived or rebuilt;
2. register files (EURA 2021, EURA 2014 list, Kohesio): archive (the CLI validates again) → rebuild queued;
3. template files (the coordinator's own projects): upsert into the app's store, then archive the file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from dashboard.core.auth import User
from dashboard.funding import build_job, projects
from dashboard.funding import store as projects_store

REPO = Path(__file__).resolve().parents[2]
ALLOWED = (".csv", ".xlsx", ".txt")
CLI_TIMEOUT = 300  # s; a Kohesio country file is large (the build itself runs as a background job)
_LOG = logging.getLogger(__name__)


@dataclass
class ImportResult:
    ok: bool
    report: dict  # the CLI's JSON: kind, rows, errors [{row, field, value, reason}], message
    stage: str  # validate | archive | store | queued (the rebuild runs as build_job) | done
    collisions: list[str] = field(default_factory=list)
    job: dict | None = (
        None  # the queued rebuild (dashboard.funding.build_job); its state is read from build_job.status()
    )


def _run(args: list[str], timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=REPO, env=dict(os.environ), capture_output=True, text=True,
                          timeout=timeout)  # fmt: skip


def _cli(command: str, data: bytes, name: str) -> tuple[int, dict]:
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        return 2, {"ok": False, "file": name, "message": f"unsupported file type {suffix or '?'}", "errors": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"  # our own name: the user's file name is only a label
        path.write_bytes(data)
        try:
            done = _run(["-m", "etl.sources.eu_cli", command, str(path), "--name", Path(name).name], CLI_TIMEOUT)
        except subprocess.TimeoutExpired:
            return 2, {"ok": False, "file": name, "message": f"the file check took longer than {CLI_TIMEOUT} s",
                       "errors": []}  # fmt: skip
    try:
        return done.returncode, json.loads(done.stdout)
    except json.JSONDecodeError:  # the CLI crashed: its traceback goes to the server log, not to the page
        _LOG.error("eu_cli %s failed with exit %s:\n%s", command, done.returncode, (done.stderr or done.stdout)[-4000:])
        return 2, {"ok": False, "file": name, "message": f"the file check stopped unexpectedly (exit {done.returncode})",
                   "errors": []}  # fmt: skip


def upload_limit_mb() -> int:
    """The app's upload limit (`server.maxUploadSize` in .streamlit/config.toml), also for callers other
    than st.file_uploader, which enforces it in the browser."""
    return int(st.get_option("server.maxUploadSize"))


def too_large(data: bytes, name: str) -> dict | None:
    """A report refusing a file over the upload limit, before anything is saved or parsed; else None."""
    limit = upload_limit_mb()
    if len(data) <= limit * 1024 * 1024:
        return None
    size = len(data) / 1024 / 1024
    return {"ok": False, "file": name, "reason": "too_large", "size_mb": round(size, 1), "limit_mb": limit,
            "message": f"the file is {size:.1f} MB; the limit is {limit} MB", "errors": [], "error_count": 0}  # fmt: skip


def validate(data: bytes, name: str) -> dict:
    """The CLI's report; writes nothing."""
    return _cli("validate", data, name)[1]


def import_file(user: User, data: bytes, name: str) -> ImportResult:
    """Validate, then archive + rebuild (registers) or store + archive (template). Editors only."""
    if not user.is_editor:
        raise PermissionError("only editors can import files")
    refused = too_large(data, name)
    if refused is not None:
        return ImportResult(False, refused, "validate")
    report = validate(data, name)
    if not report.get("ok"):
        return ImportResult(False, report, "validate")
    if not report["register"]:
        return _import_template(user, data, name, report)
    code, archived = _cli("archive", data, name)
    if code != 0:
        return ImportResult(False, archived, "archive")
    return ImportResult(True, archived, "queued", job=build_job.start())


def _import_template(user: User, data: bytes, name: str, report: dict) -> ImportResult:
    registers = projects.catalogue()
    registers = set(registers.loc[registers["origin"] == "register", "project_id"])
    collisions = [r["project_code"] for r in report["records"] if r["project_code"] in registers]
    if collisions:  # a register project is updated by importing the register, not by the template
        return ImportResult(False, report, "store", collisions=collisions)
    projects_store.import_template(user, report["records"], hashlib.sha256(data).hexdigest(), Path(name).name)
    code, archived = _cli("archive", data, name)
    return ImportResult(code == 0, archived if code == 0 else report, "done" if code == 0 else "archive")


def template_csv() -> bytes:
    done = _run(["-m", "etl.sources.eu_cli", "template"], CLI_TIMEOUT)
    return done.stdout.encode("utf-8-sig")  # with BOM, so Excel opens it as UTF-8
