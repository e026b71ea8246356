"""The what-changed rules with numbers worked out by hand: the unusual-move z, the rolling mean of small
municipalities, the periods a release added, builds and project events after a baseline."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.changes import rules

# Changes of the past eight years: -50 -60 -40 -55 -45 -50 -65 -35 → median -50; absolute deviations
# 0 10 10 5 5 0 15 15 → MAD 7.5. Newest change -400: z = (-400 + 50) / (1.4826 × 7.5) = -31.476…
PAST = [-50, -60, -40, -55, -45, -50, -65, -35]


def levels(start: float, changes: list[float]) -> list[float]:
    out = [start]
    for change in changes:
        out.append(out[-1] + change)
    return out


def test_robust_move_by_hand() -> None:
    values = levels(9000, [*PAST, -400])
    move = rules.robust_move([str(y) for y in range(2016, 2026)], values)
    assert move["period"] == "2025" and move["change"] == -400
    assert move["median"] == -50 and move["mad"] == 7.5
    assert move["z"] == pytest.approx(-350 / (1.4826 * 7.5))
    assert move["z"] == pytest.approx(-31.476, abs=1e-3)


def test_no_move_without_enough_history_or_spread_or_a_year_earlier_figure() -> None:
    assert rules.robust_move(["2021", "2022", "2023"], [1, 2, 10]) is None  # 1 earlier change < MIN_PAST
    assert rules.robust_move([str(y) for y in range(2010, 2020)], list(range(10))) is None  # MAD 0
    periods = [*(str(y) for y in range(2010, 2020)), "2022"]  # the newest year has no year-earlier figure
    assert rules.robust_move(periods, [*levels(100, [1, 3, 2, 4, 1, 3, 2, 5, 1]), 500]) is None


def test_monthly_series_compare_the_same_month_a_year_earlier() -> None:
    periods = [f"{y}-{m:02d}" for y in range(2019, 2025) for m in range(1, 13)]
    values = [100 + 10 * (i % 12) + (i // 12) * (1 + (i % 3)) for i in range(len(periods))]
    values[-1] += 300
    move = rules.robust_move(periods, values)
    assert move["period"] == "2024-12"
    assert move["change"] == values[-1] - values[-13]


def facts(area: str, values: list[float], vintage: str, unit: str = "persons") -> pd.DataFrame:
    years = [str(2016 + i) for i in range(len(values))]
    return pd.DataFrame({"indicator_id": "population", "area_code": area, "period": years, "value": values,
                         "vintage": vintage, "is_preliminary": False, "unit": unit})  # fmt: skip


def test_unusual_moves_only_after_the_baseline_ranked_and_small_areas_smoothed() -> None:
    big = facts("KU729", levels(9000, [*PAST, -400]), "2026-10-01")
    old = facts("KU931", levels(6000, [*PAST, -400]), "2026-04-01")  # released before the baseline
    small = facts("KU265", levels(1500, [*PAST, -200]), "2026-10-01")  # under 2 000 residents
    found = rules.unusual_moves(pd.concat([small, big, old]), {"KU265"}, {"persons"}, date(2026, 9, 15))
    assert sorted(found["area_code"]) == ["KU265", "KU729"]  # KU931's newest figure is not new
    assert found["z"].abs().is_monotonic_decreasing  # ranked by how unusual
    smoothed = found.set_index("area_code").loc["KU265"]
    means = pd.Series(levels(1500, [*PAST, -200])).rolling(3).mean()
    assert bool(smoothed["smoothed"]) and smoothed["change"] == pytest.approx(means.iloc[-1] - means.iloc[-2])
    # the change of a 3-year mean is the mean of the last three yearly changes: (-65 - 35 - 200) / 3
    assert smoothed["change"] == pytest.approx(-100)
    assert bool(found["is_derived"].all())


def test_periods_a_release_added() -> None:
    sources = pd.DataFrame([
        {"source_id": "a", "source_table": "11re", "newest_period": "2023", "oldest_period": "1972",
         "publisher_updated": pd.Timestamp("2024-04-26"), "statistic": "Väestörakenne"},
        {"source_id": "b", "source_table": "11re", "newest_period": "2025", "oldest_period": "2025",
         "publisher_updated": pd.Timestamp("2026-04-01"), "statistic": "Väestörakenne"},
        {"source_id": "c", "source_table": "12r5", "newest_period": "2026-06", "oldest_period": "2026-01",
         "publisher_updated": pd.Timestamp("2026-07-21"), "statistic": "Työnvälitystilasto"},
        {"source_id": "d", "source_table": "12r5", "newest_period": "2026-03", "oldest_period": "2007-01",
         "publisher_updated": None, "statistic": "Työnvälitystilasto"},
        {"source_id": "live_11ra", "source_table": "11ra", "newest_period": "2025", "oldest_period": "2020",
         "publisher_updated": None, "statistic": "StatFin 11ra"},
    ])  # fmt: skip
    found = rules.releases_since(sources, date(2026, 3, 1), {"11ra": date(2026, 5, 2)}).set_index("source_id")
    assert list(found.index) == ["c", "live_11ra", "b"]  # newest release first; a and d are older / undated
    assert found.loc["b", "periods_added"] == "2025"
    assert found.loc["c", "periods_added"] == "2026-04–2026-06"  # after d's newest month
    assert found.loc["live_11ra", "released"] == date(2026, 5, 2)  # fetched that day (raw archive)
    assert rules.releases_since(sources, date(2026, 8, 1)).empty


def test_builds_and_project_events_after_the_baseline() -> None:
    runs = pd.DataFrame({"run_id": ["1", "2", "3"], "status": ["ok", "failed", "ok"],
                         "started_at": pd.to_datetime(["2026-09-01", "2026-10-01", "2026-10-02"])})  # fmt: skip
    assert rules.runs_since(runs, date(2026, 9, 15), date(2026, 11, 1))["run_id"].tolist() == ["3"]
    projects = pd.DataFrame({
        "project_id": ["p1", "p2", "p3"], "name": ["Yksi", "Kaksi", "Kolme"], "origin": "register",
        "start_date": [None, "2026-10-01", "2020-01-01"], "end_date": ["2026-10-15", "2027-12-31", "2026-09-01"],
        "granted": [1.0, None, 2.0], "source_id": ["x", "upload:abcdefabcdef", "y"],
    })  # fmt: skip
    kpis = pd.DataFrame({"project_id": ["p3"], "achieved_value": [5.0], "updated_at": [pd.Timestamp("2026-10-20")]})
    imports = pd.DataFrame({"sha256": ["abcdefabcdef00"], "archived_at": [pd.Timestamp("2026-09-20")]})
    events = rules.project_events(projects, kpis, imports, date(2026, 9, 15), date(2026, 11, 1))
    assert set(map(tuple, events[["project_id", "event"]].values)) == {("p1", "ended"), ("p2", "started"),
                                                                        ("p3", "kpi")}  # fmt: skip
    # p2's import is new but states no granted amount: no funding decision; p3 ended before the baseline
