"""Kuntavertailu against national peer groups (issue 15 point 5): all municipalities of Finland under
10 000 residents by the newest population (31.12.2025, 11re 2026 export), a chosen set, and the map of
all of Finland. Expected figures were read from the shipped data: 212 of the 308 municipalities had fewer
than 10 000 residents at the end of 2025; 208 of them have an unemployment rate for 6/2026 (12r5 2026
export: none for the Åland municipalities Föglö, Kumlinge, Lumparland, Sottunga), and Saarijärvi's
16,4 % is 203rd of those 208 (lower is better)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.app import conftest
from tests.app.comparison import heatmap
from tests.app.comparison.heatmap import unwrap
from tests.app.conftest import figures_by_title, plotly_figures

NB = "\u00a0"
PAGE = "pages/kuntavertailu.py"
SMALL = f"Koko maan alle 10{NB}000 asukkaan kunnat (212 kuntaa, väkiluku 2025)"


def open_page(app: AppTest, **params: str | list[str]) -> AppTest:
    return conftest.open_page(app, PAGE, **{f"kuntavertailu.{k}": v for k, v in params.items()})


def heatmap_cells(figure: dict) -> dict[tuple[str, str], str]:
    return {key: cell.text for key, cell in heatmap.heatmap_cells(figure).items()}


def alt_texts(app: AppTest) -> str:
    """The text alternatives as read (Markdown escapes undone, no-break spaces as spaces)."""
    shown = " ".join(m.value for m in app.markdown if "sr-only" not in m.value)
    return re.sub(r"\\(.)", r"\1", shown).replace(NB, " ")


def test_small_municipalities_of_finland_as_the_peer_group(app: AppTest) -> None:
    open_page(app, vertailuryhma="pienet", indikaattori="Työttömyysaste", teema="yrittajyys")
    assert app.radio(key="kuntavertailu.vertailuryhma").value == "pienet"
    captions = [c.value for c in app.caption]
    assert SMALL in captions  # the threshold and the population year are stated
    figures = figures_by_title(app)
    ranking = figures[f"Työttömyysaste 6/2026 (%): 208 kunnan järjestys – {SMALL}"]
    bars = ranking["data"][0]
    assert len(bars["x"]) == 208 and "Saarijärvi 203." in bars["text"]
    assert bars["x"][202] == "Saarijärvi" and round(bars["y"][202], 1) == 16.4
    assert [s["label"]["text"] if "label" in s else None for s in ranking["layout"].get("shapes", [])]  # lines drawn
    assert any("Föglö" in c and "4/212" in c for c in captions)  # no value: said, not dropped silently
    text = alt_texts(app)
    assert "arvo 208/212 kunnalla; mediaani 10,2" in text and "Saarijärvi 16,4 % (sija 203./208)" in text
    # The heatmap ranks among the group and has its median as a column; the eight stay the only municipalities.
    heatmap = next(f for f in plotly_figures(app) if f["data"][0]["type"] == "heatmap")
    columns = [unwrap(c) for c in heatmap["data"][0]["x"]]
    assert len(columns) == 12 and columns[-1] == "Vertailuryhmän mediaani (212 kuntaa)"
    cells = heatmap_cells(heatmap)
    assert "203./208" in cells[("Työttömyysaste (%) · 6/2026", "Saarijärvi")]
    assert cells[("Työttömyysaste (%) · 6/2026", "Vertailuryhmän mediaani (212 kuntaa)")] == "10,2"


def test_indicators_only_the_region_has_say_so(app: AppTest) -> None:
    open_page(app, vertailuryhma="pienet", indikaattori="Työpaikkaomavaraisuus", vuosi="2017", teema="yrittajyys")
    captions = " ".join(c.value for c in app.caption)
    assert "Ei valtakunnallista tietoa (13 indikaattoria)" in captions and "Työpaikkaomavaraisuus" in captions
    assert "Työpaikkaomavaraisuus (2017): ei valtakunnallista tietoa" in captions  # no ranking chart
    assert not any("kunnan järjestys" in title for title in figures_by_title(app))
    heatmap = plotly_figures(app)[0]
    cells = heatmap_cells(heatmap)
    # 90,6 % (115n/115p 2017) as before, but no rank among Finland's small municipalities, and no median
    assert cells[("Työpaikkaomavaraisuus (%) · 2017", "Saarijärvi")] == "90,6 ↓"
    assert cells[("Työpaikkaomavaraisuus (%) · 2017", "Vertailuryhmän mediaani (212 kuntaa)")] == "Ei tietoa"
    app.session_state["kuntavertailu.taulukkona"] = True  # open the "Taulukkona" expander
    app.run()
    table = app.dataframe[0].value.set_index("Indikaattori")
    assert table.loc["Työpaikkaomavaraisuus", "Vertailuryhmän mediaani (212 kuntaa)"] == "Ei tietoa"


def test_a_chosen_set_of_municipalities(app: AppTest) -> None:
    open_page(app, vertailuryhma="valitut", vertailukunnat=["Kuhmo", "Suomussalmi", "Helsinki"],
              indikaattori="Työttömyysaste")  # fmt: skip
    assert sorted(app.multiselect(key="kuntavertailu.vertailukunnat").value) == ["KU091", "KU290", "KU777"]
    assert "Sijat 11 kunnan joukossa (valitut ja alueen omat kunnat)." in [c.value for c in app.caption]
    ranking = next(f for t, f in figures_by_title(app).items() if "11 kunnan järjestys" in t)
    assert set(ranking["data"][0]["x"]) >= {"Kuhmo", "Suomussalmi", "Helsinki", "Saarijärvi"}


def test_chosen_set_empty_ranks_the_own_municipalities(app: AppTest) -> None:
    open_page(app, vertailuryhma="valitut")
    assert any("Valitse vertailukunnat" in i.value for i in app.info)
    heatmap = plotly_figures(app)[0]
    title = heatmap["layout"]["title"]["text"]
    assert title.startswith("Kuntavertailu – Puhtia ennakointiin: 17 indikaattorin uusin arvo, sija kuntien")


def test_unknown_peer_group_in_the_link_is_dropped_with_a_notice(app: AppTest) -> None:
    open_page(app, vertailuryhma="kaikki")
    assert app.radio(key="kuntavertailu.vertailuryhma").value == "oma"
    assert any("vertailuryhma" in i.value for i in app.info)


def test_map_of_all_of_finland(app: AppTest) -> None:
    open_page(app, kartta="Koko Suomi", indikaattori="Työttömyysaste", osio="kartta")
    finland = figures_by_title(app)["Työttömyysaste, Koko Suomi 6/2026 (%); valitut kunnat rajattu"]
    assert finland["data"][0]["type"] == "scattergeo" and "locationmode" not in finland["data"][0]
    values, missing, outline = finland["data"][1:]
    drawn = [*values["locations"], *missing["locations"]]
    assert len(drawn) == len(set(drawn)) == 308  # every municipality of 2026, coloured or grey
    assert len(values["locations"]) == 304 and sorted(missing["locations"]) == [
        "KU062",
        "KU295",
        "KU438",
        "KU766",
    ]  # Åland: no 12r5 rate
    assert {f["id"] for f in values["geojson"]["features"]} == set(values["locations"])
    assert sorted(outline["locations"]) == ["KU216", "KU226", "KU256", "KU265", "KU312", "KU601", "KU729", "KU931"]
    z = dict(zip(values["locations"], values["z"]))
    assert round(z["KU729"], 1) == 16.4 and round(z["KU091"], 1) > 0  # Helsinki coloured too
    assert "arvo 304/308 kunnalla (Koko Suomi)" in alt_texts(app)
