"""Yleiskuva renders the real headline figures, the small multiples and the freshness box."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_download_menus, plotly_figures

NB = "\u00a0"


def test_headlines_show_real_figures(app: AppTest) -> None:
    app.run()
    assert not app.exception
    metrics = {m.label: m for m in app.metric}
    assert metrics["Väkiluku"].value == f"27{NB}460"
    assert metrics["Väkiluku"].delta.startswith("\u2212586")  # 28 046 (2021) → 27 460 (2022)
    assert metrics["Työttömyysaste"].value == f"11,5{NB}%"  # 1 266 / 11 050 in 10/2023, derived
    assert metrics["Alueella olevat työpaikat"].value == f"9{NB}529"
    assert "Kuntien välinen nettomuutto" in metrics
    captions = " ".join(c.value for c in app.caption)
    assert f"Keski-Suomi 11,8{NB}%" in captions and f"Koko maa 9,7{NB}%" in captions
    assert "Saarijärvi-Viitasaari 10/2023" in captions


def test_population_small_multiples(app: AppTest) -> None:
    app.run()
    (figure,) = plotly_figures(app)
    traces = {trace["name"]: trace for trace in figure["data"]}
    assert len(traces) == 8 and "Saarijärvi" in traces
    saarijarvi = dict(zip(traces["Saarijärvi"]["x"], traces["Saarijärvi"]["y"]))
    assert saarijarvi[2020] == 9208 and saarijarvi[1972] > saarijarvi[2022]
    assert "1972–2022" in figure["layout"]["title"]["text"]
    captions = " ".join(c.value for c in app.caption)
    assert "Lähde: Tilastokeskus, Väestörakenne, 11re" in captions and "tiedot 2019-10, 2024-03" in captions


def test_text_alternative_and_downloads(app: AppTest) -> None:
    app.run()
    alt = " ".join(e.value for e in app.expander[0].markdown)
    assert "8 kunnan väkiluku vuosina 1972–2022" in alt and "Saarijärvi" in alt
    assert any("sr-only" in m.value for m in app.markdown)  # screen readers get it without opening
    assert not app.get("download_button")  # the menu draws its buttons only when opened
    assert open_download_menus(app) == ["vakiluku_kunnittain_lataa"]
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["Lataa CSV", "Lataa XLSX", "Lataa PNG", "Lataa SVG"]


def test_freshness_box_lists_sources(app: AppTest) -> None:
    app.run()
    frame = app.dataframe[0].value
    newest = dict(zip(frame["Taulukko"], frame["Uusin ajankohta"]))
    assert newest["12r5"] == "10/2023" and newest["Sotkanet 127"] == "2022"


def test_english_by_url(app: AppTest) -> None:
    app.query_params["lang"] = "English"
    app.run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Population"] == "27,460"
    assert metrics["Unemployment rate"] == "11.5%"
    assert app.sidebar.selectbox[0].value == "en"


def test_language_switch_changes_labels(app: AppTest) -> None:
    app.run()
    app.sidebar.selectbox[0].set_value("sv").run()
    assert "Folkmängd" in [m.label for m in app.metric]
    assert f"27{NB}460" in [m.value for m in app.metric]


def test_falling_figures_point_down_and_colour_by_meaning(app: AppTest) -> None:
    app.run()
    protos = {m.label: m.proto for m in app.metric}
    from streamlit.proto.Metric_pb2 import Metric

    assert protos["Väkiluku"].direction == Metric.MetricDirection.DOWN
    assert protos["Väkiluku"].color == Metric.MetricColor.GRAY  # population: neither good nor bad per se
    jobs = protos["Alueella olevat työpaikat"]
    assert jobs.direction == Metric.MetricDirection.DOWN and jobs.color == Metric.MetricColor.RED
    unemployment = protos["Työttömyysaste"]  # up, and for unemployment up is bad
    assert unemployment.direction == Metric.MetricDirection.UP and unemployment.color == Metric.MetricColor.RED
