"""Tietolähteet lists every catalogue entry with its source, vintage and licence."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from etl.catalog import load_catalog


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
    text = " ".join(m.value for m in app.markdown)
    assert "Lähde: Tilastokeskus / TEM, Työnvälitystilasto, 12r5 (CC BY 4.0)" in text
    assert "© Maanmittauslaitos" in text
    assert "lähtö–kohde-matriisi" in text  # what is missing is said plainly


def test_sources_in_english(app: AppTest) -> None:
    app.query_params["lang"] = "English"
    app.run()
    app.switch_page("pages/tietolahteet.py").run()
    assert app.title[0].value == "Data sources"
    assert "Unemployment rate" in set(app.dataframe[0].value["Indicator"])


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
