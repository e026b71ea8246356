"""The live path end to end: `etl fetch` against a fake PxWeb server on 127.0.0.1, then `etl build`.

The server answers with the real 11re metadata fixture and a synthetic (made-up, clearly labelled)
json-stat2 response; everything is written to a tmp data dir, never to data/snapshot.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest

from etl import __main__ as cli
from etl import load

pytestmark = pytest.mark.integration
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
METADATA = (FIXTURES / "fixture_pxweb_v1_statfin_11re_2026codes_metadata.json").read_bytes()
RESPONSE = (FIXTURES / "pxweb" / "synthetic_11re_2026codes_jsonstat2_response.json").read_bytes()


class FakePxWeb(BaseHTTPRequestHandler):
    """Just enough of PxWeb API v1: ?config, GET metadata, POST query; 404 for unknown tables."""

    requests: ClassVar[list[tuple[str, str, str]]] = []

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.requests.append(("GET", self.path, self.headers.get("User-Agent", "")))
        if self.path.endswith("?config"):
            self._send(200, json.dumps({"maxValues": 100000, "maxCalls": 1000, "timeWindow": 10}).encode())
        elif self.path.endswith("/StatFin/11re.px"):
            self._send(200, METADATA)
        else:
            self._send(404, b'{"error": "no such table"}')

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        self.requests.append(("POST", self.path, body))
        self._send(200, RESPONSE) if self.path.endswith("/StatFin/11re.px") else self._send(404, b"{}")

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def pxweb() -> Iterator[str]:
    FakePxWeb.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePxWeb)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/PxWeb/api/v1"
    server.shutdown()


def test_fetch_archives_and_build_prefers_live(data_dir: Path, pxweb: str) -> None:
    code = cli.main(["--data-dir", str(data_dir), "-q", "fetch", "--tables", "11re", "--base-url", pxweb])
    assert code == cli.EXIT_OK
    manifest = [json.loads(line) for line in (data_dir / "raw" / "statfin" / "manifest.jsonl").read_text().splitlines()]
    assert {m["kind"] for m in manifest} == {"metadata", "data"}
    for entry in manifest:
        archived = data_dir / "raw" / "statfin" / "11re" / f"{entry['sha256']}.json"
        assert archived.is_file() and entry["url"].startswith(pxweb) and entry["fetched_at"]
    post = next(r for r in FakePxWeb.requests if r[0] == "POST")
    query = json.loads(post[2])
    assert query["response"]["format"] == "json-stat2"
    assert {q["code"] for q in query["query"]} >= {"alue_23_20260101", "timeperiod_y", "contentscode"}
    assert all("sydansuomen-tilannekuva" in r[2] for r in FakePxWeb.requests if r[0] == "GET")

    assert cli.main(["--data-dir", str(data_dir), "-q", "build"]) == cli.EXIT_OK
    con = duckdb.connect(str(load.current_path(data_dir / "warehouse")), read_only=True)
    live = con.execute("SELECT period, value, source_table, vintage, is_preliminary FROM fact_indicator "
                       "WHERE indicator_id = 'population' AND area_code = 'KU729' AND period IN ('2023', '2024') "
                       "ORDER BY period").fetchall()  # fmt: skip
    assert [row[0] for row in live] == ["2023", "2024"]
    assert all(row[2] == "11re" and row[3].startswith("2025-03-28") for row in live)
    assert not any(row[4] for row in live)  # the (synthetic) final 2024 replaces the snapshot's preliminary 11lj
    # the snapshot still serves the years the live response does not cover
    assert con.execute("SELECT value FROM fact_indicator WHERE indicator_id='population' AND area_code='KU729' "
                       "AND period='2020'").fetchone()[0] == 9208  # fmt: skip
    assert con.execute("SELECT count(*) FROM meta_source WHERE origin='live'").fetchone()[0] >= 1


def test_fetch_failure_is_reported_and_changes_nothing(data_dir: Path, pxweb: str, capsys) -> None:
    before = load.current_path(data_dir / "warehouse")
    code = cli.main(["--data-dir", str(data_dir), "-q", "fetch", "--tables", "12r5", "--base-url", pxweb])
    assert code == cli.EXIT_SOURCE
    assert "not fetched: 12r5" in capsys.readouterr().err
    assert load.current_path(data_dir / "warehouse") == before


def test_unknown_table_is_a_usage_error(data_dir: Path, capsys) -> None:
    assert cli.main(["--data-dir", str(data_dir), "fetch", "--tables", "99zz"]) == cli.EXIT_CONFIG
    assert "unknown table(s): 99zz" in capsys.readouterr().err
