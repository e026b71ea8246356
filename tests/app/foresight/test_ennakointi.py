"""Ennakointi renders the official projection, a scenario that follows the sliders, the service-need
outlook, projection-vs-actual errors, the method note, and saved scenarios (editors save, links reopen)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.auth import hash_password
from tests.app.conftest import plotly_figures, show_part

REPO = Path(__file__).resolve().parents[3]

NB = "\u00a0"
PAGE = "pages/ennakointi.py"


@pytest.fixture
def page(app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))  # a store of its own
    app.run()
    return app


def open_page(app: AppTest) -> AppTest:
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def traces(figure: dict, legendgroup: str) -> list[dict]:
    return [trace for trace in figure["data"] if trace.get("legendgroup") == legendgroup]


def values(trace: dict) -> dict[int, float]:
    return dict(zip(trace["x"], trace["y"]))


def slider(app: AppTest, label_start: str):
    return next(s for s in app.slider if s.label.startswith(label_start))


def test_official_projection_figures(page: AppTest) -> None:
    open_page(page)
    assert page.title[0].value == "Ennakointi: väestöennuste ja skenaariot"
    outlook = plotly_figures(page)[0]
    assert outlook["layout"]["title"]["text"].startswith("Väkiluku 2000–2040")
    region = values(traces(outlook, "official")[0])  # the first panel is the eight municipalities together
    assert (region[2019], region[2030], region[2040]) == (28641, 24162, 21496)
    assert traces(outlook, "scenario") == []  # sliders at rest: the scenario is the projection itself
    actual = values(traces(outlook, "actual")[0])
    assert actual[2022] == 27460 and actual[2000] > actual[2022]
    table = page.dataframe[0].value.set_index("Ikäryhmä")
    assert table.loc["Väkiluku", "2019"] == f"28{NB}641" and table.loc["0–6-vuotiaat", "2019"] == f"1{NB}547"
    assert table.loc["Väestöllinen huoltosuhde", "2040: Virallinen ennuste 2019"] == "117,0"
    captions = " ".join(c.value for c in page.caption)
    assert "keskimäärin −74 nettomuuttajaa vuodessa 2020–2040" in captions
    assert page.segmented_control[0].value == "ennuste"  # the first of the page's parts
    assert len(plotly_figures(page)) == 1 and len(page.dataframe) == 1  # only the chosen part is drawn


def panels(app: AppTest) -> list[str]:
    """The outlook's panel titles, in order."""
    return [note["text"] for note in plotly_figures(app)[0]["layout"]["annotations"]]


def test_outlook_shows_the_chosen_area_beside_the_region_and_every_area_on_request(page: AppTest) -> None:
    open_page(page)
    assert panels(page) == ["Saarijärvi-Viitasaari"]  # the region total is the area chosen first
    next(s for s in page.selectbox if s.label == "Alue").set_value("KU226").run()
    assert not page.exception and panels(page) == ["Saarijärvi-Viitasaari", "Karstula"]
    karstula = values(traces(plotly_figures(page)[0], "official")[1])
    assert (karstula[2019], karstula[2040]) == (3965, 2964)  # 128v as published, Karstula total
    every = next(t for t in page.toggle if t.label == "Kaikki alueet rinnakkain")
    every.set_value(True).run()
    assert not page.exception
    shown = panels(page)
    assert len(shown) == 9 and shown[:2] == ["Saarijärvi-Viitasaari", "Kannonkoski"] and "Viitasaari" in shown
    assert "Kaikki ikäryhmät: Karstula" in " ".join(m.value for m in page.markdown)  # the table keeps the area


def test_a_link_with_every_area_reopens_the_nine_panels(page: AppTest) -> None:
    page.query_params["ennakointi.kaikki"] = "true"
    open_page(page)
    assert len(panels(page)) == 9 and next(t for t in page.toggle if t.label == "Kaikki alueet rinnakkain").value


def test_moving_the_migration_slider_adds_a_derived_scenario(page: AppTest) -> None:
    open_page(page)
    slider(page, "Lisänettomuutto").set_value(200).run()
    assert not page.exception
    outlook = plotly_figures(page)[0]
    scenario = values(traces(outlook, "scenario")[0])
    official = values(traces(outlook, "official")[0])
    assert scenario[2019] == official[2019] and official[2040] + 200 * 15 < scenario[2040] < official[2040] + 200 * 21
    assert traces(outlook, "scenario")[0]["name"] == "Skenaario (mallilaskelma)"
    table = page.dataframe[0].value.set_index("Ikäryhmä")
    assert "2040: Skenaario (mallilaskelma)" in table.columns
    alt = " ".join(m.value for m in page.markdown)
    assert "Skenaariossa" in alt and "ennusteeseen verrattuna" in alt


def test_reset_returns_to_the_official_projection(page: AppTest) -> None:
    open_page(page)
    slider(page, "Syntyvyys").set_value(130).run()
    assert traces(plotly_figures(page)[0], "scenario")
    next(b for b in page.button if b.label.startswith("Palauta")).click().run()
    assert slider(page, "Syntyvyys").value == 100 and not traces(plotly_figures(page)[0], "scenario")


def test_url_reopens_the_same_view(page: AppTest) -> None:
    page.query_params["nettomuutto"] = "-100"
    page.query_params["syntyvyys"] = "120"
    page.query_params["ryhma"] = "0–6-vuotiaat"
    open_page(page)
    assert slider(page, "Lisänettomuutto").value == -100 and slider(page, "Syntyvyys").value == 120
    outlook = plotly_figures(page)[0]
    assert outlook["layout"]["title"]["text"].startswith("0–6-vuotiaat 2000–2040")
    assert traces(outlook, "actual") == []  # no actual 0–6 in the data …
    assert any("ei ole toteutuneita lukuja" in c.value for c in page.caption)  # … and the page says so


def test_service_need_outlook(page: AppTest) -> None:
    show_part(open_page(page), "ennakointi", "palvelutarve")
    table = page.dataframe[0].value
    region = table[table["Alue"] == "Saarijärvi-Viitasaari"].set_index("Ikäryhmä")
    assert region.loc["0–6-vuotiaat", "Muutos 2019–2040, Virallinen ennuste 2019"] == f"−538 (−34,8{NB}%)"
    assert region.loc["85 vuotta täyttäneet", "Muutos 2019–2030, Virallinen ennuste 2019"] == f"+267 (+20,3{NB}%)"
    bars = plotly_figures(page)[0]
    assert bars["layout"]["title"]["text"] == "Palvelutarpeen ikäryhmien muutos 2019–2040 kunnittain (%)"
    assert len(bars["data"]) == 5  # one official bar series per service group
    captions = " ".join(c.value for c in page.caption)
    assert "Lähde: Tilastokeskus, Väestöennuste 2019, 128v" in captions and "ei tilasto" in captions


def test_starting_point_published_age_figures_against_the_projection(page: AppTest) -> None:
    show_part(open_page(page), "ennakointi", "palvelutarve")
    table = page.dataframe[1].value.set_index("Alue")
    # 11ra 31.12.2025 as published (the SK138 and MK13 rows too), the 2019 projection's 65+ share for 2025
    assert table.loc["Saarijärvi-Viitasaari", "Yli 64-vuotiaiden osuus väestöstä 31.12.2025"] == f"38,7{NB}%"
    assert table.loc["Saarijärvi", "Keski-ikä 31.12.2025"] == f"51,7{NB}v"
    assert table.loc["Keski-Suomi", "Alle 15-vuotiaiden osuus väestöstä 31.12.2025"] == f"13,9{NB}%"
    projected = "Yli 64-vuotiaiden osuus 2025, ennuste 2019"
    assert table.loc["Saarijärvi-Viitasaari", projected] == f"39,0{NB}%"  # 65+ ÷ population of 128v in 2025
    assert table.loc["Kivijärvi", projected] == f"46,5{NB}%"
    assert table.loc["Kivijärvi", "Toteutunut − ennuste, %-yks."] == "\u22125,9"
    assert table.loc["Koko maa", projected] == "ei ennustetta sivulla"
    captions = " ".join(c.value for c in page.caption)
    assert "Tilastokeskus, Väestörakenne, 11ra" in captions and "Väestöennuste 2019, 128v" in captions
    assert "ikääntynyt ennustettua nopeammin" in captions


def test_projection_vs_actual_and_method_note(page: AppTest) -> None:
    show_part(open_page(page), "ennakointi", "Ennuste vs. toteutunut")  # a part by its heading
    errors = page.dataframe[0].value.set_index("Alue")
    assert errors.loc["Saarijärvi-Viitasaari", "Ennuste 2019, virhe 2022"] == f"−1,0{NB}%"
    assert errors.loc["Kivijärvi", "Ennuste 2019, virhe 2022"] == f"−8,2{NB}%"
    assert errors.loc["Saarijärvi-Viitasaari", "Takautuva testi 2008→2018, virhe"] == f"0,0{NB}%"
    note = " ".join(m.value for m in page.markdown)
    assert "Takautuva testi 2008→2018 (Hamilton–Perry" in note and f"itseisvirhe 3,1{NB}%" in note
    assert "Työpaikkavipua ei ole" in note and "r = 0,11" in note
    accuracy = plotly_figures(page)[0]
    region = values(traces(accuracy, "official")[0])
    # the 2019 projection (128v) for the years with an actual figure, now to 2025
    assert region == {2019: 28641, 2020: 28133, 2021: 27651, 2022: 27186, 2023: 26744, 2024: 26319, 2025: 25917}


def test_viewers_see_saved_scenarios_but_cannot_save(page: AppTest) -> None:
    show_part(open_page(page), "ennakointi", "tallennetut")
    assert any("Skenaarioita ei ole vielä tallennettu" in i.value for i in page.info)
    assert not page.warning  # the save expander is closed for viewers, and its content is not drawn
    page.session_state["ennakointi.tallennus"] = True  # a viewer opens it
    page.run()
    assert any("Kirjaudu" in w.value or "ylläpitäjille" in w.value for w in page.warning)
    assert not [b for b in page.button if b.label == "Tallenna skenaario"]


def test_editor_saves_and_a_link_reopens_the_scenario(page: AppTest) -> None:
    page.secrets["local_auth"] = {"password_hash": hash_password("x" * 12, iterations=1000)}
    page.session_state["_local_editor"] = True
    open_page(page)
    slider(page, "Lisänettomuutto").set_value(150).run()
    page.text_input[0].input("Perheet palaavat")
    next(b for b in page.button if b.label == "Tallenna skenaario").click().run()
    assert not page.exception
    assert any("Perheet palaavat" in s.value for s in page.success)
    link = page.query_params["ennakointi.skenaario"]
    assert link and any("Avattu tallennettu skenaario **Perheet palaavat**" in i.value for i in page.info)

    slider(page, "Lisänettomuutto").set_value(-50).run()
    assert any("muutettu" in c.value for c in page.caption)  # the view no longer matches the saved one
    show_part(page, "ennakointi", "tallennetut")
    next(b for b in page.button if b.label == "Avaa: Perheet palaavat").click().run()
    assert slider(page, "Lisänettomuutto").value == 150
    page.multiselect[0].select(link).run()  # compare the saved scenario with the one on screen
    compare = plotly_figures(page)[0]
    assert compare["layout"]["title"]["text"].startswith("Väkiluku 2019–2040: Saarijärvi-Viitasaari")
    assert [trace["name"] for trace in compare["data"]] == ["Virallinen ennuste 2019", "Perheet palaavat"]
    assert page.dataframe[-1].value["Skenaario"].tolist() == ["Virallinen ennuste 2019", "Perheet palaavat"]

    fresh = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)  # someone else opens the link
    fresh.query_params["ennakointi.skenaario"] = link
    fresh.run()
    open_page(fresh)
    assert slider(fresh, "Lisänettomuutto").value == 150
    assert traces(plotly_figures(fresh)[0], "scenario")


def test_english(page: AppTest) -> None:
    page.session_state["lang"] = "en"  # what the sidebar's language switch sets
    open_page(page)
    assert page.title[0].value == "Foresight: population projection and scenarios"
    assert plotly_figures(page)[0]["layout"]["title"]["text"].startswith("Population 2000–2040")
    assert page.dataframe[0].value.set_index("Age group").loc["Population", "2019"] == "28,641"
    show_part(page, "ennakointi", "palvelutarve")
    start = page.dataframe[1].value.set_index("Area")
    assert start.loc["Saarijärvi-Viitasaari", "Mean age 31 Dec 2025"] == f"52.2{NB}yrs"
    assert start.loc["Saarijärvi-Viitasaari", "Share aged over 64 in 2025, projection 2019"] == "39.0%"


HOSTILE = ["<img src=x onerror=alert(1)>", "![x](https://example.com/x.png)"]


def test_saved_scenario_names_are_shown_as_text(page: AppTest) -> None:
    """Issue 12 point 6: a saved scenario's name landed unescaped in the comparison chart's text-alternative
    HTML (and as Markdown in its expander, the "opened" notice and the open buttons)."""
    from dashboard.core.auth import EDITOR, User
    from dashboard.foresight import model
    from dashboard.foresight import store as foresight_store

    editor = User("koordinaattori@example.fi", EDITOR, "local")
    ids = [foresight_store.save(editor, name, "", model.Scenario(net_migration=50.0 * (i + 1)), "2019")
           for i, name in enumerate(HOSTILE)]  # fmt: skip
    page.query_params["ennakointi.skenaario"] = ids[1]
    page.query_params["ennakointi.vertaa"] = HOSTILE  # a multiselect writes its labels into the URL
    page.query_params["ennakointi.osio"] = "tallennetut"
    open_page(page)
    shown = [m.value for m in page.markdown] + [i.value for i in page.info] + [b.label for b in page.button]
    assert not [text for text in shown if "<img" in text or "](https://example.com" in text]
    sr_only = next(m.value for m in page.markdown if m.value.startswith("<p class='sr-only'") and "&lt;img" in m.value)
    assert HOSTILE[0] in html.unescape(sr_only) and HOSTILE[1] in html.unescape(sr_only)  # read as typed
    assert any("\\!\\[x\\]\\(https\\://example\\.com/x\\.png\\)" in i.value for i in page.info)  # opened: as typed
    compare = plotly_figures(page)[0]
    assert {trace["name"] for trace in compare["data"][1:]} == {"&lt;img src=x onerror=alert(1)&gt;", HOSTILE[1]}


def test_old_scenario_link_and_page_keys(page: AppTest) -> None:
    """?skenaario=<id> links from before the page prefixes still open the scenario; keys are the page's own."""
    from dashboard.core.auth import EDITOR, User
    from dashboard.foresight import model
    from dashboard.foresight import store as foresight_store

    editor = User("koordinaattori@example.fi", EDITOR, "local")
    scenario_id = foresight_store.save(editor, "Vanha linkki", "", model.Scenario(net_migration=120.0), "2019")
    page.query_params["skenaario"] = scenario_id
    page.query_params["kunta"] = "KU999"  # another page's value, or a stale one: dropped with a notice
    open_page(page)
    assert slider(page, "Lisänettomuutto").value == 120
    assert any("Vanha linkki" in i.value for i in page.info)
    assert any("kunta" in i.value and "KU999" in i.value for i in page.info)
    assert page.query_params.get("ennakointi.skenaario") == scenario_id and "skenaario" not in page.query_params
    assert all(key == "lang" or key.startswith("ennakointi.") for key in page.query_params)
