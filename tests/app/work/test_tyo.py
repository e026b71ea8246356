"""Työ ja elinkeinot renders the real unemployment, jobs and industry figures, binds its selections to the
URL and says plainly what the data lacks (employment rate of areas, jobs by industry for the country)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app import conftest
from tests.app.conftest import open_download_menus, plotly_figures

NB = "\u00a0"
PAGE = "pages/tyo_ja_elinkeinot.py"


def open_page(app: AppTest, **params: str | list[str]) -> AppTest:
    return conftest.open_page(app, PAGE, **params)


figures_by_title = conftest.figures_by_title


def points(figure: dict, name: str) -> dict:
    return dict(zip(*next((t["x"], t["y"]) for t in figure["data"] if t["name"] == name)))


def test_unemployment_cards_and_chart(app: AppTest) -> None:
    open_page(app)
    assert app.title[0].value == "Työ ja elinkeinot"
    metrics = {m.label: m for m in app.metric}
    # 12r5 6/2026 (2026 export): SK138 1 542 unemployed, 14,5 %; 6/2025 is not in the data, so no change
    unemployed = metrics["Työttömät työnhakijat 6/2026"]
    assert unemployed.value == f"1{NB}542" and not unemployed.delta
    assert metrics["Työttömyysaste 6/2026"].value == f"14,5{NB}%"
    captions = " ".join(c.value for c in app.caption)
    assert f"Keski-Suomi 15,8{NB}%" in captions and f"Koko maa 12,8{NB}%" in captions
    rate = figures_by_title(app)["Työttömyysaste (%) 1/2006–6/2026"]
    assert [t["name"] for t in rate["data"]] == ["Saarijärvi-Viitasaari", "Keski-Suomi", "Koko maa"]
    sub_region = points(rate, "Saarijärvi-Viitasaari")
    assert round(sub_region["2023-10"], 1) == 11.5 and sub_region["2026-06"] == 14.5
    assert sub_region["2024-06"] is None  # the months without data stay a gap in the line
    market = next(f for t, f in figures_by_title(app).items() if t.startswith("Työttömät työnhakijat ja avoimet"))
    assert points(market, "Työttömät työnhakijat")["2023-10"] == 1266
    assert points(market, "Työttömät työnhakijat")["2026-06"] == 1542


def test_count_and_year_on_year_from_the_url(app: AppTest) -> None:
    open_page(app, indikaattori="Työttömät työnhakijat", tila="Muutos vuodentakaisesta")
    assert app.selectbox(key="tyo_ja_elinkeinot.indikaattori").value == "unemployed_jobseekers"
    figure = next(f for t, f in figures_by_title(app).items() if t.startswith("Työttömät työnhakijat (muutos"))
    assert round(points(figure, "Saarijärvi-Viitasaari")["2023-10"], 2) == round(100 * 148 / 1118, 2)  # +13.24 %
    app.radio(key="tyo_ja_elinkeinot.tila").set_value("month").run()
    counts = figures_by_title(app)["Työttömät työnhakijat (henkeä) 1/2006–6/2026"]
    assert [t["name"] for t in counts["data"]] == ["Saarijärvi-Viitasaari"]  # counts: the selected area only
    assert points(counts, "Saarijärvi-Viitasaari")["2023-10"] == 1266


def test_location_quotient_by_hand(app: AppTest) -> None:
    open_page(app)
    table = app.dataframe[0].value
    row = table[table["Toimiala (TOL 2008)"].str.startswith("A ")].iloc[0]
    by_hand = (1298 / 9529) / (3703 / 106060)  # SK138 vs Keski-Suomi, agriculture, forestry and fishing, 2017
    assert row["Sijaintiosamäärä vs. Keski-Suomi"] == f"{by_hand:.2f}".replace(".", ",") == "3,90"
    assert row["Työpaikat, Saarijärvi-Viitasaari 2017"] == f"1{NB}298"
    lq = figures_by_title(app)[
        "Sijaintiosamäärä toimialoittain, Saarijärvi-Viitasaari 2017 (1 = sama osuus kuin vertailualueella)"
    ]
    assert abs(max(lq["data"][0]["x"]) - by_hand) < 1e-9  # the most specialised industry, drawn exactly
    captions = " ".join(c.value for c in app.caption)
    assert "Koko maa: toimialoittaista työpaikkajakaumaa ei ole toimitetussa aineistossa" in captions
    assert "Lähde: Tilastokeskus, Paavo – postinumeroalueittainen avoin tieto 2020, Paavo 2020" in captions


def test_jobs_employment_and_self_sufficiency(app: AppTest) -> None:
    open_page(app, kunta="Saarijärvi")
    figures = figures_by_title(app)
    jobs = figures["Alueen työpaikat ja alueella asuvat työlliset, Saarijärvi 1987–2017 (henkeä)"]
    assert points(jobs, "Alueella olevat työpaikat")[2017] == 2931
    assert points(jobs, "Alueella asuva työllinen työvoima")[2017] == 3236
    rate = figures["Työllisyysaste kunnittain 2006–2016 (% 15–64-vuotiaista)"]
    assert rate["data"][0]["name"] == "Saarijärvi" and points(rate, "Saarijärvi")[2016] == 61.9
    captions = " ".join(c.value for c in app.caption)
    assert "Saarijärvi-Viitasaari, Keski-Suomi, Koko maa: työllisyysastetta ei ole aineistossa" in captions
    sufficiency = next(f for t, f in figures.items() if t.startswith("Työpaikkaomavaraisuus"))
    assert [t["name"] for t in sufficiency["data"]] == [
        "Saarijärvi",
        "Saarijärvi-Viitasaari",
        "Keski-Suomi",
        "Koko maa",
    ]
    assert abs(points(sufficiency, "Saarijärvi")[2017] - 100 * 2931 / 3236) < 1e-5  # derived in the ETL: 90.57 %


def test_small_municipality_offers_rolling_mean(app: AppTest) -> None:
    open_page(app, kunta="Kivijärvi", liukuva="true")
    assert "Kivijärvi" in app.warning[0].value and app.toggle(key="tyo_ja_elinkeinot.liukuva").value is True
    assert any(t.endswith("3 vuoden liukuva keskiarvo") and "Kivijärvi" in t for t in figures_by_title(app))


def test_every_chart_has_downloads_and_text_alternative(app: AppTest) -> None:
    open_page(app)
    charts = len(plotly_figures(app))
    assert charts == 7
    assert len(open_download_menus(app)) == charts + 1  # + the industry table
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels.count("Lataa CSV") == charts + 1  # + the industry table
    assert len(app.expander) == charts


def test_english_by_url(app: AppTest) -> None:
    open_page(app, lang="English")
    assert app.title[0].value == "Work and business"
    assert {m.label: m.value for m in app.metric}["Unemployed jobseekers 6/2026"] == "1,542"
