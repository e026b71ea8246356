"""Issue 12 point 5: a project whose base year (the year before it starts) has no data — every 2021–27
project once its start passes the data, e.g. the projects of tests/fixtures/eu/TEST_template.csv — gets a
chart without lines and a statement of which years are missing, never a TypeError."""

from __future__ import annotations

from pathlib import Path

from dashboard.funding import impact, impact_views
from dashboard.funding import store as projects_store
from tests.unit.funding.conftest import EDITOR_USER

# the two rows of tests/fixtures/eu/TEST_template.csv, as the template import stores them, every field
# (tests/integration/test_eu_app_import.py checks that the import through the app stores exactly these)
TEMPLATE = [
    {"project_id": "TESTL001", "name": "TESTIHANKE Leader (ei todellinen)", "fund": "Leader / maaseuturahasto",
     "fund_group": "EAFRD", "programme_period": "2023-2027", "implementer": "Testiyhdistys ry",
     "municipality_codes": "KU226", "start_date": "2024-01-01", "end_date": "2025-12-31", "status": "käynnissä",
     "granted_eur": 25000, "summary": "Testitiedosto, ei todellinen hanke.",
     "source_url": "https://example.invalid/testi", "notes": "testi"},
    {"project_id": "TESTL002", "name": "TESTIHANKE kunnan oma (ei todellinen)", "fund": "kunnan rahoitus",
     "fund_group": "municipal", "implementer": "Testikunta", "municipality_codes": "KU256;KU265",
     "start_date": "2023-06-01", "end_date": "2024-05-31", "status": "päättynyt",
     "funding_as_stated": "noin 10 000 euroa (testi)", "summary": "Testitiedosto."},
    # test data, no real project: one that starts after the newest population year (2025)
    {"project_id": "TESTL003", "name": "TESTIHANKE tulevaisuudessa (ei todellinen)", "fund": "kunnan rahoitus",
     "fund_group": "municipal", "municipality_codes": "KU226", "start_date": "2027-01-01",
     "end_date": "2027-12-31"},
]  # fmt: skip


def _store_template() -> None:
    for record in TEMPLATE:
        projects_store.save_project(EDITOR_USER, record)


def test_every_indicator_of_a_project_after_the_data_draws(store: Path) -> None:
    _store_template()
    for project_id in ("TESTL001", "TESTL002"):
        assert project_id in impact.project_choices()
        for indicator in impact.indicator_choices(project_id):
            view = impact_views.development_view("fi", project_id, indicator)  # raised TypeError before
            impact_views.phase_table("fi", project_id, indicator)
            assert view.alt_text


def test_missing_base_and_project_years_are_named(store: Path) -> None:
    _store_template()
    # population (a count, indexed to the year before the project) ends in 2025: 2026 is the base year
    development = impact.development("TESTL003", "population", "fi")
    assert development.missing == (2026, 2027)
    assert development.lines[development.lines["area_code"] != impact.PEERS].empty
    view = impact_views.development_view("fi", "TESTL003", "population")
    assert "2026" in view.alt_text and "2027" in view.alt_text
    notice = impact_views.missing_notice("fi", "TESTL003", "population")
    assert notice is not None and "2026–2027" in notice and "2025" in notice
    # the template's projects of 2023–2025 are inside the data since the 2025 figures arrived
    assert impact.development("TESTL001", "population", "fi").missing == ()
    rate = impact.development("TESTL002", "unemployment_rate", "fi")
    assert rate.missing == () and not rate.lines.empty


def test_a_project_inside_the_data_has_nothing_missing(store: Path) -> None:
    development = impact.development("A32278", "population", "fi")
    assert development.missing == () and development.base == 2011
    assert impact_views.missing_notice("fi", "A32278", "population") is None
