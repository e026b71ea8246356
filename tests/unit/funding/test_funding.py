"""Funding figures computed by hand from the shipped files, the tracker's derived figures, the traffic
light, and the coordinator's store (audited, role-checked, never touched by the warehouse)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core import store as state
from dashboard.core.auth import VIEWER, User
from dashboard.funding import position, projects, scorecard
from dashboard.funding import store as projects_store
from dashboard.funding import summary as funding
from tests.unit.funding.conftest import EDITOR_USER


def test_eur_per_resident_by_hand_for_one_municipality(store: Path) -> None:
    """Kannonkoski 2007–2013, by hand from the shipped EURA 2007 list (x_focus8_municipality_codes ∋ 216):
    A32278 673 200 + A32249 225 000 + A30567 202 500 + A31328 84 500 + A536385 160 776 = 1 345 976 € granted
    (EU + state); population 2013 (11re) 1 520 → 885,51 €/resident → ÷ 7 programme years = 126,50 €/resident/year."""
    rows = funding.per_resident(("2007-2013",), (), "fi").set_index("area_code")
    row = rows.loc["KU216"]
    assert (row["projects"], row["granted_eur"], row["population"], row["population_year"]) == (
        5,
        1345976,
        1520,
        "2013",
    )
    assert row["eur_per_resident"] == pytest.approx(1345976 / 1520) == pytest.approx(885.51, abs=0.01)
    assert row["eur_per_resident_year"] == pytest.approx(1345976 / 1520 / 7) == pytest.approx(126.50, abs=0.01)


def test_subregion_counts_a_shared_project_once(store: Path) -> None:
    rows = funding.per_resident(("2007-2013",), (), "fi").set_index("area_code")
    frame = projects.catalogue()
    period = frame[frame["programme_period"] == "2007-2013"]
    focus = {"KU216", "KU226", "KU256", "KU265", "KU312", "KU601", "KU729", "KU931"}
    mine = period[period["areas"].map(lambda a: bool(focus & set(a)))]
    sub = rows.loc["SK138"]
    assert sub["projects"] == len(mine) and sub["granted_eur"] == mine["granted"].sum()
    municipal = sum(rows.loc[c, "granted_eur"] for c in focus if pd.notna(rows.loc[c, "granted_eur"]))
    assert municipal > sub["granted_eur"]  # Witas projects count in each of four municipalities
    # the rest of the region: Keski-Suomi 2013 (272 911, sum of its members) minus the sub-region (31 736)
    assert rows.loc["rest", "population"] == 272911 - 31736


def test_elapsed_share_of_the_programme_period() -> None:
    assert position.elapsed_share(date(2021, 1, 1)) == 0.0
    assert position.elapsed_share(date(2024, 7, 2)) == pytest.approx((date(2024, 7, 2) - date(2021, 1, 1)).days / 2556)
    assert position.elapsed_share(date(2028, 1, 1)) == 1.0 and position.elapsed_share(date(2031, 5, 5)) == 1.0
    assert position.elapsed_share(date(2019, 5, 5)) == 0.0


def test_stated_levels_and_allocations_trace_to_facts(store: Path) -> None:
    levels = position.levels()
    assert levels["subregion"]["value"] == 125 and levels["rest"]["value"] == 29
    assert "125 euroon/hlö/vuosi" in levels["subregion"]["value_as_stated"]
    alloc = position.allocations("fi").set_index("fund_group")
    assert alloc["allocation_meur"].to_dict() == {"ERDF": 24.0, "ESF": 19.0, "JTF": 36.0}
    assert alloc["committed_register_meur"].isna().all()  # no 2021–27 register data shipped: empty stays empty
    assert position.total_allocation()["value"] == 79.5
    pos = position.position(date(2026, 1, 1), "fi")
    assert pos["actual"].isna().all() and pos["expected_to_date"].iloc[0] == pytest.approx(125 * 1826 / 2556)


@pytest.mark.parametrize(("value", "target", "earlier", "better", "expected"), [
    (10.0, 8.0, 12.0, False, "yellow"),  # unemployment above target but falling
    (7.0, 8.0, 12.0, False, "green"),
    (10.0, 8.0, 9.0, False, "red"),
    (100.0, 120.0, 90.0, True, "yellow"),
    (None, 8.0, None, True, "grey"),
    (5.0, None, 4.0, True, "grey"),
    (27460.0, 30000.0, 29821.0, None, "red"),  # neutral: target above the earlier value → up wanted
])  # fmt: skip
def test_traffic_light(value, target, earlier, better, expected) -> None:
    assert scorecard.light(value, target, earlier, better) == expected


def test_assignment_and_tags_are_audited_and_shown(store: Path) -> None:
    queue = projects.unassigned_queue(projects.catalogue(), [f"KU{c}" for c in (216, 226, 256, 265, 312, 601, 729, 931)],
                                      "SK138")  # fmt: skip
    pid = queue.index[0]
    projects_store.assign(EDITOR_USER, pid, ["KU729"], False, "toteuttajan kotipaikka")
    projects_store.set_tags(EDITOR_USER, pid, ["yrittajyys"], ["jobs"], "seurataan")
    row = projects.catalogue().loc[pid]
    assert row["areas"] == ["KU729"] and row["basis"] == projects.COORDINATOR and row["spearheads"] == ["yrittajyys"]
    assert projects.links(pid) == ["jobs"] and row["note"] == "seurataan"
    log = state.query("audit_log", {"limit": 10})
    assert log["action"].tolist() == ["update", "create"] and set(log["actor"]) == {"koordinaattori@example.fi"}
    projects_store.assign(EDITOR_USER, pid, [], True)
    assert (
        projects.catalogue().loc[pid, "not_ours"] and pid not in funding.select(funding.Filters(unassigned=True)).index
    )
    with pytest.raises(projects_store.EditError):
        projects_store.assign(EDITOR_USER, pid, [], False)


def test_viewers_cannot_write(store: Path) -> None:
    viewer = User("anonymous", VIEWER, "anonymous")
    with pytest.raises(PermissionError):
        projects_store.add_kpi(viewer, "A32278", "Työpaikat", "kpl", 5, 3, "2014", "loppuraportti")
    with pytest.raises(PermissionError):
        projects_store.set_target(viewer, "unemployment_rate", "SK138", 8, 2027, "strategia")


def test_kpis_targets_allocations(store: Path) -> None:
    projects_store.add_kpi(EDITOR_USER, "A32278", "Uudet työpaikat", "kpl", 10, 4, "2015", "loppuraportti")
    kpis = projects.kpis("A32278")
    assert kpis[["name", "target_value", "achieved_value"]].values.tolist() == [["Uudet työpaikat", 10.0, 4.0]]
    projects_store.set_target(EDITOR_USER, "unemployment_rate", "SK138", 9.0, 2027, "seutustrategia")
    card = scorecard.scorecard("SK138", "fi")["yrittajyys"].set_index("indicator_id")
    assert card.loc["unemployment_rate", "Tavoite"].startswith("9,0")
    with pytest.raises(projects_store.EditError, match="source_required"):
        projects_store.add_allocation(EDITOR_USER, "2021-2027", "JTF", "MK13", "committed", 1e6, "EU", None, " ", "")
    projects_store.add_allocation(EDITOR_USER, "2021-2027", "JTF", "MK13", "committed", 12_000_000, "EU",
                                  date(2025, 6, 30), "https://example.invalid/myr", "MYR-pöytäkirja")  # fmt: skip
    alloc = position.allocations("fi").set_index("fund_group")
    assert alloc.loc["JTF", "committed_coordinator_meur"] == 12.0 and pd.isna(
        alloc.loc["ERDF", "committed_coordinator_meur"]
    )


def test_own_projects_and_template_reimport_update_by_code(store: Path) -> None:
    record = {"project_code": "TESTL001", "name": "TESTIHANKE (ei todellinen)", "fund": "Leader", "fund_group": "EAFRD",
              "programme_period": "2023-2027", "municipality_codes": ["KU226"], "granted": 25000.0,
              "start_date": "2024-01-01", "end_date": "2025-12-31"}  # fmt: skip
    assert projects_store.import_template(EDITOR_USER, [record], "ab" * 32, "pohja.csv") == 1
    assert projects_store.import_template(EDITOR_USER, [record | {"granted": 30000.0}], "cd" * 32, "pohja.csv") == 1
    own = projects.store().projects
    assert own["project_id"].tolist() == ["TESTL001"] and own["granted_eur"].tolist() == [30000.0]
    row = projects.catalogue().loc["TESTL001"]
    assert row["origin"] == projects.COORDINATOR and row["areas"] == ["KU226"] and row["granted"] == 30000.0
    assert "TESTL001" in funding.select(funding.Filters(area="KU226")).index


def test_export_wipe_restore_round_trip_keeps_coordinator_data(store: Path) -> None:
    projects_store.assign(EDITOR_USER, "A32278", ["KU216"], False)
    projects_store.add_kpi(EDITOR_USER, "A32278", "Kävijät", "hlöä", 1000, 800, "2014", "raportti")
    archive = state.export_store()
    store.unlink()
    assert projects.store().kpis.empty and projects.store().assignments.empty
    state.restore_store(archive)
    assert projects.store().kpis["name"].tolist() == ["Kävijät"]
    assert projects.store().assignments["area_codes"].tolist() == ["KU216"]
    assert len(state.query("audit_log", {"limit": 10})) == 2
