"""The data-version footer: which build a page shows and when it was made, in Finnish time."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dashboard.core import dataversion


def test_build_time_is_finnish_local_time() -> None:
    # 07:30 UTC on 22 Nov is 9.30 in Helsinki (EET, +2); 06:05 UTC on 1 Jul is 9.05 (EEST, +3).
    assert dataversion.build_time("20261122T073014203349Z", "fi") == "22.11.2026 klo 9.30"
    assert dataversion.build_time("20260701T060501000000Z", "sv") == "1.7.2026 kl. 9.05"
    assert dataversion.build_time("20260701T060501000000Z", "en") == "1/7/2026 9:05"
    assert dataversion.build_time("not-a-run-id", "fi") is None


def test_caption_names_this_warehouse_s_own_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "warehouse"
    directory.mkdir()
    con = duckdb.connect(str(directory / "wh-20261122T073014203349Z.duckdb"))
    con.execute("CREATE TABLE meta_load_run (run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, "
                "status VARCHAR, rows BIGINT, message VARCHAR)")  # fmt: skip
    con.execute("""INSERT INTO meta_load_run VALUES
        ('20261121T100000000000Z', '2026-11-21 10:00', '2026-11-21 10:00:03', 'ok', 1, 'older build'),
        ('20261122T070000000000Z', '2026-11-22 07:00', NULL, 'failed', NULL, 'a failed attempt'),
        ('20261122T073014203349Z', '2026-11-22 07:30:14', '2026-11-22 07:30:17', 'ok', NULL, 'current')""")
    con.close()
    (directory / "CURRENT").write_text("wh-20261122T073014203349Z.duckdb\n", encoding="utf-8")
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path))
    assert dataversion.caption("fi") == "Tiedot päivitetty 22.11.2026 klo 9.30 · versio 20261122T073014203349Z"
