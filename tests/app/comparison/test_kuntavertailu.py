"""Kuntavertailu renders the real latest values with ranks and trend arrows, the region map from the bundled
boundaries (offline) and the small multiples, and binds its selections to the URL. The page draws one of its
three parts at a time (URL key kuntavertailu.osio, "taulukko" by default): `drawn` clicks through them. The
heatmap shows one theme's indicators (URL key kuntavertailu.teema: a spearhead's, the others or all; the first
spearhead by default); the tests that read figures of every theme open it with ALL."""

from __future__ import annotations

import math
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app import conftest
from tests.app.comparison import heatmap
from tests.app.conftest import plotly_figures

NB = "\u00a0"
PAGE = "pages/kuntavertailu.py"
ALL = {"teema": "kaikki"}


TABLE = "kuntavertailu.taulukkona"  # the "Taulukkona" expander: its table is drawn only while it is open


def open_page(app: AppTest, **params: str | list[str]) -> AppTest:
    return conftest.open_page(app, PAGE, **params)


def open_table(app: AppTest) -> AppTest:
    """Open the "Taulukkona" expander, as a visitor clicks it (a rerun draws the table)."""
    app.session_state[TABLE] = True
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def drawn(app: AppTest) -> tuple[dict, dict | None, dict | None]:
    """(heatmap, map, small multiples): each part shown in turn, as a visitor clicks through them."""
    found = []
    for part in ("taulukko", "kartta", "aikasarjat"):
        figures = plotly_figures(conftest.show_part(app, "kuntavertailu", part))
        found.append(figures[0] if figures else None)
    conftest.show_part(app, "kuntavertailu", "taulukko")
    return found[0], found[1], found[2]


def heatmap_cells(figure: dict) -> dict[tuple[str, str], tuple[str, str]]:
    """{(row label, column): (cell text, hover)}."""
    return {key: (cell.text, cell.hover) for key, cell in heatmap.heatmap_cells(figure).items()}


def test_heatmap_has_real_values_ranks_and_arrows(app: AppTest) -> None:
    open_page(app, **ALL)
    heatmap_figure, _, _ = drawn(app)
    assert heatmap_figure["layout"]["title"]["text"].startswith(
        "Kuntavertailu – Kaikki indikaattorit: 54 indikaattorin"
    )
    cells = heatmap_cells(heatmap_figure)
    # Saarijärvi 2017: 2 931 jobs / 3 236 employed residents = 90.6 %, down from 92.4 % in 2016; 5th of 8.
    text, hover = cells[("Työpaikkaomavaraisuus (%) · 2017", "Saarijärvi")]
    assert text.startswith("90,6 ↓") and "5./8" in text
    colours = heatmap.heatmap_cells(heatmap_figure)
    assert colours[("Työpaikkaomavaraisuus (%) · 2017", "Saarijärvi")].colour == "#b42318"  # down: for the worse
    assert colours[("Työpaikkaomavaraisuus (%) · 2017", "Kyyjärvi")].colour == "#1a7f37"  # up: for the better
    assert "muutos vuodesta 2016: \u22121,8 %-yks." in hover
    assert cells[("Työpaikkaomavaraisuus (%) · 2017", "Kyyjärvi")][0].startswith("106,4 ↑")  # 1st
    assert "1./8" in cells[("Työpaikkaomavaraisuus (%) · 2017", "Kyyjärvi")][0]
    assert cells[("Alueella olevat työpaikat · 2017", "Saarijärvi")][0].startswith(f"2{NB}931")
    # Unemployment 6/2026 (12r5, 2026 export; lower is better): the sub-region 14,5 % with no change shown
    # (6/2025 is not in the data), Kyyjärvi the lowest and first.
    assert cells[("Työttömyysaste (%) · 6/2026", "Saarijärvi-Viitasaari")][0] == "14,5"
    assert "1./8" in cells[("Työttömyysaste (%) · 6/2026", "Kyyjärvi")][0]
    # Same period or nothing: no employment rate is published for the sub-region.
    assert cells[("Työllisyysaste (%) · 2016", "Saarijärvi-Viitasaari")][0] == "Ei tietoa"
    assert cells[("Väkiluku · 2025", "Koko maa")][0].startswith(f"5{NB}652{NB}881")  # 11re 31.12.2025


def test_heatmap_colours_only_meaningful_ranks(app: AppTest) -> None:
    open_page(app, **ALL)
    cells = plotly_figures(app)[0]["data"][0]
    x = [c.replace("<br>", "") for c in cells["x"]]
    flat = cells["z"]  # a typed 2-D array arrives flat: one row per indicator, len(x) values each
    rows = [flat[i : i + len(x)] for i in range(0, len(flat), len(x))] if not isinstance(flat[0], list) else flat
    z = {y.replace("<br>", " "): dict(zip(x, row)) for y, row in zip(cells["y"], rows)}
    row = z["Työpaikkaomavaraisuus (%) · 2017"]
    assert row["Kyyjärvi"] == 1 and row["Kivijärvi"] == 0  # best and worst of eight
    assert math.isnan(row["Saarijärvi-Viitasaari"])  # comparison areas are not ranked
    assert all(math.isnan(v) for v in z["Väkiluku · 2025"].values())  # a head count only orders by size


def test_table_view_and_alt_text(app: AppTest) -> None:
    open_page(app, **ALL)
    assert not app.dataframe  # the expander is closed: no table is drawn
    table = open_table(app).dataframe[0].value.set_index("Indikaattori")
    assert table.loc["Työpaikkaomavaraisuus", "Saarijärvi"] == f"90,6{NB}% ↓ (5./8)"
    assert table.loc["Työpaikkaomavaraisuus", "Ajankohta"] == "2017"
    assert table.loc["Työllisyysaste", "Saarijärvi-Viitasaari"] == "Ei tietoa"
    alt = " ".join(m.value for m in app.markdown)
    assert "Kaikki indikaattorit" in alt and "54 indikaattorin uusin arvo 11 alueelle" in alt


def heatmap_rows(app: AppTest) -> list[str]:
    """The heatmap's row labels without the period: '<indicator> (<unit>)'."""
    figure = next(f for f in plotly_figures(app) if f["data"][0]["type"] == "heatmap")
    return [y.replace("<br>", " ").rsplit(" · ", 1)[0] for y in figure["data"][0]["y"]]


def test_one_theme_at_a_time(app: AppTest) -> None:
    """The heatmap opens on the first spearhead; the four themes split the 54 indicators without overlap, and
    the plain table below shows the same indicators as the heatmap."""
    open_table(open_page(app))
    assert app.radio(key="kuntavertailu.teema").value == "ennakointi"
    heatmap = plotly_figures(app)[0]
    assert heatmap["layout"]["title"]["text"].startswith("Kuntavertailu – Puhtia ennakointiin: 17 indikaattorin")
    seen = {}
    for theme in ("ennakointi", "yrittajyys", "edellakavijyys", "muut"):
        app.radio(key="kuntavertailu.teema").set_value(theme).run()
        assert not app.exception, [e.message for e in app.exception]
        seen[theme] = heatmap_rows(app)
        assert len(app.dataframe[0].value) == len(seen[theme])
    assert "Väkiluku" in seen["ennakointi"] and "Työttömyysaste (%)" in seen["yrittajyys"]
    assert [len(rows) for rows in seen.values()] == [17, 17, 3, 17]
    assert len({row for rows in seen.values() for row in rows}) == 54


def test_theme_from_the_link_survives_the_other_parts(app: AppTest) -> None:
    """A link with the theme's name as shown opens it; it is kept while another part is shown; an unknown
    theme in a link is dropped with a notice."""
    open_page(app, teema="Sykettä yrittäjätoimintaan")
    assert app.radio(key="kuntavertailu.teema").value == "yrittajyys"
    conftest.show_part(app, "kuntavertailu", "kartta")
    conftest.show_part(app, "kuntavertailu", "taulukko")
    assert app.radio(key="kuntavertailu.teema").value == "yrittajyys"
    assert "Työttömyysaste (%)" in heatmap_rows(app)


def test_unknown_theme_in_the_link_is_dropped_with_a_notice(app: AppTest) -> None:
    open_page(app, teema="kärjet")
    assert app.radio(key="kuntavertailu.teema").value == "ennakointi"
    assert any("teema" in i.value for i in app.info)


def test_map_of_the_region_offline(app: AppTest) -> None:
    open_page(app, indikaattori="Työpaikkaomavaraisuus", vuosi="2017", **{"kuntavertailu.osio": "kartta"})
    region_map = plotly_figures(app)[0]
    assert (
        region_map["layout"]["title"]["text"] == "Työpaikkaomavaraisuus, Keski-Suomi 2017 (%); valitut kunnat rajattu"
    )
    first, values = region_map["data"][0], region_map["data"][1]
    # The label trace comes first: with a choropleth first, plotly.js would fetch a world map from the internet.
    assert first["type"] == "scattergeo" and "locationmode" not in first
    assert region_map["layout"]["geo"]["visible"] is False
    z = dict(zip(values["locations"], values["z"]))
    assert len(z) == 22 and round(z["KU729"], 1) == 90.6 and round(z["KU179"], 1) == 107.1
    outline = region_map["data"][-1]
    assert sorted(outline["locations"]) == sorted(app.multiselect(key="kuntavertailu.kunnat").value)
    assert {f["id"] for f in values["geojson"]["features"]} >= set(values["locations"])
    captions = " ".join(c.value for c in app.caption)
    assert "Maanmittauslaitos" in captions and "115p" in captions


def test_small_multiples_and_period_choice(app: AppTest) -> None:
    open_page(app, indikaattori="Työpaikkaomavaraisuus")
    assert app.selectbox(key="kuntavertailu.vuosi").value == "2017"  # latest period of the chosen indicator by default
    multiples = drawn(app)[2]
    assert multiples["layout"]["title"]["text"].startswith("Työpaikkaomavaraisuus 1987–2017 (%)")
    names = [t["name"] for t in multiples["data"]]
    assert len(names) == 11 and names[-3:] == ["Saarijärvi-Viitasaari", "Keski-Suomi", "Koko maa"]
    saarijarvi = next(t for t in multiples["data"] if t["name"] == "Saarijärvi")
    assert round(dict(zip(saarijarvi["x"], saarijarvi["y"]))[2017], 1) == 90.6
    assert "Kivijärvi *" in names  # volatile


def test_municipalities_from_the_url_and_smoothing(app: AppTest) -> None:
    open_page(app, kunnat=["Saarijärvi", "Kivijärvi"], indikaattori="Työpaikkaomavaraisuus", liukuva="true")
    assert sorted(app.multiselect(key="kuntavertailu.kunnat").value) == ["KU265", "KU729"]
    heatmap, _, multiples = drawn(app)
    columns = [c.replace("<br>", "") for c in heatmap["data"][0]["x"]]
    assert columns == ["Kivijärvi", "Saarijärvi", "Saarijärvi-Viitasaari", "Keski-Suomi", "Koko maa"]
    assert "3 vuoden liukuva keskiarvo" in multiples["layout"]["title"]["text"]
    saarijarvi = next(t for t in multiples["data"] if t["name"] == "Saarijärvi")
    smoothed = dict(zip(saarijarvi["x"], saarijarvi["y"]))
    assert round(smoothed[2017], 2) == round((90.614491 + 92.382992 + 90.574784) / 3, 2)


def test_swedish(app: AppTest) -> None:
    open_page(app, lang="svenska", **ALL)
    assert app.title[0].value == "Kommunjämförelse"
    heatmap = plotly_figures(app)[0]
    assert heatmap["layout"]["title"]["text"].startswith("Kommunjämförelse – Alla indikatorer: senaste värdet för 54")


def test_another_region_by_configuration_only(jamsa_warehouse, tmp_path, monkeypatch) -> None:
    """Both pages run for Jämsä (region.toml only): the sub-region shares the municipality's name, so the
    comparison names it with its level; the employment area and centres follow from the data."""
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(jamsa_warehouse))  # the session's build: read, never changed
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))
    app = open_page(AppTest.from_file(str(Path(__file__).resolve().parents[3] / "app.py"), default_timeout=60))
    columns = [c.replace("-<br>", "-").replace("<br>", " ") for c in plotly_figures(app)[0]["data"][0]["x"]]
    assert columns == ["Jämsä", "Jämsä (seutukunta)", "Keski-Suomi", "Koko maa"]
    app.session_state["tyossakaynti.osio"] = "tyollisyysalue"  # the employment area's part of the page
    app.switch_page("pages/tyossakaynti.py").run()
    assert not app.exception, [e.message for e in app.exception]
    text = " ".join(m.value for m in app.markdown)
    assert "Työllisyysalue 6 Eteläinen Keski-Suomi" in text


def test_new_indicators_offered_and_drawn(app: AppTest) -> None:
    """The catalogue's 2024–2025 indicators are in the chooser and draw on the heatmap, map and multiples."""
    open_page(app, indikaattori="Keski-ikä", **ALL)
    offered = app.selectbox(key="kuntavertailu.indikaattori").options
    for name in (
        "Keski-ikä",
        "Alle 15-vuotiaiden osuus väestöstä",
        "Yli 64-vuotiaiden osuus väestöstä",
        "Elävänä syntyneet",
        "Kuolleet",
        "Nettomaahanmuutto",
        "Pienituloisuusaste",
        "Käytettävissä olevan rahatulon mediaani (kulutusyksikköä kohden)",
        "Korkea-asteen tutkinnon suorittaneiden osuus",
        "Ilman perusasteen jälkeistä tutkintoa olevien osuus",
    ):
        assert name in offered, name  # fmt: skip
    assert app.selectbox(key="kuntavertailu.indikaattori").value == "mean_age"
    heatmap, _, multiples = drawn(app)
    cells = heatmap_cells(heatmap)
    assert cells[("Keski-ikä (vuotta) · 2025", "Saarijärvi")][0].startswith("51,7")  # 11ra 31.12.2025
    assert cells[("Keski-ikä (vuotta) · 2025", "Saarijärvi-Viitasaari")][0] == "52,2"  # the published row
    assert cells[("Pienituloisuusaste (%) · 2024", "Koko maa")][0].startswith("14,2")
    assert multiples["layout"]["title"]["text"].startswith("Keski-ikä 2025 (vuotta)")  # one year, not 2025–2025
    kinnula = next(t for t in multiples["data"] if t["name"] == "Kinnula *")
    assert dict(zip(kinnula["x"], kinnula["y"]))[2025] == 49.2
