"""Register uploads end to end: validate → archive → `etl build` → warehouse, through the CLI the app uses
(its entry point main(), in this process)."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl import load
from etl.build import REPO, Paths, build
from etl.sources import eu_cli, eu_inbox
from tests.unit.test_eu_parse import FIXTURES, eura2021_xlsx

pytestmark = pytest.mark.integration
EURA2014 = REPO / "data/snapshot/eu_funding/fi_structural_funds_2014_2020_projektilista_2016snapshot_keski_suomi.csv.gz"


def cli(data_dir: Path, *args: str) -> tuple[int, dict]:
    """`python -m etl.sources.eu_cli --data-dir data_dir …`: its main() in this process (a process costs about
    0.8 s); the app's runs of it as a process of its own are tested in test_eu_app_import.py."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = eu_cli.main(["--data-dir", str(data_dir), *args])
    return code, json.loads(out.getvalue())


def rebuild(data_dir: Path) -> None:
    build(Paths(data_dir, REPO / "data" / "snapshot", REPO / "region.toml"), show_progress=False)


def frame(data_dir: Path, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(load.current_path(data_dir / "warehouse")), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def projects(data_dir: Path) -> pd.DataFrame:
    return frame(data_dir, "SELECT * EXCLUDE (source_id) FROM fact_eu_project ORDER BY project_id")


def test_real_eura2014_list_reimport_is_idempotent(data_dir: Path, tmp_path: Path) -> None:
    before = projects(data_dir)
    upload = tmp_path / "projektilista_2014.csv"
    upload.write_bytes(gzip.decompress(EURA2014.read_bytes()))
    code, report = cli(data_dir, "archive", str(upload))
    assert code == 0 and report["kind"] == "eura2014" and report["rows"] == 527
    rebuild(data_dir)
    once = projects(data_dir)
    pd.testing.assert_frame_equal(before, once)  # same content: the upload replaced each row by its code
    assert cli(data_dir, "archive", str(upload))[1]["archived"]["already_archived"] is True
    rebuild(data_dir)
    pd.testing.assert_frame_equal(once, projects(data_dir))
    imports = frame(data_dir, "SELECT kind, rows_loaded FROM meta_eu_import ORDER BY import_no")
    assert imports.values.tolist() == [["eura2014", 527], ["eura2014", 527]]


@pytest.fixture(scope="module")
def uploads_built(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session warehouse rebuilt once after three uploads through the CLI, for the two tests
    that only read the result (a build costs seconds): a one-row correction of the shipped EURA 2014 list
    (A70308's realised amount), the EURA 2021 Excel export and the Kohesio file of the test fixtures."""
    data_dir = tmp_path_factory.mktemp("uploads") / "data"
    shutil.copytree(built_data_dir, data_dir)
    text = gzip.decompress(EURA2014.read_bytes()).decode("utf-8")
    header, first = text.splitlines()[:2]
    assert first.startswith("A70308,") and ",118630,69862," in first
    changed = data_dir.parent / "korjattu.csv"
    changed.write_text(header + "\n" + first.replace(",118630,69862,", ",118630,118000,") + "\n", encoding="utf-8")
    assert cli(data_dir, "archive", str(changed))[0] == 0
    assert cli(data_dir, "archive", str(eura2021_xlsx(data_dir.parent / "eura2021.xlsx")))[0] == 0
    assert cli(data_dir, "archive", str(FIXTURES / "TEST_kohesio_fi.csv"))[0] == 0
    rebuild(data_dir)
    return data_dir


def test_reimport_updates_by_project_code(uploads_built: Path) -> None:
    row = frame(uploads_built, "SELECT realised_eu_state, granted_eu_state, count(*) OVER () AS n FROM "
                               "fact_eu_project WHERE project_id = 'A70308'")  # fmt: skip
    assert row.iloc[0].tolist() == [118000.0, 118630.0, 1]
    # the shipped registers' 3605 projects, not one more: the uploaded test projects of the other files aside
    shipped = "project_id NOT LIKE 'TEST%' AND project_id NOT LIKE 'kohesio:%'"
    assert frame(uploads_built, f"SELECT count(*) AS n FROM fact_eu_project WHERE {shipped}")["n"][0] == 3605


def test_eura2021_excel_and_kohesio_load(uploads_built: Path) -> None:
    data_dir = uploads_built
    rows = frame(data_dir, "SELECT project_id, register, fund_group, granted_eu_state, eu_contribution FROM "
                           "fact_eu_project WHERE project_id LIKE 'TEST%' OR project_id LIKE 'kohesio:%' "
                           "ORDER BY project_id")  # fmt: skip
    assert rows["project_id"].tolist() == ["TEST2101", "TEST2102", "TEST2103", "kohesio:Q900001", "kohesio:Q900002"]
    assert rows.set_index("project_id").loc["TEST2101", "granted_eu_state"] == 200000  # K3 is outside the region
    areas = frame(data_dir, "SELECT project_id, area_code, basis FROM fact_eu_project_area "
                            "WHERE project_id IN ('TEST2102', 'kohesio:Q900001') ORDER BY 1, 2")  # fmt: skip
    assert areas.values.tolist() == [["TEST2102", "KU601", "register_location"],
                                     ["TEST2102", "KU931", "register_location"],
                                     ["kohesio:Q900001", "KU216", "kohesio_lau"]]  # fmt: skip


def test_file_with_one_bad_row_writes_nothing(data_dir: Path) -> None:
    warehouse = (data_dir / "warehouse" / "CURRENT").read_text()
    code, report = cli(data_dir, "archive", str(FIXTURES / "TEST_eura2014_bad_rows.csv"))
    assert code == 1 and report["ok"] is False and "archived" not in report
    assert [(e["row"], e["reason"]) for e in report["errors"]] == [
        (3, "missing_code"),
        (4, "unparseable_amount"),
        (5, "end_before_start"),
    ]
    assert not (data_dir / "raw" / "eu_funds").exists()
    assert (data_dir / "warehouse" / "CURRENT").read_text() == warehouse


def test_unknown_format_is_reported(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    code, report = cli(data_dir, "validate", str(tmp_path / "x.csv"))
    assert code == 2 and "unknown format" in report["message"]


def test_shipped_figures_in_the_warehouse(built_data_dir: Path) -> None:
    """Spot checks against the shipped files (PROVENANCE.md: 75 focus matches 2007–13, 6 in 2014–20)."""
    matched = frame(built_data_dir, "SELECT count(DISTINCT project_id) AS n FROM fact_eu_project_area a JOIN "
                                    "fact_eu_project p USING (project_id) WHERE p.register LIKE 'eura%'")  # fmt: skip
    assert matched["n"][0] == 75 + 6
    facts = frame(built_data_dir, "SELECT fact_id, value, unit FROM fact_eu_fact WHERE fact_id IN ('F01','F06','F18')"
                                  " ORDER BY 1").values.tolist()  # fmt: skip
    assert facts[0] == ["F01", 79.5, "M€"] and facts[1] == ["F06", 125.0, "€/person/year"]
    assert facts[2][0] == "F18" and pd.isna(facts[2][1])  # '1.9 / 0.3' is not one number: kept as text only
    web = frame(built_data_dir, "SELECT granted_eu_state, funding_as_stated FROM fact_eu_project "
                                "WHERE name = 'Finnish Future Farm'")  # fmt: skip
    assert pd.isna(web["granted_eu_state"][0]) and "3,5 miljoonan euron" in web["funding_as_stated"][0]


def test_files_dropped_into_the_inbox_are_taken_in_by_the_build(data_dir: Path) -> None:
    inbox = data_dir / "raw" / "eu_funds" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "kohesio.csv").write_bytes((FIXTURES / "TEST_kohesio_fi.csv").read_bytes())
    (inbox / "bad.csv").write_bytes((FIXTURES / "TEST_eura2014_bad_rows.csv").read_bytes())
    current = (data_dir / "warehouse" / "CURRENT").read_text()
    with pytest.raises(eu_inbox.InboxRefused, match=r"bad\.csv"):
        rebuild(data_dir)
    # The bad file is moved aside with every bad row listed beside it; nothing was swapped, and the good
    # file waits in the inbox, not archived, because it was not loaded.
    assert (data_dir / "warehouse" / "CURRENT").read_text() == current
    assert not (inbox / "bad.csv").exists() and (inbox / "refused" / "bad.csv").exists()
    report = (inbox / "refused" / "bad.csv.errors.txt").read_text(encoding="utf-8")
    assert "row 3" in report and "unparseable_amount" in report and "end_before_start" in report
    assert (inbox / "kohesio.csv").exists() and not (data_dir / "raw" / "eu_funds" / "manifest.jsonl").exists()
    rebuild(data_dir)  # the next build goes on
    loaded = frame(data_dir, "SELECT project_id FROM fact_eu_project WHERE project_id LIKE 'kohesio:%' ORDER BY 1")
    assert loaded["project_id"].tolist() == ["kohesio:Q900001", "kohesio:Q900002"]
    assert not (inbox / "kohesio.csv").exists()  # archived as-is once loaded, with its manifest line
    manifest = (data_dir / "raw" / "eu_funds" / "manifest.jsonl").read_text(encoding="utf-8")
    assert '"original_name": "kohesio.csv"' in manifest and '"via": "inbox"' in manifest
    assert frame(data_dir, "SELECT count(*) AS n FROM fact_eu_project WHERE project_id LIKE 'TEST14%'")["n"][0] == 0
