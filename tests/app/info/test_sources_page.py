"""Tietolähteet lists every catalogue entry with its source, vintage and licence, every source's freshness
against a fixed day, and what the data lacks as computed from the warehouse."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core import clock
from etl.catalog import load_catalog

ESCAPED = re.compile(r"\\(.)")  # components.plain escapes Markdown: compare what a reader sees
PAGE = "pages/tietolahteet.py"


def shown(markdown: str) -> str:
    return html.unescape(ESCAPED.sub(r"\1", markdown))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    day = date(2026, 12, 2)
    monkeypatch.setattr(clock, "today", lambda: day)
    return day


def test_catalogue_and_inputs(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/tietolahteet.py").run()
    assert not app.exception
    catalogue = app.dataframe[0].value
    assert set(catalogue["id"]) == set(load_catalog())
    row = catalogue.set_index("id").loc["unemployment_rate"]
    # 12r5 counts 2006–10/2023 (CSV), the rate to 1/2025 (CSV), every content 6/2026 (2026 json export)
    assert row["Taulukko"] == "12r5" and row["Kattavuus"] == "1/2006–6/2026"
    assert row["Tiedot"] == "2023-12, 2025-02, 2026-07-21"
    assert "unemployed_jobseekers / labour_force" in row["Laskentatapa"]
    births = catalogue.set_index("id").loc["live_births"]  # 121w 2025 (2026 json export) only
    assert births["Kattavuus"] == "2025–2025"
    inputs = app.dataframe[1].value
    assert {"11re", "12r5", "115n", "115p", "128v", "11a2"} <= set(inputs["Taulukko"])
    text = shown(" ".join(m.value for m in app.markdown))
    assert "Lähde: Tilastokeskus / TEM, Työnvälitystilasto, 12r5 (CC BY 4.0)" in text
    assert "© Maanmittauslaitos" in text
    assert "lähtö–kohde-matriisi" in text  # what is missing is said plainly


def test_sources_in_english(app: AppTest) -> None:
    app.query_params["lang"] = "English"
    app.run()
    app.switch_page("pages/tietolahteet.py").run()
    assert app.title[0].value == "Data sources"
    assert "Unemployment rate" in set(app.dataframe[0].value["Indicator"])


def test_freshness_per_source_with_due_dates_and_fetch(app: AppTest) -> None:
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception
    frame = app.dataframe[2].value.set_index("Taulukko")
    row = frame.loc["12r5"]
    assert row["Uusin ajankohta"] == "6/2026" and row["Julkaisijan päivitys"] == "21.7.2026"
    assert row["Odotetaan"] == "21.8.2026" and row["Tila"] == "myöhässä 103 pv"
    assert row["Kattavuus"] == "1/2006–6/2026" and row["Haku"] == "python -m etl fetch --tables 12r5"
    assert frame.loc["11lj", "Uusin ajankohta"] == "1/2025 (ennakkotieto)"
    assert frame.loc["11re", "Tila"] == "ajan tasalla" and frame.loc["11re", "Odotetaan"] == "30.4.2027"
    assert frame.loc["Kuntien avainluvut 2019", "Haku"] == "–"  # not a table the fetch asks for
    (warning,) = [shown(w.value) for w in app.warning]
    assert "12w7 (Muuttoliike): 2024 odotettiin 31.5.2025" in warning


def test_what_the_data_lacks_is_computed(app: AppTest) -> None:
    app.run()
    app.switch_page(PAGE).run()
    text = shown(" ".join(m.value for m in app.markdown))
    # The 12r5 CSV ends 10/2023 and the 2026 export holds only 6/2026: the gap is named with its length.
    assert (
        "Työvoima; Avoimet työpaikat; Työttömät työnhakijat: aineistosta puuttuu 11/2023–5/2026 (31 ajankohtaa)" in text
    )
    assert "Kuntien välinen nettomuutto" in text and "puuttuu 2018–2024 (7 ajankohtaa)" in text
    assert "Uusin luku ajankohdalta 2017:" in text and "Alueella olevat työpaikat" in text
    assert "Ikäryhmät: 1972–2018 (11re). Uudemmat: python -m etl fetch --tables 11re" in text
    assert "Väestöennuste: ennuste 2019 (128v). Uudemmat: python -m etl fetch --tables 14wx" in text
    assert "Työpaikat toimialoittain: 2017 (Paavo 2020). Ei alueille Koko maa." in text
    assert "Ei lukuja alueille Saarijärvi-Viitasaari, Keski-Suomi, Koko maa: Vuosikate" in text
    assert "Väkiluku 2023–2025" not in text  # the old prose: false since the 2026 exports were shipped
    captions = " ".join(c.value for c in app.caption)
    assert "Laskettu tietovarastosta 2.12.2026:" in captions


def test_what_is_old_depends_on_the_day(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2019, 6, 1))  # then 2016 was only three years back
    app.run()
    app.switch_page(PAGE).run()
    text = shown(" ".join(m.value for m in app.markdown))
    assert "Uusin luku ajankohdalta 2016" not in text and "Uusin luku ajankohdalta 2017" not in text


def test_sources_in_swedish_read_swedish(app: AppTest) -> None:
    """Definitions and statistic names in Swedish (they used to fall back to the Finnish ones)."""
    app.query_params["lang"] = "svenska"
    app.run()
    app.switch_page("pages/tietolahteet.py").run()
    assert not app.exception
    catalogue = app.dataframe[0].value.set_index("id")
    columns = list(catalogue.columns)
    label, definition, statistic = columns[0], columns[1], columns[3]
    row = catalogue.loc["mean_age"]
    assert row[label] == "Medelålder" and row[definition].startswith("Befolkningens medelålder 31.12")
    assert row[statistic] == "Tilastokeskus, Befolkningsstruktur"
    assert catalogue.loc["low_income_rate", statistic] == "Tilastokeskus, Inkomstfördelningsstatistik"
    assert not any(text.startswith("Väestön keski-ikä") for text in catalogue[definition])
