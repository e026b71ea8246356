"""The fault matrix of issue 13: damaged inputs, two builds at once, decompression bombs, a full disk, a
closed stdout and doubtful upload files — one test each, driven through `python -m etl` (in-process where
it can be, as a subprocess where the fault needs a process of its own: memory, file-size limit, stdout).

Every refusal must give its documented exit code, a message naming the file (and what to do), leave the
previous warehouse current and whole (fixture `previous`) and the app's own store untouched (fixture
`store`, both in conftest.py). Files made for faults are generated here, in tmp dirs: the bundled
snapshot is only ever copied, never written.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from etl import __main__ as cli
from etl import buildlock, integrity, load
from etl.build import REPO
from etl.sources import eu_cli
from tests.integration.conftest import fingerprint, warehouse_state

pytestmark = pytest.mark.integration
SNAPSHOT = REPO / "data" / "snapshot"
EU_FIXTURES = REPO / "tests" / "fixtures" / "eu"
POPULATION = "population_by_municipality_1972_2018_statfin_11re.csv.gz"
POPULATION_NATIONAL = "population_by_municipality_1972_2023_statfin_11re.csv.gz"  # area_code,area_name,year,…
PROJECTION = "population_projection_2019_by_municipality_age_statfin_128v.csv.gz"
MB = 1024 * 1024


# --------------------------------------------------------------------------------------------- helpers
def build(data_dir: Path, *args: str, snapshot_dir: Path | None = None, wait: str = "0") -> int:
    """`python -m etl build` in this process."""
    snap = ["--snapshot-dir", str(snapshot_dir)] if snapshot_dir else []
    return cli.main(["--data-dir", str(data_dir), *snap, "-q", "build", "--wait", wait, *args])


def build_process(data_dir: Path, *args: str, **kwargs) -> subprocess.Popen:
    """`python -m etl build` as its own process (same store and data dir as the in-process runs)."""
    return subprocess.Popen([sys.executable, "-m", "etl", "--data-dir", str(data_dir), "-q", "build", *args],
                            cwd=REPO, env=dict(os.environ), text=True, **kwargs)  # fmt: skip


@pytest.fixture
def served(data_dir: Path, store: Path) -> Path:
    """For builds that must succeed: afterwards CURRENT names a whole warehouse, no half-written file is
    left, and the store is untouched (`store`)."""
    yield data_dir
    assert warehouse_state(data_dir)[1]["fact_indicator"] > 0
    assert not [p.name for p in (data_dir / "warehouse").iterdir() if ".partial" in p.name or p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def built_together(built_data_dir: Path, store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One build that must succeed over three doubtful inputs at once, for the tests of each that only read
    what it did (a build costs seconds): the stale lock of a dead build with its leftovers, the template in
    the inbox and a UTF-16 file with its byte-order mark in the inbox. The checks `served` makes of a
    single build are made of this one: CURRENT names a whole warehouse, no half-written file is left, the
    app's store (`store_file`) is untouched."""
    data_dir = tmp_path_factory.mktemp("built_together") / "data"
    shutil.copytree(built_data_dir, data_dir)
    warehouse = data_dir / "warehouse"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (warehouse / buildlock.LOCK_NAME).write_text(json.dumps({"pid": dead.pid, "since": "2026-12-01T03:00:00+00:00"}))
    leftovers = [
        warehouse / "wh-20261201T030000000000Z.duckdb.partial",
        warehouse / "wh-20261201T030000000000Z.duckdb.partial.wal",
    ]
    for path in leftovers:
        path.write_bytes(b"\0" * 1024)  # what a killed build leaves
    shutil.copy(EU_FIXTURES / "TEST_template.csv", inbox(data_dir) / "pohja.csv")
    text = (EU_FIXTURES / "TEST_kohesio_fi.csv").read_text(encoding="utf-8")
    (inbox(data_dir) / "kohesio_utf16.csv").write_bytes(text.encode("utf-16"))  # Excel's "Unicode text"
    before, store_before = current_name(data_dir), fingerprint(store_file)
    log = io.StringIO()
    handler = logging.StreamHandler(log)  # caplog is per test: this catches the build's warnings the same way
    logging.getLogger().addHandler(handler)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("TILANNEKUVA_STATE", str(store_file))
            code = build(data_dir)
    finally:
        logging.getLogger().removeHandler(handler)
    assert fingerprint(store_file) == store_before, "the app's own store changed"
    assert warehouse_state(data_dir)[1]["fact_indicator"] > 0
    assert not [p.name for p in warehouse.iterdir() if ".partial" in p.name or p.name.endswith(".tmp")]
    return {"data_dir": data_dir, "code": code, "before": before, "built": current_name(data_dir),
            "dead_pid": dead.pid, "log": log.getvalue(), "leftovers_after": [p.exists() for p in leftovers],
            "lock_after": (warehouse / buildlock.LOCK_NAME).read_text()}  # fmt: skip


@pytest.fixture
def built_once(built_together: dict, store: Path) -> Iterator[dict]:
    """`built_together` as `served` leaves a build: whole afterwards too, the store untouched (`store`)."""
    yield built_together
    data_dir = built_together["data_dir"]
    assert warehouse_state(data_dir)[1]["fact_indicator"] > 0
    assert not [p.name for p in (data_dir / "warehouse").iterdir() if ".partial" in p.name or p.name.endswith(".tmp")]


def first_build(built: dict, sql: str) -> list[tuple]:
    """Rows of the warehouse `built_together` built (a later build of a test may have replaced CURRENT)."""
    con = duckdb.connect(str(built["data_dir"] / "warehouse" / built["built"]), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def current_name(data_dir: Path) -> str:
    return load.current_path(data_dir / "warehouse").name


@pytest.fixture
def snapshot_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled snapshot (with its lock), for faults that damage a file."""
    copy = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, copy)
    return copy


def rewrite_gz(path: Path, edit) -> None:
    """Replace a gzipped CSV by `edit(lines)` of its lines."""
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    path.write_bytes(gzip.compress(("\n".join(edit(lines)) + "\n").encode("utf-8"), mtime=0))


def inbox(data_dir: Path) -> Path:
    folder = data_dir / "raw" / "eu_funds" / "inbox"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def last_line(err: str) -> str:
    return err.strip().splitlines()[-1]


def assert_refused(err: str, *words: str) -> None:
    """One clear final line: names the file and the fix, says the previous warehouse serves, no traceback."""
    line = last_line(err)
    assert line.startswith("error: ") and "the previous warehouse is still current" in line, err
    for word in words:
        assert word in err, f"{word!r} not in stderr:\n{err}"
    assert "Traceback" not in err


def projects(data_dir: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(load.current_path(data_dir / "warehouse")), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# ------------------------------------------------------------------------------- integrity of the snapshot
def test_header_only_snapshot_file_is_refused(previous: Path, snapshot_copy: Path, capsys) -> None:
    rewrite_gz(snapshot_copy / POPULATION, lambda lines: lines[:1])
    assert build(previous, snapshot_dir=snapshot_copy) == cli.EXIT_INVALID
    err = capsys.readouterr().err
    assert_refused(err, POPULATION, "rows 0 ≠ recorded 1128", "first period none ≠ recorded 1972",
                   "python -m etl snapshot")  # fmt: skip


def test_truncated_snapshot_file_is_refused(previous: Path, snapshot_copy: Path, capsys) -> None:
    path = snapshot_copy / PROJECTION
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # a copy that stopped half-way
    assert build(previous, snapshot_dir=snapshot_copy) == cli.EXIT_INVALID
    err = capsys.readouterr().err
    assert_refused(err, PROJECTION, "cannot be read", "cut off", "git checkout -- data/snapshot")


def test_wrong_hash_is_refused_even_with_the_same_rows(previous: Path, snapshot_copy: Path, capsys) -> None:
    # One figure changed: same rows, same coverage, other content — only the hash can tell.
    rewrite_gz(snapshot_copy / POPULATION, lambda lines: [lines[0], lines[1][:-1] + str((int(lines[1][-1]) + 1) % 10),
                                                          *lines[2:]])  # fmt: skip
    lock = integrity.read_lock(snapshot_copy)[POPULATION]
    assert integrity.describe(snapshot_copy / POPULATION).rows == lock.rows
    assert build(previous, snapshot_dir=snapshot_copy) == cli.EXIT_INVALID
    err = capsys.readouterr().err
    assert_refused(err, POPULATION, f"≠ recorded {lock.sha256[:12]}")
    assert "rows" not in err and "period" not in err  # only the hash differs, and the message says so


def test_shrinking_indicator_is_refused_then_accepted(served: Path, snapshot_copy: Path, capsys) -> None:
    """11re cut to 2000– and recorded on purpose (`etl snapshot`): the build still refuses the lost years
    until the operator accepts them, and then the reason is in meta_load_run."""
    rewrite_gz(snapshot_copy / POPULATION, lambda lines: [lines[0], *[ln for ln in lines[1:] if ln >= "2000"]])
    rewrite_gz(snapshot_copy / POPULATION_NATIONAL,  # the national series carries 1972– too: trimmed alike
               lambda lines: [lines[0], *[ln for ln in lines[1:] if ln.split(",")[2] >= "2000"]])  # fmt: skip
    assert cli.main(["--snapshot-dir", str(snapshot_copy), "snapshot"]) == cli.EXIT_OK
    assert "rows 1128 → 456" in capsys.readouterr().out
    before = warehouse_state(served)
    assert build(served, snapshot_dir=snapshot_copy) == cli.EXIT_INVALID
    err = capsys.readouterr().err
    assert_refused(err, "fact_indicator population: loses year(s) 1972–1999", "--accept-shrink")
    assert "fact_indicator working_age_population: loses year(s) 1972–1999" in err
    assert warehouse_state(served) == before
    reason = "11re trimmed to 2000– for the test"
    assert build(served, "--accept-shrink", reason, snapshot_dir=snapshot_copy) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert last_line(out).endswith("now current") and f"shrink accepted ({reason})" in out
    message = projects(served, "SELECT message FROM meta_load_run ORDER BY run_id DESC LIMIT 1")[0][0]
    assert reason in message and "population: loses year(s) 1972–1999" in message
    assert projects(served, "SELECT min(period) FROM fact_indicator WHERE indicator_id = 'population' "
                            "AND area_code = 'KU729'") == [("2000",)]  # fmt: skip


# -------------------------------------------------------------------------------------- one build at a time
def test_two_concurrent_builds_both_succeed_one_after_the_other(served: Path) -> None:
    first = build_process(served, "--wait", "600", stderr=subprocess.PIPE, stdout=subprocess.PIPE)
    deadline = time.monotonic() + 60
    lock = served / "warehouse" / buildlock.LOCK_NAME
    while time.monotonic() < deadline and str(first.pid) not in (lock.read_text() if lock.exists() else ""):
        time.sleep(0.05)  # the second starts once the first holds the lock
    second = build_process(served, "--wait", "600", stderr=subprocess.PIPE, stdout=subprocess.PIPE)
    outs = [proc.communicate(timeout=600) for proc in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outs
    assert f"another build (pid {first.pid}, since" in outs[1][1] and "waiting up to 600 s" in outs[1][1]
    built = [last_line(out).split()[1].rstrip(":") for out, _ in outs]
    assert built[0] != built[1] and current_name(served) == built[1]
    assert (served / "warehouse" / built[0]).is_file()  # kept for readers still on it


def test_second_build_reports_the_lock_after_its_wait(previous: Path, capsys) -> None:
    with buildlock.hold(previous / "warehouse", 0, say=lambda _: None) as holder:
        started = time.monotonic()
        assert build(previous, wait="0.5") == cli.EXIT_CONFIG
        assert 0.5 <= time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert_refused(err, f"another build (pid {os.getpid()}, since {holder['since']}) is running", "--wait")


def test_stale_lock_of_a_dead_build_is_taken_over(built_once: dict) -> None:
    dead_pid = built_once["dead_pid"]
    assert built_once["code"] == cli.EXIT_OK
    assert (
        f"took over the stale build lock of pid {dead_pid}, since 2026-12-01T03:00:00+00:00 (no longer running)"
        in built_once["log"]
    )
    assert not any(built_once["leftovers_after"])
    assert built_once["lock_after"] == ""  # released cleanly
    assert built_once["built"] != built_once["before"]


# ------------------------------------------------------------------------------------- decompression bombs
def xlsx_bomb(path: Path, mb: int = 210) -> Path:
    """A real .xlsx whose sheet is `mb` MB of XML (blank cells): a small file, a huge sheet."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            row = b"<row><c/><c/><c/><c/><c/><c/><c/><c/></row>" * 20000
            for _ in range(mb * MB // len(row) + 1):
                sheet.write(row)
    return path


def test_zip_bomb_is_refused_before_parsing(previous: Path, tmp_path: Path, capsys) -> None:
    bomb = xlsx_bomb(tmp_path / "vienti.xlsx")
    assert bomb.stat().st_size < 3 * MB
    started = time.monotonic()
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stdout", out)
        code = eu_cli.main(["--data-dir", str(previous), "validate", str(bomb)])
    assert code == eu_cli.EXIT_UNREADABLE and time.monotonic() - started < 20
    message = json.loads(out.getvalue())["message"]
    assert "vienti.xlsx" in message and "unpacks to more than 200 MB" in message and "etl/limits.toml" in message
    # …and dropped into the inbox, the build refuses it the same way and moves it aside.
    shutil.copy(bomb, inbox(previous) / "vienti.xlsx")
    assert build(previous) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    assert_refused(err, "vienti.xlsx", "refused", "inbox/refused", "drop it into the inbox again")
    assert (inbox(previous) / "refused" / "vienti.xlsx").is_file() and not (inbox(previous) / "vienti.xlsx").exists()


def gzip_bomb(path: Path, gib: int = 1) -> Path:
    """A .csv.gz of valid template rows that inflates to `gib` GiB: one gzip member repeated (gzip allows
    members back to back), so making it costs one compression of 1 MiB."""
    header = b"hankekoodi,hankkeen_nimi,kunnat\n"
    rows = b"POMMI1,Pommi,Karstula\n" * (MB // 22)
    member = gzip.compress(rows, compresslevel=9, mtime=0)
    with path.open("wb") as fh:
        fh.write(gzip.compress(header, mtime=0))
        for _ in range(gib * 1024):
            fh.write(member)
    return path


def test_gzip_bomb_in_the_inbox_is_refused_within_1_gb_and_the_next_build_goes_on(previous: Path) -> None:
    bomb = gzip_bomb(inbox(previous) / "pommi.csv.gz")
    assert bomb.stat().st_size < 10 * MB
    proc = build_process(previous, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    timer = threading.Timer(300, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    err = proc.stderr.read()
    assert os.waitstatus_to_exitcode(status) == cli.EXIT_SOURCE, err
    assert usage.ru_maxrss / 1024 < 1024, f"peak memory {usage.ru_maxrss / 1024:.0f} MB"
    assert_refused(err, "pommi.csv.gz", "refused", "unpacks to more than")
    refused = inbox(previous) / "refused"
    assert (refused / "pommi.csv.gz").is_file() and not bomb.exists()
    assert "unpacks to more than" in (refused / "pommi.csv.gz.errors.txt").read_text(encoding="utf-8")
    before = warehouse_state(previous)
    assert build(previous) == cli.EXIT_OK  # the bomb is out of the way
    assert current_name(previous) != before[0].strip()
    (previous / "warehouse" / load.POINTER).write_text(before[0], encoding="utf-8")  # for `previous`: whole, unchanged


# -------------------------------------------------------------------------------------------- environment
def test_disk_full_is_an_environment_error(previous: Path) -> None:
    """A real write fault (no mock): a file-size limit of 4 MB makes DuckDB's first big write fail."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the writer instead of failing it
        resource.setrlimit(resource.RLIMIT_FSIZE, (4 * MB, 4 * MB))

    proc = build_process(previous, stderr=subprocess.PIPE, stdout=subprocess.PIPE, preexec_fn=limit)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == cli.EXIT_CONFIG, err
    assert_refused(err, "could not write the new warehouse", ".duckdb.partial", "File too large", "free some space")
    assert "unexpected" not in err and out == ""


@pytest.mark.parametrize("how", ["closed", "broken_pipe"])
def test_closed_stdout_does_not_change_the_verdict(served: Path, how: str) -> None:
    """stdout closed before the start, or its reader gone: the build still succeeds, exits 0 and says so
    (on stderr), never "the previous warehouse is still current" after it has swapped."""
    args = [sys.executable, "-m", "etl", "--data-dir", str(served), "-q", "build"]
    before = current_name(served)
    if how == "closed":
        proc = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *args], cwd=REPO, capture_output=False,
                              stderr=subprocess.PIPE, text=True, timeout=300)  # fmt: skip
        code, err = proc.returncode, proc.stderr
    else:
        proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        proc.stdout.close()  # the reader is gone before the first line
        err = proc.stderr.read()
        code = proc.wait(timeout=300)
    assert code == cli.EXIT_OK, err
    current = current_name(served)
    assert current != before and last_line(err).startswith(f"built {current}: ")
    assert last_line(err).endswith("now current (stdout could not be written)")
    assert "still current" not in err and "Traceback" not in err and "Exception ignored" not in err


# ------------------------------------------------------------------------------------------------ the inbox
def test_template_in_the_inbox_is_loaded(built_once: dict) -> None:
    data_dir = built_once["data_dir"]
    assert built_once["code"] == cli.EXIT_OK
    rows = first_build(built_once, "SELECT project_id, register, source_id LIKE 'inbox:%' FROM fact_eu_project "
                                   "WHERE project_id LIKE 'TESTL%' ORDER BY 1")  # fmt: skip
    assert rows == [("TESTL001", "coordinator", True), ("TESTL002", "coordinator", True)]
    areas = first_build(built_once, "SELECT project_id, area_code, basis FROM fact_eu_project_area "
                                    "WHERE project_id LIKE 'TESTL%' ORDER BY 1, 2")  # fmt: skip
    assert areas == [("TESTL001", "KU226", "coordinator_template"), ("TESTL002", "KU256", "coordinator_template"),
                     ("TESTL002", "KU265", "coordinator_template")]  # fmt: skip
    assert not (inbox(data_dir) / "pohja.csv").exists()  # archived once loaded, never before
    manifest = (data_dir / "raw" / "eu_funds" / "manifest.jsonl").read_text(encoding="utf-8")
    assert '"kind": "template"' in manifest and '"via": "inbox"' in manifest
    assert build(data_dir) == cli.EXIT_OK  # the next build loads it from the archive: still there
    assert len(projects(data_dir, "SELECT 1 FROM fact_eu_project WHERE project_id LIKE 'TESTL%'")) == 2


def test_utf16_file_is_read_by_its_byte_order_mark(built_once: dict, tmp_path: Path) -> None:
    assert built_once["code"] == cli.EXIT_OK
    assert first_build(built_once, "SELECT project_id, name FROM fact_eu_project WHERE project_id LIKE 'kohesio:%' "
                                   "ORDER BY 1")[0] == ("kohesio:Q900001", "TESTIHANKE K1 (ei todellinen)")  # fmt: skip
    # Without a mark it cannot be told from binary: refused by name, with what to do.
    text = (EU_FIXTURES / "TEST_kohesio_fi.csv").read_text(encoding="utf-8")
    plain = tmp_path / "kohesio.csv"
    plain.write_bytes(text.encode("utf-16-le"))
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stdout", out)
        assert eu_cli.main(["validate", str(plain)]) == eu_cli.EXIT_UNREADABLE
    assert "kohesio.csv looks like UTF-16 text without a byte-order mark; save it as UTF-8" in out.getvalue()


def test_negative_amount_refuses_the_inbox_file(previous: Path, capsys) -> None:
    text = (EU_FIXTURES / "TEST_kohesio_fi.csv").read_text(encoding="utf-8").replace(",150000.0,", ",-150000.0,")
    (inbox(previous) / "kohesio.csv").write_text(text, encoding="utf-8")
    assert build(previous) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    assert_refused(err, "kohesio.csv: row 2 total_budget: negative_amount", "1 problem", "kohesio.csv.errors.txt")
    report = (inbox(previous) / "refused" / "kohesio.csv.errors.txt").read_text(encoding="utf-8")
    assert report == "row 2 total_budget: negative_amount '-150000.0'\n"
