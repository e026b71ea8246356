"""Projects-and-funding pages in AppTest: real figures from the shipped files, and the editor page's
guard (anonymous and non-editors refused by direct URL; an OIDC editor can assign a project)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core import store as state
from dashboard.funding import projects
from tests.app.conftest import plotly_figures
from tests.app.funding.conftest import as_user

NB = "\u00a0"


def test_funding_page_2007_2013(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/rahoitus.py").run()
    app.multiselect(key="rahoitus.kausi").set_value(["2007-2013"]).run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    # 75 register projects matched to the eight (PROVENANCE.md) + 1 web-page project of 2007–13;
    # sums of "Myönnetty / Toteutunut EU- ja valtion rahoitus" of those 75 rows of the shipped list
    assert metrics == {"Hankkeita": "76", "Myönnetty yhteensä": f"12{NB}214{NB}725{NB}€",
                       "Toteutunut yhteensä": f"11{NB}576{NB}059{NB}€"}  # fmt: skip
    per_resident = next(f for f in plotly_figures(app) if "asukasta kohden" in f["layout"]["title"]["text"])
    bar = per_resident["data"][0]
    kannonkoski = dict(zip(bar["y"], bar["x"]))["Kannonkoski"]
    assert kannonkoski == pytest.approx(1345976 / 1520 / 7)  # hand computation in tests/unit/test_funding.py
    assert "Johdettu luku" in " ".join(c.value for c in app.caption)


def test_project_card_keeps_as_stated_text(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/rahoitus.py").run()
    app.selectbox(key="rahoitus.hanke").set_value("web-02").run()
    assert not app.exception
    assert "3,5 miljoonan euron potin" in app.info[0].value  # the page's words, no number invented
    text = " ".join(m.value for m in app.markdown)
    assert "Myönnetty (EU ja valtio):** –" in text and "jamk.fi" in text


def test_tracker_levels_allocations_and_missing_commitments(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/rahoitusasema.py").run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert (
        metrics["Taso, €/asukas/vuosi: Saarijärvi-Viitasaari"] == f"125{NB}€"
        and metrics["Taso, €/asukas/vuosi: Muu Keski-Suomi"] == f"29{NB}€"
    )
    assert any("EURA 2021" in w.value for w in app.warning)  # committed funding unknown: said plainly
    allocation = next(f for f in plotly_figures(app) if "kehys" in f["layout"]["title"]["text"].lower())
    assert allocation["data"][0]["y"] == [24, 19, 36] and len(allocation["data"]) == 1


def test_scorecard_renders_every_spearhead(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/karkihankkeet.py").run()
    assert not app.exception
    assert [s.value for s in app.header] == ["Puhtia ennakointiin", "Sykettä yrittäjätoimintaan",
                                                "Erottuvuutta edelläkävijyydestä"]  # fmt: skip
    first = app.dataframe[0].value.set_index("Indikaattori")
    # SK138 31.12.2025 as published (11ra, 2026 export)
    assert first.loc["Väkiluku", "Uusin arvo"] == f"26{NB}387" and first.loc["Väkiluku", "Tavoite"] == "ei asetettu"


def test_scorecard_lines_of_the_new_indicators(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/karkihankkeet.py").run()
    assert not app.exception
    foresight = app.dataframe[0].value.set_index("Indikaattori")
    # SK138: mean age and 65+ share as 11ra publishes them (2025), income 14ww 2024, with their units
    assert (
        foresight.loc["Keski-ikä", "Uusin arvo"] == f"52,2{NB}v" and foresight.loc["Keski-ikä", "Ajankohta"] == "2025"
    )
    assert foresight.loc["Yli 64-vuotiaiden osuus väestöstä", "Uusin arvo"] == f"38,7{NB}%"
    assert foresight.loc["Pienituloisuusaste", "Uusin arvo"] == f"17,6{NB}%"
    median = "Käytettävissä olevan rahatulon mediaani (kulutusyksikköä kohden)"
    assert foresight.loc[median, "Uusin arvo"] == f"26{NB}972{NB}€" and foresight.loc[median, "Ajankohta"] == "2024"
    assert foresight.loc["Syntyneiden enemmyys", "Uusin arvo"] == "\u2212311"
    # components without a target that means something are not scorecard lines (their net figures are)
    assert not {"Kuolleet", "Maahanmuutto", "Maastamuutto", "Väkiluvun kokonaismuutos"} & set(foresight.index)
    assert "Nettomaahanmuutto" in foresight.index
    tables = [d.value for d in app.dataframe if "Indikaattori" in d.value.columns]
    assert len(tables) == 3  # one indicator table per spearhead
    row = tables[2].set_index("Indikaattori").loc["Ilman perusasteen jälkeistä tutkintoa olevien osuus"]
    assert row["Uusin arvo"] == f"30,2{NB}%" and row["Lähde"] == "12bs · tiedot 2026-06-18 · johdettu"


def test_impact_page_shows_development_and_caveat(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/vaikuttavuus.py").run()
    app.selectbox(key="vaikuttavuus.hanke").set_value("A32278").run()
    app.selectbox(key="vaikuttavuus.indikaattori").set_value("population").run()
    assert not app.exception
    assert "ei todista syy-yhteyttä" in app.warning[0].value
    figure = next(f for f in plotly_figures(app) if "Väkiluku" in f["layout"]["title"]["text"])
    names = [trace["name"] for trace in figure["data"]]
    assert names[0] == "Kannonkoski" and names[1].startswith("Vertailuryhmä")
    kannonkoski = dict(zip(figure["data"][0]["x"], figure["data"][0]["y"]))
    assert kannonkoski[2011] == pytest.approx(100.0)  # A32278 starts 24.8.2012: indexed to 2011


@pytest.mark.parametrize("email", [None, "someone@example.fi"])
def test_editor_page_refuses_others_by_direct_url(app: AppTest, email: str | None) -> None:
    as_user(app, email).run()
    app.switch_page("pages/hankkeiden_yllapito.py").run()
    assert not app.exception
    assert not [t for t in app.title if t.value == "Hankkeiden ylläpito"] and not app.tabs
    assert "Vain ylläpitäjät" in app.warning[0].value or "ylläpitäj" in app.warning[0].value


def test_editor_assigns_a_queue_project(app: AppTest) -> None:
    as_user(app, "Koordinaattori@example.fi").run()
    app.switch_page("pages/hankkeiden_yllapito.py").run()
    assert not app.exception and [t.label for t in app.tabs][:2] == ["Tuonti", "Kohdistusjono"]
    project_id = app.selectbox(key="hankkeiden_yllapito.queue_project").value
    form = app.multiselect[0]
    assert form.label == "Kunnat"
    form.set_value(["KU729"])
    next(b for b in app.button if b.label == "Tallenna kohdistus").click().run()
    assert not app.exception
    assert projects.store().assignments.set_index("project_id").loc[project_id, "area_codes"] == "KU729"
    log = state.query("audit_log", {"limit": 1}).iloc[0]
    assert (log["actor"], log["entity"], log["entity_id"]) == (
        "koordinaattori@example.fi",
        "project_assignment",
        project_id,
    )
