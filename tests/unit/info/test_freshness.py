"""The freshness model against a fixed day: an overdue source is named overdue with its due date, a current
one is not; what the fetch would bring matches what etl fetches; gaps are found inside a span."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from dashboard.core import queries
from dashboard.info import freshness, missing
from etl import __main__ as etl_cli
from etl.build import REPO

DAY = date(2026, 12, 2)


def by_table(day: date) -> dict[str, freshness.SourceFreshness]:
    return {s.source_table: s for s in freshness.sources_on("fi", day)}


def test_overdue_source_is_named_with_its_due_date(app_env) -> None:
    sources = by_table(DAY)
    unemployment = sources["12r5"]  # 6/2026 released 21.7.2026; 7/2026 due three weeks after the month
    assert unemployment.newest_period == "2026-06" and unemployment.publisher_updated == date(2026, 7, 21)
    assert unemployment.next_period == "2026-07" and unemployment.next_release_due == date(2026, 8, 21)
    assert unemployment.overdue and unemployment.days_overdue == 103
    notice = freshness.notice_on("fi", DAY)
    assert "12r5 (Työnvälitystilasto): 7/2026 odotettiin 21.8.2026" in notice
    assert "python -m etl fetch --tables 11lj 12w7 12r5" in notice  # longest overdue first


def test_current_source_is_not_overdue(app_env) -> None:
    sources = by_table(DAY)
    income = sources["14ww"]  # 2024 released 16.12.2025; 2025 due 16.12.2026: not yet on 2.12.2026
    assert not income.overdue and income.days_overdue == 0 and income.next_release_due == date(2026, 12, 16)
    assert freshness.status_text(income, "fi") == "ajan tasalla"
    assert "14ww" not in freshness.notice_on("fi", DAY)
    assert by_table(date(2026, 12, 17))["14ww"].overdue  # a day after the due date it is
    assert not sources["11re"].overdue and sources["11re"].newest_period == "2025"  # the newest file counts


def test_nothing_overdue_before_the_due_dates(app_env) -> None:
    assert freshness.notice_on("fi", date(2025, 3, 1)) is None
    assert not freshness.overdue_on("en", date(2025, 3, 1))


def test_today_is_part_of_the_memo_key(app_env) -> None:
    assert by_table(DAY)["12r5"].overdue
    assert not by_table(date(2026, 8, 1))["12r5"].overdue  # not a cached answer of another day


def test_a_source_without_a_rule_is_never_overdue(app_env) -> None:
    commuting = by_table(DAY)["115p"]
    assert commuting.next_release_due is None and not commuting.overdue
    assert freshness.status_text(commuting, "sv") == "ingen publiceringsrytm registrerad"


def test_preliminary_source_is_marked(app_env) -> None:
    assert by_table(DAY)["11lj"].is_preliminary and not by_table(DAY)["11ra"].is_preliminary


def test_fetched_tables_are_the_etl_ones(app_env) -> None:
    assert set(freshness.FETCHED_TABLES) == set(etl_cli.ALL_TABLES)
    ruled = set(queries.run("info_source_release").dropna(subset=["release_rhythm"])["source_table"])
    assert ruled <= set(freshness.FETCHED_TABLES)  # every table with a rhythm can be fetched


def test_fetch_brings_what_statfin_tables_load() -> None:
    with (REPO / "etl" / "statfin_tables.toml").open("rb") as fh:
        tables = tomllib.load(fh)["tables"]
    for part, brings in missing.FETCH_BRINGS.items():
        loading = {table for table, spec in tables.items() if f"fact_{part}" in spec.get("targets", [])}
        assert set(brings) == loading, part


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (["2017", "2025"], [str(y) for y in range(2018, 2025)]),
        (["2023-09", "2023-10", "2024-01"], ["2023-11", "2023-12"]),
        (["2020", "2021"], []),
        ([], []),
    ],
)
def test_gaps(periods, expected) -> None:
    assert missing.gaps(periods) == expected


def test_dates_are_written_for_each_language() -> None:
    assert freshness.fmt_date(date(2026, 8, 21), "fi") == "21.8.2026"
    assert freshness.fmt_date(date(2026, 8, 21), "en") == "21 Aug 2026"
    assert freshness.fmt_date(None, "sv") == "–"
