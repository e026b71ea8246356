"""The live path on real 2026 answers: each verbatim PxWeb ``json`` export (data/snapshot/pxweb_json_2026/)
is replayed by a fake PxWeb server on 127.0.0.1 → ``etl fetch --format json`` → archive → ``etl build``.

This proves the table specs of etl/statfin_tables.toml against the post-June-2026 variable and content codes
(``alue_23_20260101``, 14ww's ``alue_23_20250101``, 12r5's ``Alue`` + ``timeperiod_m``, prefixed content
codes like ``vaerak-vaesto``). The POST answers are the exports byte for byte. For 11re the GET answer is
the real 2026 metadata fixture; no real metadata document of the other tables was stored, so theirs is
built from each export's own ``columns`` and data keys (codes only; the json format carries no value
labels) — clearly not a publisher file.
Expected figures are read from the exports and data/snapshot/PROVENANCE.statfin_2023_2026.md.
"""

from __future__ import annotations

import gzip
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
EXPORTS = Path(__file__).resolve().parents[2] / "data" / "snapshot" / "pxweb_json_2026"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REAL_METADATA = {"11re": FIXTURES / "fixture_pxweb_v1_statfin_11re_2026codes_metadata.json"}
TABLES = {  # table → export file
    "11re": "sex_register_kunnat_11re.json.gz",
    "11ra": "age_register_kunnat_11ra.json.gz",
    "121w": "population_register_kunnat_121w.json.gz",
    "12r5": "unemployment_register_kunnat_12r5.json.gz",
    "14ww": "income_register_kunnat_14ww.json.gz",
    "12bs": "education_register_kunnat_12bs.json.gz",
}


def export_bytes(table: str) -> bytes:
    return gzip.decompress((EXPORTS / TABLES[table]).read_bytes())


def metadata_from_export(table: str) -> bytes:
    """A metadata document (GET) describing what the export holds: its d/t columns with the codes its
    data keys use, and its content columns as the values of one content variable."""
    if table in REAL_METADATA:  # the real 2026 metadata of 11re (with its age variable)
        return REAL_METADATA[table].read_bytes()
    doc = json.loads(export_bytes(table))
    keys = [c for c in doc["columns"] if c["type"] in ("d", "t")]
    variables = []
    for position, column in enumerate(keys):
        codes = list(dict.fromkeys(row["key"][position] for row in doc["data"]))
        var = {"code": column["code"], "text": column["text"], "values": codes, "valueTexts": codes}
        if column["type"] == "t":
            var["time"] = True
        variables.append(var)
    contents = [c for c in doc["columns"] if c["type"] == "c"]
    variables.append({"code": "contentscode", "text": "Tiedot", "values": [c["code"] for c in contents],
                      "valueTexts": [c["text"] for c in contents]})  # fmt: skip
    return json.dumps({"title": doc["metadata"][0]["label"], "variables": variables}).encode()


class ReplayPxWeb(BaseHTTPRequestHandler):
    """?config, GET metadata and POST query for the six exported tables (under …/StatFin/<subject>/)."""

    posts: ClassVar[list[tuple[str, dict]]] = []

    def _table(self) -> str | None:
        name = self.path.rsplit("/", 1)[-1].removesuffix(".px")
        return name if name in TABLES else None

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.endswith("?config"):
            self._send(200, json.dumps({"maxValues": 100000, "maxCalls": 1000, "timeWindow": 10}).encode())
        elif self._table():
            self._send(200, metadata_from_export(self._table()))
        else:
            self._send(404, b'{"error": "no such table"}')

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        table = self._table()
        self.posts.append((table or self.path, body))
        self._send(200, export_bytes(table)) if table else self._send(404, b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list]]:
    """fetch (json format) + build against the replay server; yields the data dir and the POSTs seen."""
    ReplayPxWeb.posts = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), ReplayPxWeb)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    data_dir = tmp_path_factory.mktemp("replay")
    base = f"http://127.0.0.1:{server.server_port}/PxWeb/api/v1"
    try:
        code = cli.main(["--data-dir", str(data_dir), "-q", "fetch", "--format", "json", "--base-url", base,
                         "--tables", *TABLES])  # fmt: skip
        assert code == cli.EXIT_OK
        assert cli.main(["--data-dir", str(data_dir), "-q", "build"]) == cli.EXIT_OK
    finally:
        server.shutdown()
    yield data_dir, list(ReplayPxWeb.posts)


def query(data_dir: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(load.current_path(data_dir / "warehouse")), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def live(data_dir: Path, indicator: str, area: str, period: str) -> tuple:
    rows = query(data_dir, "SELECT value, status, source_table, vintage, is_derived, is_preliminary "
                 "FROM fact_indicator WHERE indicator_id = ? AND area_code = ? AND period = ?",
                 [indicator, area, period])  # fmt: skip
    assert len(rows) == 1, (indicator, area, period)
    return rows[0]


def test_queries_ask_for_json_with_the_2026_codes(replayed) -> None:
    _, posts = replayed
    assert {table for table, _ in posts} == set(TABLES)
    for table, body in posts:
        assert body["response"]["format"] == "json"
        codes = {q["code"] for q in body["query"]}
        area = {"12r5": "Alue", "14ww": "alue_23_20250101"}.get(table, "alue_23_20260101")
        time = "timeperiod_m" if table == "12r5" else "timeperiod_y"
        assert {area, time, "contentscode"} <= codes, (table, codes)
    contents = {t: next(q for q in b["query"] if q["code"] == "contentscode")["selection"]["values"] for t, b in posts}
    assert "vaerak-vaesto" in contents["11re"] and "ssaaty-vm01" in contents["121w"]
    assert "tjt-ekvikturaha_med" in contents["14ww"] and "TYOTOSUUS" in contents["12r5"]


def test_every_archived_answer_is_the_export_byte_for_byte(replayed) -> None:
    data_dir, _ = replayed
    manifest = [json.loads(line) for line in (data_dir / "raw" / "statfin" / "manifest.jsonl").read_text().splitlines()]
    data = [m for m in manifest if m["kind"] == "data"]
    assert {m["table"] for m in data} == set(TABLES)
    for entry in data:
        archived = data_dir / "raw" / "statfin" / entry["table"] / f"{entry['sha256']}.json"
        assert archived.read_bytes() == export_bytes(entry["table"])


def test_published_2026_figures_come_from_the_live_answers(replayed) -> None:
    data_dir, _ = replayed
    # 11re: Saarijärvi 31.12.2025 = 8 763 (PROVENANCE: "729 = 8 763"), table updated 2026-04-01
    assert live(data_dir, "population", "KU729", "2025")[:4] == (8763, None, "11re", "2026-04-01")
    # 11ra: the published SK138 row (26 387 = the 8 focus municipalities' sum) and its mean age 52.2
    assert live(data_dir, "population", "SK138", "2025")[0] == 26387
    assert live(data_dir, "mean_age", "SK138", "2025")[:3] == (52.2, None, "11ra")
    assert live(data_dir, "share_under_15", "MK13", "2025")[4] is False  # published, not derived
    # 121w: Saarijärvi 2025 births 38, deaths 134, natural increase −96, net intermunicipal −10
    assert [live(data_dir, i, "KU729", "2025")[0] for i in ("live_births", "deaths", "natural_increase",
                                                             "net_migration")] == [38, 134, -96, -10]  # fmt: skip
    # 12r5 2026-06: Saarijärvi 585 unemployed jobseekers, 16.4 %; SK138 published 1 542 and 14.5 %
    assert live(data_dir, "unemployed_jobseekers", "KU729", "2026-06")[:3] == (585, None, "12r5")
    assert live(data_dir, "unemployment_rate", "SK138", "2026-06")[:2] == (14.5, None)
    # 14ww 2024 (area code alue_23_20250101): Saarijärvi median 27 033 €, low-income rate 18.1 %
    assert live(data_dir, "median_disposable_income", "KU729", "2024")[:3] == (27033, None, "14ww")
    assert live(data_dir, "low_income_rate", "SK138", "2024")[0] == 17.6
    # 12bs 2025: Saarijärvi tertiary 22.6 %, without a post-basic degree 29.1 %
    assert live(data_dir, "share_higher_education", "KU729", "2025")[:3] == (22.6, None, "12bs")
    assert live(data_dir, "share_no_post_basic_education", "KU729", "2025")[0] == 29.1
    sources = {row[0] for row in query(data_dir, "SELECT source_id FROM meta_source WHERE origin = 'live'")}
    assert sources == {f"live_{t}" for t in TABLES}


def test_symbols_stay_symbols(replayed) -> None:
    data_dir, _ = replayed
    # Kinnula's 2026-06 "Uudet avoimet työpaikat" is '...' in the export: no value, status kept, no zero
    value, status, *_ = live(data_dir, "new_vacancies", "KU256", "2026-06")
    assert value is None and status == "..."
