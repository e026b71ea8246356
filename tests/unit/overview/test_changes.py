"""Card changes compare like with like and say when the earlier figure is missing or preliminary; the
overview's cards carry their own dates (real figures of the shipped data)."""

from __future__ import annotations

from dashboard.model import changes
from dashboard.overview import headlines

NB = "\u00a0"


def test_missing_earlier_figure_is_said_not_bridged() -> None:
    change = changes.compare(14.5, None, "2025-06", "percent", 1, False, "fi")
    assert change.delta is None and (change.arrow, change.color) == ("off", "gray")
    assert change.note == "vertailuajankohdan 6/2025 tieto puuttuu, joten muutosta ei lasketa"


def test_preliminary_earlier_figure_is_named() -> None:
    change = changes.compare(26387, 26729, "2024", "persons", 0, None, "en", previous_preliminary=True,
                             dated=lambda p: changes.when("population", p, "en"))  # fmt: skip
    assert change.delta == "\u2212342 (\u22121.3%)" and change.note == "vs 31 Dec 2024 (preliminary)"
    final = changes.compare(9529, 9661, "2016", "persons", 0, True, "fi")
    assert final.note == "vrt. 2016" and final.color == "red"


def test_rates_change_in_percentage_points() -> None:
    change = changes.compare(14.5, 12.9, "2021-06", "percent", 1, False, "fi")
    assert change.delta == "+1,6 %-yks." and change.color == "red"


def test_dates_as_a_manager_reads_them() -> None:
    assert changes.when("population", "2025", "fi") == "31.12.2025"
    assert changes.when("unemployment_rate", "2026-06", "fi") == "6/2026"
    assert changes.when("jobs", "2017", "sv") == "2017"


def test_overview_cards_are_dated_and_name_the_preliminary_comparison(app_env) -> None:
    cards = {card.key: card for card in headlines.headlines("fi")}
    population = cards["population"]
    assert population.label == "Väkiluku 31.12.2025" and population.value == f"26{NB}387"
    assert population.delta.startswith("\u2212342")  # 26 387 (11ra) − 26 729 (11lj 12/2024, preliminary)
    assert "vrt. 31.12.2024 (ennakkotieto)" in population.caption
    assert cards["unemployment_rate"].label == "Työttömyysaste 6/2026" and cards["unemployment_rate"].delta is None
    assert cards["jobs"].label == "Alueella olevat työpaikat 2017"
