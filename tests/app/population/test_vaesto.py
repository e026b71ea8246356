"""Väestö renders the real population figures, binds its selections to the URL and says what is missing.

The page draws one of its four parts at a time (URL key vaesto.osio, "vertailu" by default)."""

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
PARTS = ("vertailu", "kunnittain", "ikarakenne", "muutos")


def show_part(app: AppTest, part: str) -> AppTest:
    return conftest.show_part(app, "vaesto", part)


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
    assert [t["name"] for t in index["data"] if t["mode"] == "lines"] == [
        "Saarijärvi-Viitasaari",
        "Keski-Suomi",
        "Koko maa",
    ]
    assert trace(index, "Saarijärvi-Viitasaari")[1972] == 100
    assert len(plotly_figures(app)) == 1  # only the comparison part is drawn
    captions = " ".join(c.value for c in app.caption)
    assert "Koko maa: tiedot aineistossa vain" not in captions  # the national 11re series reaches 2025
    assert "Johdettu luku" in captions
    multiples = figures_by_title(show_part(app, "kunnittain"))["Väkiluku kunnittain 1972–2025 (henkeä)"]
    assert trace(multiples, "Saarijärvi")[2020] == 9208
    captions = " ".join(c.value for c in show_part(app, "ikarakenne").caption)
    assert (
        "Lähde: Tilastokeskus, Väestörakenne, 11re" in captions and "0–14-vuotiaiden osuutta ei voi laskea" in captions
    )


def test_saarijarvi_counts_from_the_url(app: AppTest) -> None:
    open_page(app, kunta="Saarijärvi", tila="Määrä")
    assert app.selectbox(key="vaesto.kunta").value == "KU729" and app.radio(key="vaesto.tila").value == "count"
    figures = figures_by_title(app)
    counts = figures["Väkiluku (henkeä) 1972–2025"]
    assert [t["name"] for t in counts["data"] if t["mode"] == "lines"] == ["Saarijärvi"]
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
    titles = list(figures_by_title(show_part(app, "muutos")))  # the smoothing holds in every part
    assert any(t.startswith("Kuntien välinen muuttoliike, Kivijärvi") and t.endswith("keskiarvo") for t in titles)


def test_every_chart_has_source_text_alternative_and_downloads(app: AppTest) -> None:
    open_page(app)
    alt = re.sub(r"\\(.)", r"\1", " ".join(e.markdown[0].value for e in app.expander))  # shown as text: escaped
    assert "Väkiluku (indeksi, 1972 = 100) 1972–2025: Saarijärvi-Viitasaari" in alt
    # (charts, tables) per part: 7 over time + the newest year's age figures and vital events across the areas
    expected = {"vertailu": (1, 0), "kunnittain": (1, 1), "ikarakenne": (4, 1), "muutos": (3, 1)}
    for part, (charts, tables) in expected.items():
        show_part(app, part)
        assert len(plotly_figures(app)) == charts, part
        assert len(open_download_menus(app)) == charts + tables, part
        labels = [b.proto.label for b in app.get("download_button")]
        assert labels.count("Lataa CSV") == charts + tables == labels.count("Lataa XLSX"), part
        assert len(app.expander) == charts, part
        if part == "kunnittain":
            table = app.dataframe[0].value.set_index("Alue")
            assert table.loc["Saarijärvi", "Väkiluku"] == f"8{NB}763" and table.loc["Koko maa", "Vuosi"] == "2025"
    assert sum(charts for charts, _ in expected.values()) == 9


def test_a_part_keeps_its_choices_while_another_is_shown(app: AppTest) -> None:
    open_page(app)
    app.selectbox(key="vaesto.indikaattori").set_value("net_migration").run()
    app.radio(key="vaesto.tila").set_value("per_1000").run()
    show_part(show_part(app, "muutos"), "vertailu")
    assert app.selectbox(key="vaesto.indikaattori").value == "net_migration"
    assert app.radio(key="vaesto.tila").value == "per_1000"
    assert f"Kuntien välinen nettomuutto (1{NB}000 asukasta kohti) 1990–2025" in figures_by_title(app)


def test_a_link_to_a_part_by_its_label(app: AppTest) -> None:
    open_page(app, **{"vaesto.osio": "Ikärakenne"})  # the text Streamlit writes into the URL
    assert "Keski-ikä 31.12.2025 (vuotta)" in figures_by_title(app)


def test_a_link_to_a_part_that_does_not_exist_says_so(app: AppTest) -> None:
    open_page(app, **{"vaesto.osio": "olematon"})
    assert "Väkiluku (indeksi, 1972 = 100) 1972–2025" in figures_by_title(app)  # the first part
    assert any("olematon" in info.value for info in app.info)


def test_swedish_and_english_by_url(app: AppTest) -> None:
    open_page(app, lang="English")
    assert app.title[0].value == "Population"
    assert "Population (index, 1972 = 100) 1972–2025" in figures_by_title(app)
    assert {m.label: m.value for m in app.metric}["Population 2025"] == "26,387"


# --- the newest year across the areas: age structure (11ra) and vital events (121w) -------------------


def test_age_structure_now_published_rows(app: AppTest) -> None:
    open_page(app, **{"vaesto.osio": "ikarakenne"})
    metrics = {m.label: m for m in app.metric}
    # SK138 on 31.12.2025 as 11ra publishes the sub-region row (not a sum of ours); the country beside it
    assert metrics["Keski-ikä 31.12.2025"].value == f"52,2{NB}v"
    assert metrics["Yli 64-vuotiaiden osuus väestöstä 31.12.2025"].value == f"38,7{NB}%"
    assert metrics["Alle 15-vuotiaiden osuus väestöstä 31.12.2025"].value == f"11,9{NB}%"
    captions = " ".join(c.value for c in app.caption)
    assert f"Saarijärvi-Viitasaari · Koko maa 44,1{NB}v" in captions and "Lähde: 11ra · tiedot 2026-05-29" in captions
    bars = figures_by_title(app)["Keski-ikä 31.12.2025 (vuotta)"]
    values = dict(zip(bars["data"][0]["y"], bars["data"][0]["x"]))
    assert values["Saarijärvi"] == 51.7 and values["Keski-Suomi"] == 44.6 and values["Koko maa"] == 44.1
    assert values["Saarijärvi-Viitasaari"] == 52.2
    table = next(d.value for d in app.dataframe if "Keski-ikä 31.12.2025" in d.value.columns).set_index("Alue")
    assert table.loc["Saarijärvi-Viitasaari", "Yli 64-vuotiaiden osuus väestöstä 31.12.2025"] == f"38,7{NB}%"
    assert table.loc["Kinnula", "Alle 15-vuotiaiden osuus väestöstä 31.12.2025"] == f"17,4{NB}%"
    assert table.loc["Keski-Suomi", "Keski-ikä 31.12.2025"] == f"44,6{NB}v"  # published: no derived mark
    assert app.selectbox(key="vaesto.rakenne").value == "mean_age"


def test_vital_events_now_for_saarijarvi_from_the_url(app: AppTest) -> None:
    open_page(app, **{"vaesto.kunta": "Saarijärvi", "vaesto.osio": "muutos", "vaesto.muutos": "Syntyneiden enemmyys"})
    metrics = {m.label: m.value for m in app.metric}
    # 121w 2025: 38 born, 134 died, natural increase −96, inter-municipal −10, international +11
    assert metrics["Elävänä syntyneet 2025"] == "38" and metrics["Kuolleet 2025"] == "134"
    assert metrics["Syntyneiden enemmyys 2025"] == "\u221296"
    assert metrics["Kuntien välinen nettomuutto 2025"] == "\u221210" and metrics["Nettomaahanmuutto 2025"] == "+11"
    figures = figures_by_title(app)
    natural = figures[f"Syntyneiden enemmyys 2025 (1{NB}000 asukasta kohti)"]
    rates = dict(zip(natural["data"][0]["y"], natural["data"][0]["x"]))
    assert round(rates["Saarijärvi-Viitasaari"], 1) == -11.8 and round(rates["Koko maa"], 1) == -2.4  # −311/26 387
    table = next(d.value for d in app.dataframe if "Kuolleet 2025" in d.value.columns).set_index("Alue")
    assert table.loc["Saarijärvi-Viitasaari", "Elävänä syntyneet 2025"] == "138 *"  # the members' sum: derived
    assert table.loc["Koko maa", "Nettomaahanmuutto 2025"] == f"+31{NB}233"
    captions = " ".join(c.value for c in app.caption)
    assert (
        "Johdettu luku (jäsenkuntien summa" in captions and "Lähde: Tilastokeskus, Väestönmuutokset, 121w" in captions
    )
    alt = re.sub(r"\\(.)", r"\1", " ".join(e.markdown[0].value for e in app.expander))
    assert "kunnista suurin Kivijärvi −5,0, pienin Kannonkoski −19,3" in alt
    show_part(app, "ikarakenne")
    assert {m.label: m.value for m in app.metric}["Keski-ikä 31.12.2025"] == f"51,7{NB}v"
    app.selectbox(key="vaesto.rakenne").set_value("share_aged_65_plus").run()
    old = figures_by_title(app)["Yli 64-vuotiaiden osuus väestöstä 31.12.2025 (%)"]
    assert dict(zip(old["data"][0]["y"], old["data"][0]["x"]))["Kyyjärvi"] == 41.3


def test_age_and_events_now_in_english(app: AppTest) -> None:
    open_page(app, lang="English", **{"vaesto.osio": "ikarakenne"})
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Mean age 31 Dec 2025"] == f"52.2{NB}yrs"
    assert metrics["Share of population aged over 64 31 Dec 2025"] == "38.7%"
    assert "Mean age 31 Dec 2025 (years)" in figures_by_title(app)
    assert {m.label: m.value for m in show_part(app, "muutos").metric}["Natural increase 2025"] == "\u2212311"


def test_age_and_events_now_in_swedish(app: AppTest) -> None:
    open_page(app, lang="svenska", **{"vaesto.osio": "ikarakenne"})
    assert {m.label: m.value for m in app.metric}["Medelålder 31.12.2025"] == f"52,2{NB}år"
    table = next(d.value for d in app.dataframe if "Medelålder 31.12.2025" in d.value.columns).set_index("Område")
    assert table.loc["Mellersta Finland", "Andel personer över 64 år 31.12.2025"] == f"25,4{NB}%"
    assert {m.label: m.value for m in show_part(app, "muutos").metric}["Födelseöverskott 2025"] == "\u2212311"
