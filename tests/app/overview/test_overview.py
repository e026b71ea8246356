"""Yleiskuva renders the real headline figures with their own dates, the small multiples with the preliminary
2024 marked, and the freshness box against a fixed day."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core import clock
from tests.app.conftest import open_download_menus, plotly_figures

NB = "\u00a0"
ESCAPED = re.compile(r"\\(.)")  # components.plain escapes Markdown: compare what a reader sees


def shown(markdown: str) -> str:
    return html.unescape(ESCAPED.sub(r"\1", markdown))


POPULATION = "Väkiluku 31.12.2025"
UNEMPLOYMENT = "Työttömyysaste 6/2026"
JOBS = "Alueella olevat työpaikat 2017"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """2 December 2026: 12r5's 7/2026 (due 21.8.2026) is overdue, 14ww's 2025 (due 16.12.2026) is not yet."""
    day = date(2026, 12, 2)
    monkeypatch.setattr(clock, "today", lambda: day)
    return day


def test_headlines_show_real_figures(app: AppTest) -> None:
    app.run()
    assert not app.exception
    metrics = {m.label: m for m in app.metric}
    # Each card carries its own date: population 31.12.2025 (11ra, 2026 export), unemployment 6/2026 (12r5,
    # 2026 export), jobs 2017 (115p), net migration 2025 (121w).
    assert list(metrics) == [POPULATION, UNEMPLOYMENT, JOBS, "Kuntien välinen nettomuutto 2025"]
    assert metrics[POPULATION].value == f"26{NB}387"
    # A year earlier is the preliminary 11lj 12/2024 (26 729): the change says so.
    assert metrics[POPULATION].delta.startswith("\u2212342")
    assert metrics[UNEMPLOYMENT].value == f"14,5{NB}%"  # 12r5 6/2026 as published (2026 export)
    assert not metrics[UNEMPLOYMENT].delta  # 6/2025 is not in the data: no change over the gap
    assert metrics[JOBS].value == f"9{NB}529"
    captions = " ".join(c.value for c in app.caption)
    assert f"Keski-Suomi 15,8{NB}%" in captions and f"Koko maa 12,8{NB}%" in captions
    assert "Saarijärvi-Viitasaari 6/2026" in captions
    assert "Saarijärvi-Viitasaari 31.12.2025 · vrt. 31.12.2024 (ennakkotieto)" in captions
    assert "vertailuajankohdan 6/2025 tieto puuttuu, joten muutosta ei lasketa" in captions  # said, not hidden
    assert "vrt. 2016" in captions  # jobs: 2017 against 2016, like with like


def test_population_small_multiples(app: AppTest) -> None:
    app.run()
    (figure,) = plotly_figures(app)
    traces = {trace["name"]: trace for trace in figure["data"] if trace["mode"] == "lines"}  # not the hollow marks
    assert len(traces) == 8 and "Saarijärvi" in traces
    saarijarvi = dict(zip(traces["Saarijärvi"]["x"], traces["Saarijärvi"]["y"]))
    assert saarijarvi[2020] == 9208 and saarijarvi[2025] == 8763 and saarijarvi[1972] > saarijarvi[2025]
    assert "1972–2025" in figure["layout"]["title"]["text"]
    captions = " ".join(c.value for c in app.caption)
    assert "Lähde: Tilastokeskus, Väestön ennakkotilasto, 11lj; Tilastokeskus, Väestörakenne, 11re" in captions
    assert "Ennakkotieto (avoin ympyrä): 2024" in captions


def test_preliminary_2024_population_is_drawn_hollow(app: AppTest) -> None:
    app.run()
    (figure,) = plotly_figures(app)
    saarijarvi = next(trace for trace in figure["data"] if trace["name"] == "Saarijärvi")
    hollow = next(trace for trace in figure["data"] if trace["name"] == "Saarijärvi (ennakkotieto)")
    assert (
        hollow["x"] == [2024] and hollow["y"] == [8856] and hollow["marker"]["symbol"] == "circle-open"
    )  # 11lj 12/2024
    texts = dict(zip(saarijarvi["x"], saarijarvi["text"]))
    assert texts[2024] == " (ennakkotieto)" and texts[2025] == ""  # 2025: final 11ra
    assert "%{text}" in saarijarvi["hovertemplate"]
    alt = shown(" ".join(e.value for e in app.expander[0].markdown))
    assert "Ennakkotietoa: 2024 (lopullinen luku korvaa sen)." in alt


def test_text_alternative_and_downloads(app: AppTest) -> None:
    app.run()
    alt = " ".join(e.value for e in app.expander[0].markdown)
    assert "8 kunnan väkiluku vuosina 1972–2025" in alt and "Saarijärvi" in alt
    assert any("sr-only" in m.value for m in app.markdown)  # screen readers get it without opening
    chart_buttons = lambda: [b for b in app.get("download_button") if not b.key.startswith("yleiskuva_card_")]  # noqa: E731 - the kuntakortti buttons: test_card_downloads.py
    assert not chart_buttons()  # the menu draws its buttons only when opened
    assert open_download_menus(app) == ["vakiluku_kunnittain_lataa"]
    labels = [b.proto.label for b in chart_buttons()]
    assert labels == ["Lataa CSV", "Lataa XLSX", "Lataa PNG", "Lataa SVG"]


def test_freshness_box_lists_sources(app: AppTest) -> None:
    app.run()
    frame = app.dataframe[0].value.set_index("Taulukko")
    newest = frame["Uusin ajankohta"]
    assert newest["12r5"] == "6/2026" and newest["11re"] == "2025" and newest["11lj"] == "1/2025 (ennakkotieto)"
    # 12r5 6/2026 was released 21.7.2026; 7/2026 was due 21.8.2026, so on 2.12.2026 the data is overdue
    assert frame.loc["12r5", "Julkaisijan päivitys"] == "21.7.2026"
    assert frame.loc["12r5", "Seuraava ajankohta"] == "7/2026" and frame.loc["12r5", "Odotetaan"] == "21.8.2026"
    assert frame.loc["12r5", "Tila"] == "myöhässä 103 pv"
    assert frame.loc["14ww", "Odotetaan"] == "16.12.2026" and frame.loc["14ww", "Tila"] == "ajan tasalla"
    assert frame.loc["115p", "Tila"] == "julkaisurytmiä ei ole kirjattu"
    (warning,) = [shown(w.value) for w in app.warning]
    assert "12r5 (Työnvälitystilasto): 7/2026 odotettiin 21.8.2026" in warning
    assert "python -m etl fetch --tables 11lj 12w7 12r5 ja sen jälkeen python -m etl build" in warning
    assert "14ww" not in warning


def test_nothing_overdue_on_the_day_after_the_release(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2025, 3, 1))  # before 11lj 2/2025 was due (28.3.2025)
    app.run()
    frame = app.dataframe[0].value.set_index("Taulukko")
    assert frame.loc["11lj", "Tila"] == "ajan tasalla" and frame.loc["12r5", "Tila"] == "ajan tasalla"
    assert not app.warning


def test_english_by_url(app: AppTest) -> None:
    app.query_params["lang"] = "English"
    app.run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Population 31 Dec 2025"] == "26,387"
    assert metrics["Unemployment rate 6/2026"] == "14.5%"
    assert app.sidebar.selectbox[0].value == "en"


def test_language_switch_changes_labels(app: AppTest) -> None:
    app.run()
    app.sidebar.selectbox[0].set_value("sv").run()
    assert "Folkmängd 31.12.2025" in [m.label for m in app.metric]
    assert f"26{NB}387" in [m.value for m in app.metric]


def test_falling_figures_point_down_and_colour_by_meaning(app: AppTest) -> None:
    app.run()
    protos = {m.label: m.proto for m in app.metric}
    from streamlit.proto.Metric_pb2 import Metric

    assert protos[POPULATION].direction == Metric.MetricDirection.DOWN
    assert protos[POPULATION].color == Metric.MetricColor.GRAY  # population: neither good nor bad per se
    jobs = protos[JOBS]
    assert jobs.direction == Metric.MetricDirection.DOWN and jobs.color == Metric.MetricColor.RED
    unemployment = protos[UNEMPLOYMENT]  # no same month a year earlier in the data: no arrow, no colour
    assert unemployment.direction == Metric.MetricDirection.NONE
