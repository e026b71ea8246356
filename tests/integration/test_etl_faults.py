"""Faults injected into the ETL (issue 7, item 3), one test each, driven through `python -m etl` in-process.

Every fault must end with a clear message on stderr that names what failed and what to do, the documented
non-zero exit code (etl/__main__.py), the previous warehouse still current (same CURRENT, same row counts,
no half-written file left) and the app's own store untouched (same bytes and mtime). The fixtures `previous`
and `store` check the last two after every test, so no test can leave them out.

HTTP faults come from a fake PxWeb on 127.0.0.1 over real sockets: a listener whose accept queue is full
gives a real connect timeout, a handler that answers late a real read timeout. The well-formed answers are
the real 11re metadata fixture and the SYNTHETIC 11re json-stat2 response (tests/fixtures/pxweb/, made-up
numbers); each fault replaces one of them. Retries never sleep: a recording sleep is injected into
PxWebClient, and `--timeout/--retries/--backoff` keep the real waits to fractions of a second.
"""

from __future__ import annotations

import copy
import errno
import json
import os
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest

from etl import __main__ as cli
from etl import build as build_mod
from etl import load
from etl import pxweb as pxweb_client

pytestmark = pytest.mark.integration
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
METADATA = json.loads((FIXTURES / "fixture_pxweb_v1_statfin_11re_2026codes_metadata.json").read_bytes())
RESPONSE = json.loads((FIXTURES / "pxweb" / "synthetic_11re_2026codes_jsonstat2_response.json").read_bytes())
CONFIG = {"maxValues": 100000, "maxCalls": 1000, "timeWindow": 10}
FAST = ["--retries", "1", "--backoff", "0"]  # two attempts per request, no backoff
RELEASE = threading.Event()  # lets a deliberately late handler finish when its test is over


# --------------------------------------------------------------------------- fake PxWeb
Answer = Callable[[BaseHTTPRequestHandler], None]


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict | None = None,
         length: int | None = None) -> None:  # fmt: skip
    """Answer with `body`; `length` announces another Content-Length (to cut a body off mid-transfer)."""
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
    except OSError:
        pass  # the client gave up (timeout tests): nothing to answer


def as_json(doc: object) -> Answer:
    return lambda handler: send(handler, 200, json.dumps(doc, ensure_ascii=False).encode("utf-8"))


class FakePxWeb(BaseHTTPRequestHandler):
    """?config, GET metadata and POST data of 11re; a test replaces one answer by a fault."""

    answers: ClassVar[dict[str, Answer]] = {}
    hits: ClassVar[list[str]] = []

    def _answer(self, method: str) -> None:
        if method == "POST":
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
        kind = "config" if self.path.endswith("?config") else "metadata" if method == "GET" else "data"
        self.hits.append(kind)
        if kind != "config" and not self.path.endswith("/StatFin/11re.px"):
            send(self, 404, b'{"error": "no such table"}')
        else:
            self.answers[kind](self)

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def pxweb() -> Iterator[str]:
    RELEASE.clear()
    FakePxWeb.hits = []
    FakePxWeb.answers = {"config": as_json(CONFIG), "metadata": as_json(METADATA), "data": as_json(RESPONSE)}
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePxWeb)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/PxWeb/api/v1"
    RELEASE.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every wait the client asks for (backoff, Retry-After, throttle), recorded instead of slept."""
    recorded: list[float] = []

    class RecordingClient(pxweb_client.PxWebClient):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, sleep=recorded.append, **kwargs)

    monkeypatch.setattr(pxweb_client, "PxWebClient", RecordingClient)  # `etl fetch` imports it at call time
    return recorded


# app store and warehouse: the fixtures `store` and `previous` are in tests/integration/conftest.py


def fetch(data_dir: Path, base_url: str, timeout: float = 10.0) -> int:
    """`etl fetch` of 11re; the timeout is short only where a timeout is the fault (a busy CI runner is slow)."""
    return cli.main(["--data-dir", str(data_dir), "-q", "fetch", "--tables", "11re", "--base-url", base_url,
                     "--timeout", str(timeout), *FAST])  # fmt: skip


def no_data_archived(data_dir: Path) -> bool:
    """True when no data response of 11re reached the archive, so the next build cannot load one."""
    manifest = data_dir / "raw" / "statfin" / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    # build.read_live is exactly what the next `etl build` takes from data/raw
    return (
        not [line for line in lines if json.loads(line)["kind"] == "data"]
        and build_mod.read_live(data_dir / "raw") == {}
    )


def assert_fetch_failed(err: str, *words: str) -> None:
    assert "11re not fetched" in err, err
    for word in words:
        assert word in err, f"{word!r} not in stderr:\n{err}"
    assert "what to do:" in err and "the previous warehouse is still current" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- network faults
@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A port whose accept queue is full: the kernel drops further SYNs, so a connect times out for real."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(8):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    yield port
    for sock in [*fillers, listener]:
        sock.close()


def test_connect_timeout(previous: Path, unanswered_port: int, sleeps: list[float], capsys) -> None:
    base = f"http://127.0.0.1:{unanswered_port}/PxWeb/api/v1"
    assert fetch(previous, base, timeout=0.3) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    assert_fetch_failed(err, f"GET {base}/fi/StatFin/11re.px", "failed after 2 attempts", "ConnectTimeout",
                        "connect timeout=0.3", "--timeout", "run `python -m etl fetch` again")  # fmt: skip
    assert no_data_archived(previous)


def test_read_timeout(previous: Path, pxweb: str, sleeps: list[float], capsys) -> None:
    FakePxWeb.answers["metadata"] = lambda handler: RELEASE.wait(10) or as_json(METADATA)(handler)
    assert fetch(previous, pxweb, timeout=0.5) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    assert_fetch_failed(err, f"GET {pxweb}/fi/StatFin/11re.px", "failed after 2 attempts", "ReadTimeout",
                        "read timeout=0.5", "--timeout")  # fmt: skip
    assert FakePxWeb.hits.count("metadata") == 2 and "data" not in FakePxWeb.hits
    assert no_data_archived(previous)


def test_429_with_retry_after(previous: Path, pxweb: str, sleeps: list[float], capsys) -> None:
    FakePxWeb.answers["data"] = lambda handler: send(handler, 429, b'{"error": "Too Many Requests"}',
                                                     {"Retry-After": "120"})  # fmt: skip
    assert fetch(previous, pxweb) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    assert_fetch_failed(err, f"POST {pxweb}/fi/StatFin/11re.px", "HTTP 429", "Retry-After: 120 s",
                        "wait at least the Retry-After time")  # fmt: skip
    assert sleeps == [120.0]  # the one retry waited what the server asked, not the (zero) backoff
    assert no_data_archived(previous)


@pytest.mark.parametrize(("status", "kind", "method"), [(500, "data", "POST"), (503, "metadata", "GET")])
def test_server_error(previous: Path, pxweb: str, sleeps: list[float], capsys, status: int, kind: str,
                      method: str) -> None:  # fmt: skip
    FakePxWeb.answers[kind] = lambda handler: send(handler, status, b'{"error": "server error"}')
    assert fetch(previous, pxweb) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    assert_fetch_failed(err, f"{method} {pxweb}/fi/StatFin/11re.px", "failed after 2 attempts",
                        f"last error: HTTP {status}", f"the service is failing (HTTP {status}): try again later")  # fmt: skip
    assert FakePxWeb.hits.count(kind) == 2 and sleeps == [0.0]
    assert no_data_archived(previous)


@pytest.mark.parametrize("how", ["cut_json", "dropped_connection"])
def test_truncated_json(previous: Path, pxweb: str, sleeps: list[float], capsys, how: str) -> None:
    body = json.dumps(RESPONSE).encode("utf-8")
    half = body[: len(body) // 2]
    if how == "cut_json":  # a complete HTTP answer whose JSON ends mid-way
        FakePxWeb.answers["data"] = lambda handler: send(handler, 200, half)
        words = ("invalid JSON", "the answer was cut off or is not JSON")
    else:  # Content-Length promises the whole body, the connection closes after half of it
        FakePxWeb.answers["data"] = lambda handler: send(handler, 200, half, length=len(body))
        words = ("ChunkedEncodingError", "IncompleteRead", "timed out or was cut off")
    assert fetch(previous, pxweb) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    assert_fetch_failed(err, f"POST {pxweb}/fi/StatFin/11re.px", "failed after 2 attempts", *words)
    assert FakePxWeb.hits.count("data") == 2
    assert no_data_archived(previous)


# --------------------------------------------------------------------------- tables that no longer fit
def test_missing_dimension(previous: Path, pxweb: str, sleeps: list[float], capsys) -> None:
    meta = copy.deepcopy(METADATA)
    meta["variables"] = [v for v in meta["variables"] if v["code"] != "ikaryhma_10_20180101"]  # no age
    FakePxWeb.answers["metadata"] = as_json(meta)
    assert fetch(previous, pxweb) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    assert_fetch_failed(err, "11re: the metadata has no 'age' dimension", "needed by fact_population_age",
                        "alue_23_20260101 (Alue)", "etl/statfin_tables.toml")  # fmt: skip
    assert "data" not in FakePxWeb.hits  # nothing was queried with a selection that lacks the age
    assert no_data_archived(previous)


def renamed_content() -> tuple[str, dict, dict]:
    """The content code the catalogue maps (vaerak-vaesto) renamed and relabelled in the metadata."""
    meta = copy.deepcopy(METADATA)
    content = next(v for v in meta["variables"] if v["code"] == "contentscode")
    content |= {"values": ["vaerak-vakiluku"], "valueTexts": ["Väkiluku 31.12."]}
    return "metadata", meta, {"words": ["no content value matches the catalogue (codes vaesto", "vaerak-vakiluku"]}


def renamed_area() -> tuple[str, dict, dict]:
    """The data answer names the area dimension by a code (and text) unlike the one queried from metadata."""
    doc = copy.deepcopy(RESPONSE)
    doc["id"] = ["kunta_27" if i == "alue_23_20260101" else i for i in doc["id"]]
    doc["dimension"]["kunta_27"] = doc["dimension"].pop("alue_23_20260101") | {"label": "Kunnat 2027"}
    doc["role"]["geo"] = []
    return "data", doc, {"words": ["11re: no area variable", "kunta_27 (Kunnat 2027)"]}


@pytest.mark.parametrize("renamed", [renamed_content, renamed_area], ids=["content_code", "area_code"])
def test_renamed_variable_code(previous: Path, pxweb: str, sleeps: list[float], capsys, renamed) -> None:
    kind, doc, expect = renamed()
    FakePxWeb.answers[kind] = as_json(doc)
    assert fetch(previous, pxweb) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    assert_fetch_failed(err, *expect["words"], "etl/statfin_tables.toml")
    assert no_data_archived(previous)


def empty_response() -> dict:
    doc = copy.deepcopy(RESPONSE)  # the query matched no year: a dataset with no cells at all
    doc["dimension"]["timeperiod_y"]["category"] = {"index": {}, "label": {}}
    doc["size"][doc["id"].index("timeperiod_y")] = 0
    return doc | {"value": [], "status": {}}


def all_missing_response() -> dict:
    doc = copy.deepcopy(RESPONSE)  # every cell suppressed
    return doc | {"value": [None] * len(doc["value"]), "status": {str(i): ".." for i in range(len(doc["value"]))}}


@pytest.mark.parametrize("make", [empty_response, all_missing_response], ids=["no_cells", "all_missing"])
def test_empty_table(previous: Path, pxweb: str, sleeps: list[float], capsys, make) -> None:
    doc = make()
    FakePxWeb.answers["data"] = as_json(doc)
    assert fetch(previous, pxweb) == cli.EXIT_SOURCE
    err = capsys.readouterr().err
    cells = FakePxWeb.hits.count("data") * len(doc["value"])  # the region's areas take two query chunks
    assert_fetch_failed(err, "11re: the data response holds no values", f"({cells} cell(s), none with a number",
                        "the table is empty")  # fmt: skip
    assert no_data_archived(previous)  # else the next build would load blanks over the snapshot's figures


# --------------------------------------------------------------------------- disk full
class DiskFull:
    """A DuckDB connection to the new warehouse file whose disk fills up at the first fact_indicator insert."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, error: Callable[[str], Exception]) -> None:
        self.con, self.path, self.error = con, path, error

    def execute(self, sql: str, *args):
        if sql.startswith("INSERT INTO fact_indicator"):
            raise self.error(self.path)
        return self.con.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.con, name)


def enospc(path: str) -> Exception:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


def duckdb_disk_full(path: str) -> Exception:  # how DuckDB itself reports a full disk
    return duckdb.IOException(f'IO Error: Could not write file "{path}": No space left on device')


@pytest.fixture(scope="module")
def assemble_once() -> Callable:
    """build.assemble, run for real once and then reused: both variants fail at the write, not before it."""
    cache: dict[str, dict] = {}
    real = build_mod.assemble

    def assemble(paths, run, **kwargs):
        if "tables" not in cache:
            cache["tables"] = real(paths, run, **kwargs)
        return cache["tables"]

    return assemble


@pytest.mark.parametrize("error", [enospc, duckdb_disk_full], ids=["oserror", "duckdb_ioexception"])
def test_disk_full_while_writing_the_new_warehouse(previous: Path, capsys, error, assemble_once) -> None:
    real_connect = duckdb.connect
    written: list[Path] = []

    def connect(database: str = ":memory:", *args, **kwargs):
        con = real_connect(database, *args, **kwargs)
        if str(database).endswith(".duckdb.partial"):
            written.append(Path(database))
            return DiskFull(con, str(database), error)
        return con

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(load.duckdb, "connect", connect)
        mp.setattr(build_mod, "assemble", assemble_once)
        assert cli.main(["--data-dir", str(previous), "-q", "build"]) == cli.EXIT_CONFIG
    err = capsys.readouterr().err
    assert "error: no space left on the disk" in err and "No space left on device" in err, err
    assert written and written[0].name in err  # names the file it could not write
    assert "free some space" in err and "the previous warehouse is still current" in err
    assert "Traceback" not in err and "unexpected" not in err
    assert not written[0].exists() and not written[0].with_name(written[0].name + ".wal").exists()
    last = load.read_runs(previous / "warehouse").iloc[-1]
    assert last["status"] == "failed" and "No space left on device" in last["message"]
