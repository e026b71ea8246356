"""Issue 12 point 2: a run pinned to warehouse build A never gets build B's version or figures on Ennakointi.

foresight_data.version() used to memoise the warehouse version process-wide for a second, ignoring the
run's pin: a run pinned to the new build got the old key (and so the old figures), and the reverse.
"""

from __future__ import annotations

import contextvars
import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard.core import memo, warehouse
from dashboard.foresight import data as foresight_data
from dashboard.foresight import model
from dashboard.foresight import scenarios as foresight


def _point(data_dir: Path, name: str) -> None:
    pointer = data_dir / "warehouse" / "CURRENT"
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(name, encoding="utf-8")
    tmp.replace(pointer)  # as the ETL swaps: a new inode


@pytest.fixture
def builds(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, str]:
    """Build A (the session build) and build B (A with every projected person doubled), CURRENT at A."""
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    directory = data_dir / "warehouse"
    a = (directory / "CURRENT").read_text(encoding="utf-8").strip()
    b = "wh-29991231T000000000000Z.duckdb"
    shutil.copy(directory / a, directory / b)
    with duckdb.connect(str(directory / b)) as con:
        con.execute("UPDATE fact_projection_age SET population = 2 * population")
    memo.clear_all()
    yield data_dir, a, b
    memo.clear_all()


def _in_run(func):
    """Run `func` as one script run does: in its own context, with the warehouse pinned first."""

    def run():
        warehouse.pin_run()
        return warehouse.version(), func()

    return contextvars.copy_context().run(run)


def _region_2019() -> float:
    rows = foresight.results(model.Scenario())
    region = rows[(rows["area_code"] == foresight_data.total_code()) & (rows["group"] == "population")]
    return float(region.set_index("year")["value"][2019])


def test_a_run_pinned_to_a_never_gets_b(builds: tuple[Path, str, str]) -> None:
    data_dir, a, b = builds
    context_a = contextvars.copy_context()
    context_a.run(warehouse.pin_run)  # a run that started before the swap

    def in_a():
        return warehouse.version(), memo.data_version()[0], _region_2019(), foresight_data.official().cube.sum()

    version_a, key_a, region_a, cube_a = context_a.run(in_a)
    assert version_a == key_a == a and region_a == 28641

    _point(data_dir, b)  # the ETL swaps in build B within the same second
    version_b, region_b = _in_run(_region_2019)
    assert version_b == b and region_b == 2 * 28641  # a run pinned to B gets B at once, not A's cached key
    assert _in_run(lambda: memo.data_version()[0])[1] == b

    again = context_a.run(in_a)  # the run pinned to A, after B was drawn: still A's key and figures
    assert again == (a, a, 28641, cube_a)
    assert (
        context_a.run(lambda: foresight.outlook_chart("fi", "population", model.Scenario()).alt)
        != (_in_run(lambda: foresight.outlook_chart("fi", "population", model.Scenario()).alt)[1])
    )
