"""Väestö renders the real population figures, binds its selections to the URL and says what is missing."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.app import conftest
from tests.app.conftest import open_download_menus, plotly_figures

NB = "\u00a0"
PAGE = "pages/vaesto.py"


def open_page(app: AppTest, **params: str | list[str]) -> AppTest:
    return conftest.open_page(app, PAGE, **params)


figures_by_title = conftest.figures_by_title


def trace(figure: dict, name: str) -> dict:
    return dict(zip(*next((t["x"], t["y"]) for t in figure["data"] if t["name"] == name)))


def test_sub_region_by_default(app: AppTest) -> None:
    open_page(app)
    assert app.title[0].value == "Väestö"
    metrics = {m.label: m for m in app.metric}
    # SK138 31.12.2025 as published (11ra, 2026 export); 2024 is the sum of the preliminary 11lj 12/2024
    assert metrics["Väkiluku 2025"].value == f"26{NB}387"
    assert metrics["Väkiluku 2025"].delta.startswith("\u2212342")
    figures = figures_by_title(app)
    index = figures["Väkiluku (indeksi, 1972 = 100) 1972–2025"]
    assert [t["name"] for t in index["data"]] == ["Saarijärvi-Viitasaari", "Keski-Suomi", "Koko maa"]
    assert trace(index, "Saarijärvi-Viitasaari")[1972] == 100
    multiples = figures["Väkiluku kunnittain 1972–2025 (henkeä)"]
    assert trace(multiples, "Saarijärvi")[2020] == 9208
    captions = " ".join(c.value for c in app.caption)
    assert "Koko maa: tiedot aineistossa vain" not in captions  # the national 11re series reaches 2025
    assert "Lähde: Tilastokeskus, Väestörakenne, 11re" in captions and "Johdettu luku" in captions
    assert "0–14-vuotiaiden osuutta ei voi laskea" in captions


def test_saarijarvi_counts_from_the_url(app: AppTest) -> None:
    open_page(app, kunta="Saarijärvi", tila="Määrä")
    assert app.selectbox(key="vaesto.kunta").value == "KU729" and app.radio(key="vaesto.tila").value == "count"
    figures = figures_by_title(app)
    counts = figures["Väkiluku (henkeä) 1972–2025"]
    assert [t["name"] for t in counts["data"]] == ["Saarijärvi"]
    assert trace(counts, "Saarijärvi")[2020] == 9208
    metrics = {m.label: m.value for m in app.metric}
    # Saarijärvi 8 763 on 31.12.2025 (11re, 2026 export), 9 208 in 2020
    assert metrics["Väkiluku 2025"] == f"8{NB}763" and metrics["Muutos 2020–2025"] == "\u2212445"


def test_switching_indicator_and_mode(app: AppTest) -> None:
    open_page(app)
    app.selectbox(key="vaesto.indikaattori").set_value("net_migration").run()
    app.radio(key="vaesto.tila").set_value("per_1000").run()
    assert not app.exception
    title = next(t for t in figures_by_title(app) if t.startswith("Kuntien välinen nettomuutto"))
    assert title == f"Kuntien välinen nettomuutto (1{NB}000 asukasta kohti) 1990–2025"  # 11a2 to 2017, 121w 2025
    figure = figures_by_title(app)[title]
    assert [t["name"] for t in figure["data"]] == ["Saarijärvi-Viitasaari", "Keski-Suomi", "Koko maa"]  # 121w 2025
    assert trace(figure, "Saarijärvi-Viitasaari")[2018] is None  # 2018–2024 are not in the data: a gap


def test_small_municipality_is_marked_and_can_be_smoothed(app: AppTest) -> None:
    open_page(app, kunta="Kivijärvi", indikaattori="Kuntien välinen nettomuutto")
    assert f"Kivijärvi: alle 2{NB}000 asukasta (1{NB}001 vuonna 2025)" in app.warning[0].value
    assert "Kivijärvi (vaihteleva sarja)" in [t["name"] for f in plotly_figures(app) for t in f["data"]]
    app.toggle(key="vaesto.liukuva").set_value(True).run()
    titles = list(figures_by_title(app))
    assert f"Kuntien välinen nettomuutto (1{NB}000 asukasta kohti) 1992–2017, 3 vuoden liukuva keskiarvo" in titles
    assert any(t.startswith("Kuntien välinen muuttoliike, Kivijärvi") and t.endswith("keskiarvo") for t in titles)


def test_every_chart_has_source_text_alternative_and_downloads(app: AppTest) -> None:
    open_page(app)
    charts = len(plotly_figures(app))
    assert charts == 7
    assert len(open_download_menus(app)) == charts + 1  # + the changes table
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels.count("Lataa CSV") == charts + 1 == labels.count("Lataa XLSX")  # + the changes table
    assert len(app.expander) == charts
    alt = re.sub(r"\\(.)", r"\1", " ".join(e.markdown[0].value for e in app.expander))  # shown as text: escaped
    assert "Väkiluku (indeksi, 1972 = 100) 1972–2025: Saarijärvi-Viitasaari" in alt
    table = app.dataframe[0].value.set_index("Alue")
    assert table.loc["Saarijärvi", "Väkiluku"] == f"8{NB}763" and table.loc["Koko maa", "Vuosi"] == "2025"


def test_swedish_and_english_by_url(app: AppTest) -> None:
    open_page(app, lang="English")
    assert app.title[0].value == "Population"
    assert "Population (index, 1972 = 100) 1972–2025" in figures_by_title(app)
    assert {m.label: m.value for m in app.metric}["Population 2025"] == "26,387"
