"""Issue 16 point 3: every slide's key message, checked against its own chart data in fi, sv and en; an
editor's message is kept across a rebuild, with the sentence computed now shown beside it."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard.core import memo
from dashboard.core.i18n import LANGUAGES, fmt_number, fmt_percent, fmt_period
from dashboard.forum import decks, messages, slide_messages
from dashboard.model import registry as chart_registry

FOCUS = ["KU216", "KU226", "KU256", "KU265", "KU312", "KU601", "KU729", "KU931"]
PRELIMINARY = {"fi": "ennakkotieto", "sv": "preliminärt", "en": "preliminary"}


@pytest.fixture
def store(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    return tmp_path


def message(chart_id: str, lang: str, params: dict | None = None, view=None) -> tuple[str, object]:
    view = view or chart_registry.render(chart_id, lang, params or {})
    return messages.message_for(chart_id, view, slide_messages.context(lang)), view


def change_text(new: float, old: float, lang: str) -> str:
    return fmt_percent(100 * (new - old) / old, 1, lang, signed=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_population_total_change_and_fastest_fall_match_the_chart(store: Path, lang: str) -> None:
    text, view = message("population_by_municipality", lang)
    by_year = view.data.pivot(index="period", columns="area_code", values="value")
    total, year_before = by_year.loc["2025"].sum(), by_year.loc["2024"].sum()
    assert total == 26387  # the sub-region on 31.12.2025 (Statistics Finland)
    moves = {a: 100 * (by_year.loc["2025", a] - by_year.loc["2024", a]) / by_year.loc["2024", a] for a in FOCUS}
    fastest = min(moves, key=moves.get)
    names = dict(zip(view.data["area_code"], view.data["area_name"]))
    assert text.startswith("Saarijärvi-Viitasaari: ")
    assert f"{fmt_number(26387, 0, lang)} (2025)" in text
    assert change_text(total, year_before, lang) in text  # −1,3 % / −1.3%
    assert f"{names[fastest]} ({fmt_percent(moves[fastest], 1, lang, signed=True)})" in text
    assert PRELIMINARY[lang] not in text  # 2025 is final


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_preliminary_newest_value_is_said_to_be_one(store: Path, lang: str) -> None:
    view = chart_registry.render("population_by_municipality", lang, {})
    upto_2024 = dataclasses.replace(view, data=view.data[view.data["period"] <= "2024"])
    text, _ = message("population_by_municipality", lang, view=upto_2024)
    assert f"{fmt_number(upto_2024.data[upto_2024.data['period'] == '2024']['value'].sum(), 0, lang)} (2024, " in text
    assert PRELIMINARY[lang] in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unemployment_newest_value_like_month_change_and_comparison(store: Path, lang: str) -> None:
    text, view = message("unemployment_rate", lang)
    rows = view.data[view.data["value"].notna()]
    own = rows[rows["area_code"] == "SK138"].set_index("period")["value"]
    newest = own.index.max()
    same_month = [p for p in own.index if p < newest and p[5:] == newest[5:]]
    base = max(same_month)
    assert f"{fmt_percent(own[newest], 1, lang)} ({fmt_period(newest, lang)})" in text
    assert fmt_number(own[newest] - own[base], 1, lang, signed=True) in text and fmt_period(base, lang) in text
    for area in ("MK13", "SSS"):
        value = rows[(rows["area_code"] == area) & (rows["period"] == newest)]["value"].iloc[0]
        name = rows[rows["area_code"] == area]["area_name"].iloc[0]
        assert f"{name} {fmt_percent(value, 1, lang)}" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_other_default_slides_match_their_charts(store: Path, lang: str) -> None:
    text, view = message("age_structure", lang)
    sk = view.data[view.data["area_code"] == "SK138"]
    assert fmt_percent(sk[sk["age_group"].isin(["65-74", "75-"])]["share"].sum(), 1, lang) in text

    text, view = message("jobs_and_employed", lang)
    jobs = view.data[view.data["indicator_id"] == "jobs"].set_index("period")["value"]
    employed = view.data[view.data["indicator_id"] == "employed_residents"].set_index("period")["value"]
    last = jobs.index.max()
    assert f"{fmt_number(jobs[last], 0, lang)} ({last})" in text and fmt_number(employed[last], 0, lang) in text
    assert change_text(jobs[last], jobs[str(int(last) - 1)], lang) in text

    text, view = message("commuting_balance", lang)
    top, bottom = (
        view.data.loc[view.data["commuting_balance"].idxmax()],
        view.data.loc[view.data["commuting_balance"].idxmin()],
    )
    assert f"{top['area_name']} {fmt_number(top['commuting_balance'], 0, lang, True)}" in text
    assert f"{bottom['area_name']} {fmt_number(bottom['commuting_balance'], 0, lang, True)}" in text

    text, view = message("projection_official", lang)
    sk = view.data[view.data["area_code"] == "SK138"]
    actual, official = sk[sk["series"] == "actual"], sk[sk["series"] == "official"]
    now, then = actual.loc[actual["year"].idxmax()], official.loc[official["year"].idxmax()]
    assert fmt_number(now["value"], 0, lang) in text and fmt_number(then["value"], 0, lang) in text
    assert change_text(then["value"], now["value"], lang) in text

    text, view = message("funding_by_fund", lang)
    assert fmt_number(view.data["granted_eur"].sum(), 0, lang) in text
    assert str(int(view.data["projects"].sum())) in text


def test_every_default_slide_has_a_message(store: Path) -> None:
    for lang in LANGUAGES:
        deck = decks.default_deck(lang)
        for number, slide in enumerate(deck.slides, start=1):
            view = chart_registry.render(slide.chart_id, lang, slide.params)
            assert slide_messages.for_slide(deck, number, view, lang).text.endswith(".")


def test_first_sentence_skips_abbreviations() -> None:
    assert messages.first_sentence("A 85,2 (2018); vrt. B 63,1. Toinen.") == "A 85,2 (2018)."
    assert messages.first_sentence("Vrt. x 2. Sitten") == "Vrt. x 2."


def swap_in_changed_build(data_dir: Path) -> None:
    """A new build with other data, swapped in as the ETL does: a copy of the current file with one
    figure changed (KU729 population 2025 +1000), then CURRENT replaced atomically."""
    warehouse = data_dir / "warehouse"
    current = warehouse / (warehouse / "CURRENT").read_text(encoding="utf-8").strip()
    new = warehouse / "wh-29990101T000000000000Z.duckdb"
    shutil.copyfile(current, new)
    con = duckdb.connect(str(new))
    con.execute("UPDATE fact_indicator SET value = value + 1000 "
                "WHERE indicator_id = 'population' AND area_code = 'KU729' AND period = '2025'")  # fmt: skip
    con.close()
    (warehouse / "CURRENT.tmp").write_text(new.name, encoding="utf-8")
    os.replace(warehouse / "CURRENT.tmp", warehouse / "CURRENT")


def test_an_edited_message_survives_a_rebuild(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    memo.clear_all()
    deck = decks.default_deck("fi")
    view = chart_registry.render(deck.slides[0].chart_id, "fi", {})
    before = slide_messages.for_slide(deck, 1, view, "fi")
    assert not before.edited and fmt_number(26387) in before.text
    slide_messages.save(deck, 1, "fi", "  Väki vähenee   edelleen. ", before.computed, "koordinaattori")
    slide_messages.save(deck, 1, "sv", "Befolkningen minskar.", "x", "koordinaattori")  # per language

    swap_in_changed_build(data_dir)
    memo.clear_all()
    view = chart_registry.render(deck.slides[0].chart_id, "fi", {})
    after = slide_messages.for_slide(deck, 1, view, "fi")
    assert after.text == "Väki vähenee edelleen." and after.edited and after.edited_by == "koordinaattori"
    assert fmt_number(27387) in after.computed and after.computed_at_edit == before.computed and after.changed
    assert slide_messages.for_slide(deck, 1, view, "en").edited is False

    slide_messages.save(deck, 1, "fi", "", after.computed, "koordinaattori")  # empty: back to the computed one
    assert slide_messages.for_slide(deck, 1, view, "fi") == slide_messages.SlideMessage(after.computed, after.computed)


def test_an_edit_follows_its_slide_when_the_deck_is_reordered() -> None:
    first, second = decks.Slide("migration", {"kunta": "KU729"}), decks.Slide("migration", {})
    deck = decks.Deck("D", (first, second, decks.Slide("migration", {})))
    assert (
        slide_messages.slide_key(deck, 2) == "migration:{}#1" and slide_messages.slide_key(deck, 3) == "migration:{}#2"
    )
    assert slide_messages.slide_key(decks.Deck("D", (second, first)), 1) == slide_messages.slide_key(deck, 2)


def test_too_long_a_message_is_refused(store: Path) -> None:
    deck = decks.default_deck("fi")
    with pytest.raises(slide_messages.MessageError):
        slide_messages.save(deck, 1, "fi", "x" * (slide_messages.MAX_TEXT + 1), "", "k")
