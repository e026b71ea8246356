"""Yleiskuva renders the real headline figures, the small multiples and the freshness box."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_download_menus, plotly_figures

NB = "\u00a0"


def test_headlines_show_real_figures(app: AppTest) -> None:
    app.run()
    assert not app.exception
    metrics = {m.label: m for m in app.metric}
    # SK138 31.12.2025 as published (11ra, 2026 export); a year earlier the sum of the preliminary 11lj 12/2024
    assert metrics["Väkiluku"].value == f"26{NB}387"
    assert metrics["Väkiluku"].delta.startswith("\u2212342")
    assert metrics["Työttömyysaste"].value == f"14,5{NB}%"  # 12r5 6/2026 as published (2026 export)
    assert not metrics["Työttömyysaste"].delta  # 6/2025 is not in the data: no change over the gap
    assert metrics["Alueella olevat työpaikat"].value == f"9{NB}529"
    assert "Kuntien välinen nettomuutto" in metrics
    captions = " ".join(c.value for c in app.caption)
    assert f"Keski-Suomi 15,8{NB}%" in captions and f"Koko maa 12,8{NB}%" in captions
    assert "Saarijärvi-Viitasaari 6/2026" in captions


def test_population_small_multiples(app: AppTest) -> None:
    app.run()
    (figure,) = plotly_figures(app)
    traces = {trace["name"]: trace for trace in figure["data"]}
    assert len(traces) == 8 and "Saarijärvi" in traces
    saarijarvi = dict(zip(traces["Saarijärvi"]["x"], traces["Saarijärvi"]["y"]))
    assert saarijarvi[2020] == 9208 and saarijarvi[2025] == 8763 and saarijarvi[1972] > saarijarvi[2025]
    assert "1972–2025" in figure["layout"]["title"]["text"]
    captions = " ".join(c.value for c in app.caption)
    assert "Lähde: Tilastokeskus, Väestön ennakkotilasto, 11lj; Tilastokeskus, Väestörakenne, 11re" in captions


def test_text_alternative_and_downloads(app: AppTest) -> None:
    app.run()
    alt = " ".join(e.value for e in app.expander[0].markdown)
    assert "8 kunnan väkiluku vuosina 1972–2025" in alt and "Saarijärvi" in alt
    assert any("sr-only" in m.value for m in app.markdown)  # screen readers get it without opening
    assert not app.get("download_button")  # the menu draws its buttons only when opened
    assert open_download_menus(app) == ["vakiluku_kunnittain_lataa"]
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["Lataa CSV", "Lataa XLSX", "Lataa PNG", "Lataa SVG"]


def test_freshness_box_lists_sources(app: AppTest) -> None:
    app.run()
    frame = app.dataframe[0].value
    newest = dict(zip(frame["Taulukko"], frame["Uusin ajankohta"]))
    assert newest["12r5"] == "6/2026" and newest["11re"] == "2025" and newest["11lj"] == "1/2025"


def test_english_by_url(app: AppTest) -> None:
    app.query_params["lang"] = "English"
    app.run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Population"] == "26,387"
    assert metrics["Unemployment rate"] == "14.5%"
    assert app.sidebar.selectbox[0].value == "en"


def test_language_switch_changes_labels(app: AppTest) -> None:
    app.run()
    app.sidebar.selectbox[0].set_value("sv").run()
    assert "Folkmängd" in [m.label for m in app.metric]
    assert f"26{NB}387" in [m.value for m in app.metric]


def test_falling_figures_point_down_and_colour_by_meaning(app: AppTest) -> None:
    app.run()
    protos = {m.label: m.proto for m in app.metric}
    from streamlit.proto.Metric_pb2 import Metric

    assert protos["Väkiluku"].direction == Metric.MetricDirection.DOWN
    assert protos["Väkiluku"].color == Metric.MetricColor.GRAY  # population: neither good nor bad per se
    jobs = protos["Alueella olevat työpaikat"]
    assert jobs.direction == Metric.MetricDirection.DOWN and jobs.color == Metric.MetricColor.RED
    unemployment = protos["Työttömyysaste"]  # no same month a year earlier in the data: no arrow, no colour
    assert unemployment.direction == Metric.MetricDirection.NONE
