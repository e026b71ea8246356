"""Työ ja elinkeinot renders the real unemployment, jobs and industry figures, binds its selections to the
URL and says plainly what the data lacks (employment rate of areas, jobs by industry for the country).

The page draws one of its four parts at a time (URL key tyo_ja_elinkeinot.osio, "tyottomyys" by default)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app import conftest
from tests.app.conftest import open_download_menus, plotly_figures

NB = "\u00a0"
PAGE = "pages/tyo_ja_elinkeinot.py"


def open_page(app: AppTest, **params: str | list[str]) -> AppTest:
    return conftest.open_page(app, PAGE, **params)


figures_by_title = conftest.figures_by_title


def show_part(app: AppTest, part: str) -> AppTest:
    return conftest.show_part(app, "tyo_ja_elinkeinot", part)


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
    open_page(app, **{"tyo_ja_elinkeinot.osio": "toimialat"})
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
    open_page(app, kunta="Saarijärvi", **{"tyo_ja_elinkeinot.osio": "tyopaikat"})
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
    open_page(app, kunta="Kivijärvi", liukuva="true", **{"tyo_ja_elinkeinot.osio": "tyopaikat"})
    assert "Kivijärvi" in app.warning[0].value and app.toggle(key="tyo_ja_elinkeinot.liukuva").value is True
    assert any(t.endswith("3 vuoden liukuva keskiarvo") and "Kivijärvi" in t for t in figures_by_title(app))


def test_every_chart_has_downloads_and_text_alternative(app: AppTest) -> None:
    open_page(app)
    # (charts, tables) per part: 7 + income and education across the areas; the industry and income tables
    expected = {"tyottomyys": (2, 0), "tyopaikat": (3, 0), "toimialat": (2, 1), "tulot": (1, 1)}
    for part, (charts, tables) in expected.items():
        show_part(app, part)
        assert len(plotly_figures(app)) == charts, part
        assert len(open_download_menus(app)) == charts + tables, part
        labels = [b.proto.label for b in app.get("download_button")]
        assert labels.count("Lataa CSV") == charts + tables, part
        assert len(app.expander) == charts, part
    assert sum(charts for charts, _ in expected.values()) == 8


def test_a_part_keeps_its_choices_while_another_is_shown(app: AppTest) -> None:
    open_page(app)
    app.radio(key="tyo_ja_elinkeinot.tila").set_value("yoy").run()
    show_part(show_part(app, "tulot"), "tyottomyys")
    assert app.radio(key="tyo_ja_elinkeinot.tila").value == "yoy"


def test_english_by_url(app: AppTest) -> None:
    open_page(app, lang="English")
    assert app.title[0].value == "Work and business"
    assert {m.label: m.value for m in app.metric}["Unemployed jobseekers 6/2026"] == "1,542"


# --- income (14ww 2024) and education (12bs 2025) across the areas -------------------------------------

MEDIAN = "Käytettävissä olevan rahatulon mediaani (kulutusyksikköä kohden) 2024"
TERTIARY = "Korkea-asteen tutkinnon suorittaneiden osuus 31.12.2025"
NO_DEGREE = "Ilman perusasteen jälkeistä tutkintoa olevien osuus 31.12.2025"


def test_income_and_education_of_the_sub_region(app: AppTest) -> None:
    open_page(app, **{"tyo_ja_elinkeinot.osio": "tulot"})
    metrics = {m.label: m.value for m in app.metric}
    # 14ww publishes the SK138 row; 12bs does not: its shares come from the summed counts (derived)
    assert metrics[MEDIAN] == f"26{NB}972{NB}€" and metrics["Pienituloisuusaste 2024"] == f"17,6{NB}%"
    assert metrics[TERTIARY] == f"20,6{NB}%" and metrics[NO_DEGREE] == f"30,2{NB}%"
    captions = " ".join(c.value for c in app.caption)
    assert f"Saarijärvi-Viitasaari · Koko maa 30{NB}523{NB}€" in captions
    table = next(d.value for d in app.dataframe if MEDIAN in d.value.columns).set_index("Alue")
    assert table.loc["Saarijärvi-Viitasaari", TERTIARY] == f"20,6{NB}% *"  # computed from the summed counts
    assert table.loc["Keski-Suomi", TERTIARY] == f"32,8{NB}%" and table.loc["Koko maa", NO_DEGREE] == f"24,6{NB}%"
    assert table.loc["Kivijärvi", "Pienituloisuusaste 2024"] == f"20,7{NB}%"
    assert table.loc["Saarijärvi", MEDIAN] == f"27{NB}033{NB}€"
    bars = figures_by_title(app)[MEDIAN + " (euroa)"]
    values = dict(zip(bars["data"][0]["y"], bars["data"][0]["x"]))
    assert values["Kinnula"] == 25684 and values["Koko maa"] == 30523 and values["Saarijärvi-Viitasaari"] == 26972
    assert (
        "Lähde: Tilastokeskus, Tulonjakotilasto, 14ww" in captions and "Johdettu luku (jäsenkuntien summa" in captions
    )


def test_low_income_bars_for_a_municipality_from_the_url(app: AppTest) -> None:
    open_page(app, **{"tyo_ja_elinkeinot.kunta": "Kivijärvi", "tyo_ja_elinkeinot.osio": "tulot",
                      "tyo_ja_elinkeinot.tulot_koulutus": "Pienituloisuusaste"})  # fmt: skip
    assert app.selectbox(key="tyo_ja_elinkeinot.tulot_koulutus").value == "low_income_rate"
    assert {m.label: m.value for m in app.metric}["Pienituloisuusaste 2024"] == f"20,7{NB}%"
    bars = figures_by_title(app)["Pienituloisuusaste 2024 (%)"]
    assert dict(zip(bars["data"][0]["y"], bars["data"][0]["x"]))["Koko maa"] == 14.2
    alt = " ".join(e.markdown[0].value for e in app.expander).replace("\\", "")
    assert "Kivijärvi 20,7" in alt


def test_income_education_and_industries_in_swedish(app: AppTest) -> None:
    open_page(app, lang="svenska", **{"tyo_ja_elinkeinot.osio": "tulot"})
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Låginkomstgrad 2024"] == f"17,6{NB}%"
    assert metrics["Andel med högskoleexamen 31.12.2025"] == f"20,6{NB}%"
    show_part(app, "toimialat")
    names = [y for f in plotly_figures(app) for t in f["data"] for y in (t.get("y") or []) if isinstance(y, str)]
    assert any(n.startswith("C Tillverkning") for n in names)  # TOL 2008 in Swedish, not "C Teollisuus"
    assert not any(n.startswith("C Teollisuus") for n in names)
