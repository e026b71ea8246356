"""`etl build` from the bundled snapshot: published figures, idempotence, crash safety, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl import __main__ as cli
from etl import load
from etl.build import REPO, Paths, build

pytestmark = pytest.mark.integration
DATA_TABLES = ("dim_area", "dim_indicator", "fact_indicator", "fact_population_age", "fact_projection_age",
               "fact_jobs_industry", "fact_commuting_flow", "meta_source", "meta_region")  # fmt: skip


def paths(data_dir: Path) -> Paths:
    return Paths(data_dir=data_dir, snapshot_dir=REPO / "data" / "snapshot", region_file=REPO / "region.toml")


def one(data_dir: Path, sql: str, params: list | None = None):
    con = duckdb.connect(str(load.current_path(data_dir / "warehouse")), read_only=True)
    try:
        return con.execute(sql, params or []).fetchone()[0]
    finally:
        con.close()


def value(data_dir: Path, indicator: str, area: str, period: str) -> float:
    return one(data_dir, "SELECT value FROM fact_indicator WHERE indicator_id=? AND area_code=? AND period=?",
               [indicator, area, period])  # fmt: skip


def test_published_figures_match_provenance(built_data_dir: Path) -> None:
    focus_sum = one(built_data_dir, "SELECT sum(value) FROM fact_indicator f JOIN dim_area a USING (area_code) "
                    "WHERE a.is_focus AND indicator_id='population' AND period='2022'")  # fmt: skip
    assert focus_sum == 27460
    assert value(built_data_dir, "population", "KU729", "2020") == 9208
    assert value(built_data_dir, "population", "KU931", "2020") == 6097
    assert value(built_data_dir, "unemployed_jobseekers", "SK138", "2023-10") == 1266
    assert value(built_data_dir, "unemployed_jobseekers", "KU729", "2019-12") == 636
    assert value(built_data_dir, "jobs", "KU729", "2017") == 2931
    assert value(built_data_dir, "population_projection", "SK138", "2040") == 21496


def test_derived_rows_are_flagged_and_published_are_not(built_data_dir: Path) -> None:
    sql = "SELECT is_derived FROM fact_indicator WHERE indicator_id=? AND area_code=? AND period=?"
    con = duckdb.connect(str(load.current_path(built_data_dir / "warehouse")), read_only=True)
    try:

        def flag(*key: str) -> bool:
            return con.execute(sql, list(key)).fetchone()[0]

        assert flag("population", "SK138", "2022") is True  # sum of the eight: no source publishes it
        assert flag("unemployed_jobseekers", "SK138", "2023-10") is False  # 12r5 publishes SK138
        assert flag("unemployment_rate", "SK138", "2023-10") is True
        assert flag("population", "KU729", "2020") is False
    finally:
        con.close()


@pytest.fixture(scope="module")
def rebuilt(
    built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """A copy of the session warehouse built again by `python -m etl -q build` in a process of its own: the
    second build of test_second_build_changes_nothing and the module run of test_cli_build_runs_as_a_module
    are one build (a build costs seconds). Yields the data dir, the warehouse current before, the process."""
    data_dir = tmp_path_factory.mktemp("rebuilt") / "data"
    shutil.copytree(built_data_dir, data_dir)
    before = load.current_path(data_dir / "warehouse")
    env = {**os.environ, "TILANNEKUVA_DATA_DIR": str(data_dir)}
    proc = subprocess.run([sys.executable, "-m", "etl", "-q", "build"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    return data_dir, before, proc


def test_second_build_changes_nothing(rebuilt: tuple[Path, Path, subprocess.CompletedProcess]) -> None:
    data_dir, before, proc = rebuilt
    assert proc.returncode == 0, proc.stderr
    after = load.current_path(data_dir / "warehouse")
    assert after != before
    for table in DATA_TABLES:
        old = duckdb.connect(str(before), read_only=True).execute(f"SELECT * FROM {table}").df()
        new = duckdb.connect(str(after), read_only=True).execute(f"SELECT * FROM {table}").df()
        pd.testing.assert_frame_equal(old, new, check_dtype=True, obj=table)
    runs = one(data_dir, "SELECT count(*) FROM meta_load_run WHERE status = 'ok'")
    assert runs == 2  # history is carried over into the new warehouse


KILL_SCRIPT = """
import os, signal, sys
from pathlib import Path
from etl import load
from etl.build import Paths, build, REPO
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)  # as if the machine lost power mid-build
load.{target} = die
build(Paths(data_dir=Path(sys.argv[1]), snapshot_dir=REPO / "data" / "snapshot",
            region_file=REPO / "region.toml"), show_progress=False)
"""


@pytest.mark.parametrize("target", ["write_warehouse", "swap"])
def test_build_killed_midway_leaves_old_warehouse_current(data_dir: Path, target: str) -> None:
    warehouse = data_dir / "warehouse"
    before = load.current_path(warehouse)
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT.format(target=target), str(data_dir)],
                          cwd=REPO, capture_output=True, timeout=120)  # fmt: skip
    assert proc.returncode == -9
    assert load.current_path(warehouse) == before
    assert value(data_dir, "population", "KU729", "2020") == 9208


def test_failed_validation_keeps_previous_warehouse(data_dir: Path, tmp_path: Path, capsys) -> None:
    before = load.current_path(data_dir / "warehouse")
    bad_region = tmp_path / "region.toml"
    # Helsinki (091) has no rows in the Keski-Suomi snapshot, so focus coverage must fail.
    bad_region.write_text((REPO / "region.toml").read_text(encoding="utf-8").replace(
        'focus_municipalities = ["216"', 'focus_municipalities = ["091", "216"'), encoding="utf-8")  # fmt: skip
    code = cli.main(["--data-dir", str(data_dir), "--region", str(bad_region), "-q", "build"])
    assert code == cli.EXIT_INVALID
    err = capsys.readouterr().err
    assert "KU091" in err and "previous warehouse is still current" in err
    assert load.current_path(data_dir / "warehouse") == before
    assert load.read_runs(data_dir / "warehouse").iloc[-1]["status"] == "failed"


def test_bad_region_file_is_a_config_error(data_dir: Path, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "region.toml"
    broken.write_text("[region]\nbrand = 'x'\n", encoding="utf-8")
    assert cli.main(["--data-dir", str(data_dir), "--region", str(broken), "-q", "build"]) == cli.EXIT_CONFIG
    assert "missing or invalid key" in capsys.readouterr().err


def test_other_subregion_builds_by_configuration_only(jamsa_warehouse: Path) -> None:
    data_dir = jamsa_warehouse  # tests/conftest.py: built from the snapshot with a Jämsä region.toml only
    assert one(data_dir, "SELECT string_agg(area_code) FROM dim_area WHERE is_focus") == "KU182"
    # SK134 is Jämsä alone in the 2026 division, so its derived total equals Jämsä's own figure.
    assert value(data_dir, "population", "SK134", "2022") == value(data_dir, "population", "KU182", "2022")


def test_live_rows_supersede_the_snapshot(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = pd.DataFrame([{"indicator_id": "population", "area_code": "KU729", "period": "2020", "value": 9209.0,
                          "status": None, "source_table": "11re", "vintage": "2026-03-31"}])  # fmt: skip
    monkeypatch.setattr("etl.build.read_live", lambda raw_dir: {"fact_indicator": live})
    build(paths(data_dir), show_progress=False)
    assert value(data_dir, "population", "KU729", "2020") == 9209
    # …and the derived sub-region total is recomputed from it.
    assert value(data_dir, "population", "SK138", "2020") == 28409 + 1
    assert one(data_dir, "SELECT count(*) FROM meta_source WHERE origin = 'live'") == 1


def test_status_describes_the_warehouse(built_data_dir: Path, capsys) -> None:
    assert cli.main(["--data-dir", str(built_data_dir), "status"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "unemployed_jobseekers" in out and "2023-10" in out and "12r5" in out


def test_status_without_warehouse(tmp_path: Path, capsys) -> None:
    assert cli.main(["--data-dir", str(tmp_path), "status"]) == cli.EXIT_OK
    assert "no warehouse yet" in capsys.readouterr().out


def test_cli_build_runs_as_a_module(rebuilt: tuple[Path, Path, subprocess.CompletedProcess]) -> None:
    data_dir, before, proc = rebuilt
    assert proc.returncode == 0, proc.stderr
    assert "now current" in proc.stdout
    current = data_dir / "warehouse" / "CURRENT"
    assert current.is_file() and current.read_text(encoding="utf-8").strip() != before.name
