"""Työssäkäynti renders the real commuting figures, says plainly that no municipality-to-municipality matrix
exists in the bundled data, draws real flows when a warehouse has them, and binds its selections to the URL.
The page draws one of its three parts at a time (URL key tyossakaynti.osio, "aikasarja" by default)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.app import conftest
from tests.app.conftest import open_download_menus, plotly_figures

NB = "\u00a0"
PAGE = "pages/tyossakaynti.py"


def open_page(app: AppTest, **params: str | list[str]) -> AppTest:
    return conftest.open_page(app, PAGE, **params)


def show_part(app: AppTest, part: str) -> AppTest:
    return conftest.show_part(app, "tyossakaynti", part)


def figures(app: AppTest) -> dict[str, dict]:
    return {figure["layout"]["title"]["text"].split(":")[0]: figure for figure in plotly_figures(app)}


def test_saarijarvi_2017_stocks_balance_and_self_sufficiency(app: AppTest) -> None:
    open_page(app, kunta="Saarijärvi")
    assert app.title[0].value == "Työssäkäynti"
    balance = figures(app)["Pendelöinnin tase 2017"]["data"][0]  # the first part: the series and the balance
    bars = dict(zip(balance["y"], balance["x"]))
    assert bars["Saarijärvi"] == -305 and bars["Viitasaari"] == 43
    assert bars["Saarijärvi-Viitasaari"] == -503  # valid for aggregates: 9 529 − 10 032
    assert "Keski-Suomi" not in bars and "Koko maa" not in bars  # counts of another scale stay out
    labels = dict(zip(balance["y"], balance["text"]))
    assert labels["Saarijärvi"] == f"\u2212305 · 90,6{NB}%"

    sankey = figures(show_part(app, "virrat"))["Työssäkäynti Saarijärvi 2017"]["data"][0]
    assert sankey["link"]["value"] == [2278, 958, 653]  # at home, out, in (115n/115p)
    assert sankey["node"]["label"][0] == f"Saarijärvi: asuvat työlliset 3{NB}236"
    assert sankey["node"]["label"][2] == f"Saarijärvi: työpaikat 2{NB}931"
    alt = re.sub(r"\\(.)", r"\1", " ".join(m.value for m in app.markdown))  # text alternatives are escaped Markdown
    assert f"Työpaikkaomavaraisuus 90,6{NB}%" in alt  # 2 931 / 3 236
    assert f"653 (22,3{NB}%) oli muualla asuvien" in alt  # derived: 653 / 2 931


def test_no_matrix_is_said_plainly(app: AppTest) -> None:
    open_page(app, **{"tyossakaynti.osio": "virrat"})  # the part the flows would be drawn in
    info = " ".join(i.value for i in app.info)
    assert "Kunnasta kuntaan -pendelöintimatriisia ei ole mukana toimitetussa aineistossa" in info
    assert list(figures(app)) == ["Työssäkäynti Kannonkoski 2017"]  # the stocks of the first municipality
    assert not any(f["layout"]["title"]["text"].startswith("Työmatkavirrat") for f in plotly_figures(app))


def test_default_share_series_and_missing_aggregates(app: AppTest) -> None:
    open_page(app)
    share = figures(app)["Asuinkunnassaan työssäkäyvien osuus 1987–2017 (%)"]
    traces = {t["name"]: dict(zip(t["x"], t["y"])) for t in share["data"]}
    assert round(traces["Saarijärvi"][2017], 1) == 70.4  # 2 278 / 3 236
    assert round(traces["Koko maa"][2017], 1) == 65.4
    assert "Kivijärvi *" in traces  # under 2 000 residents: marked volatile, dotted
    assert next(t for t in share["data"] if t["name"] == "Kivijärvi *")["line"]["dash"] == "dot"
    captions = " ".join(c.value for c in app.caption)
    # Not additive: no sub-region or region figure exists, and the page says why instead of summing.
    assert "Ei tietoa: Saarijärvi-Viitasaari, Keski-Suomi" in captions
    assert "Lähde: Tilastokeskus, Työssäkäynti, 115n" in captions and "tiedot 2019-10" in captions


def test_index_mode_from_the_url(app: AppTest) -> None:
    open_page(app, indikaattori="Asuinkuntansa ulkopuolella työssäkäyvät", tila="Indeksi (alkuvuosi = 100)",
              kunnat=["Saarijärvi", "Viitasaari"])  # fmt: skip
    assert (
        app.selectbox(key="tyossakaynti.indikaattori").value == "out_commuters"
        and app.radio(key="tyossakaynti.tila").value == "index"
    )
    series = figures(app)["Asuinkuntansa ulkopuolella työssäkäyvät 1987–2017 (indeksi, 1987 = 100)"]
    traces = {t["name"]: dict(zip(t["x"], t["y"])) for t in series["data"]}
    assert traces["Saarijärvi"][1987] == 100
    assert traces["Saarijärvi"][2017] == pytest.approx(100 * 958 / 608)  # 608 out-commuters in 1987, 958 in 2017
    assert "Koko maa" in traces  # an index puts the country on the same axis


def test_employment_area_and_centres(app: AppTest) -> None:
    show_part(open_page(app), "tyollisyysalue")
    text = " ".join(m.value for m in app.markdown)
    assert "Työllisyysalue 27 Pohjoinen Keski-Suomi" in text and "13 kuntaa, joista 8" in text
    assert "Maakunnan suurin työpaikkakunta Jyväskylä ei kuulu" in text
    table = app.dataframe[0].value.set_index("Alue")
    assert table.loc["Jyväskylä", "Rooli"] == "maakunnan suurin työpaikkakunta"
    assert table.loc["Äänekoski", "Rooli"] == "työllisyysalueen suurin työpaikkakunta"
    assert table.loc["Saarijärvi", "Työpaikkaomavaraisuus"] == f"90,6{NB}%"
    total = table.loc["27 Pohjoinen Keski-Suomi"]  # 13 members: 25 232 jobs, 28 611 employed residents
    assert total["Alueella olevat työpaikat"] == f"25{NB}232"
    assert total["Pendelöinnin tase"] == "\u22123\u00a0379"
    assert total["Asuinkunnassaan työssäkäyvien osuus"] == "Ei tietoa"  # not additive


def test_downloads_are_the_rows_shown(app: AppTest) -> None:
    open_page(app, kunta="Saarijärvi")
    expected = {"aikasarja": 2, "virrat": 1, "tyollisyysalue": 1}  # charts per part, 4 in all
    for part, charts in expected.items():
        show_part(app, part)
        assert len(open_download_menus(app)) == charts, part
        labels = [b.proto.label for b in app.get("download_button")]
        assert labels.count("Lataa CSV") == charts == labels.count("Lataa XLSX"), part  # one pair per chart
    assert sum(expected.values()) == 4
    from dashboard.commuting import (
        flows as commuting_flows,  # the rows behind the Sankey are the ones offered for download
    )

    rows = commuting_flows.stocks_view("KU729", "2017", "fi").view.data
    assert rows["persons"].tolist() == [2278, 958, 653] and set(rows["period"]) == {"2017"}
    assert rows["source_table"].tolist() == ["115n", "115n", "115p"]


def test_english(app: AppTest) -> None:
    open_page(app, lang="English", kunta="Saarijärvi", **{"tyossakaynti.osio": "virrat"})
    assert app.title[0].value == "Commuting"
    assert [h.value for h in app.header] == ["Commuting in a municipality"]
    assert list(app.segmented_control[0].options) == [
        "Trend and commuting balance",
        "Commuting in a municipality",
        "Employment area",
    ]
    titles = [f["layout"]["title"]["text"] for f in plotly_figures(app)]
    assert "Commuting Saarijärvi 2017: employed residents and jobs" in " ".join(titles)
    assert "The bundled data has no municipality-to-municipality commuting matrix" in app.info[0].value


def test_each_part_draws_only_its_own_charts(app: AppTest) -> None:
    open_page(app, kunta="Saarijärvi")
    assert app.segmented_control[0].value == "aikasarja"  # the first of the page's parts
    expected = {"aikasarja": ["Asuinkunnassaan työssäkäyvien osuus 1987–2017 (%)", "Pendelöinnin tase 2017"],
                "virrat": ["Työssäkäynti Saarijärvi 2017"],
                "tyollisyysalue": ["Työpaikkaomavaraisuus 2017"]}  # fmt: skip
    headings = {"aikasarja": "Kehitys ja pendelöinnin tase", "virrat": "Kunnan työmatkat",
                "tyollisyysalue": "Työllisyysalue"}  # fmt: skip
    for part, titles in expected.items():
        show_part(app, part)
        assert list(figures(app)) == titles, part
        assert [h.value for h in app.header] == [headings[part]], part
        assert len(app.dataframe) == (part == "tyollisyysalue"), part  # the area's table, only in its part
        # the shared controls stay above every part; a part's own controls only in it
        assert {w.key for w in app.multiselect} == (
            {"tyossakaynti.kunnat", "tyossakaynti.vertailu"} if part == "aikasarja" else {"tyossakaynti.kunnat"}
        ), part
        assert app.select_slider(key="tyossakaynti.vuodet").value == ("1987", "2017"), part
        assert ("tyossakaynti.kunta" in {w.key for w in app.selectbox}) == (part == "virrat"), part


def test_a_link_to_a_part_by_its_label(app: AppTest) -> None:
    open_page(app, **{"tyossakaynti.osio": "Työllisyysalue"})  # the text Streamlit writes into the URL
    assert list(figures(app)) == ["Työpaikkaomavaraisuus 2017"]


def test_a_link_to_a_part_that_does_not_exist_says_so(app: AppTest) -> None:
    open_page(app, **{"tyossakaynti.osio": "olematon"})
    assert any("osio = ”olematon”" in info.value for info in app.info)
    assert app.segmented_control[0].value == "aikasarja"
    assert list(figures(app)) == ["Asuinkunnassaan työssäkäyvien osuus 1987–2017 (%)", "Pendelöinnin tase 2017"]


def test_a_part_keeps_its_choices_while_another_is_shown(app: AppTest) -> None:
    open_page(app)
    app.selectbox(key="tyossakaynti.indikaattori").set_value("out_commuters").run()
    app.radio(key="tyossakaynti.tila").set_value("index").run()
    show_part(app, "virrat")
    app.selectbox(key="tyossakaynti.kunta").set_value("KU729").run()  # Saarijärvi
    app.select_slider(key="tyossakaynti.vuodet").set_value(("1987", "2010")).run()  # shared by every part
    show_part(show_part(app, "tyollisyysalue"), "aikasarja")
    assert app.selectbox(key="tyossakaynti.indikaattori").value == "out_commuters"
    assert app.radio(key="tyossakaynti.tila").value == "index"
    assert "Asuinkuntansa ulkopuolella työssäkäyvät 1987–2010 (indeksi, 1987 = 100)" in figures(app)
    show_part(app, "virrat")
    assert app.selectbox(key="tyossakaynti.kunta").value == "KU729"
    assert list(figures(app)) == ["Työssäkäynti Saarijärvi 2010"]


@pytest.fixture
def flow_env(built_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse copy holding three home × workplace flows that are plainly test data (source 'TESTI').

    The copy gets its own file name: the data version (the file name) keys every cache.
    """
    source = built_data_dir / "warehouse"
    target = tmp_path / "data" / "warehouse"
    target.mkdir(parents=True)
    name = "wh-testflows.duckdb"
    shutil.copy2(source / (source / "CURRENT").read_text(encoding="utf-8").strip(), target / name)
    (target / "CURRENT").write_text(name + "\n", encoding="utf-8")
    with duckdb.connect(str(target / name)) as con:
        con.execute("INSERT INTO fact_commuting_flow VALUES ('KU729','KU179',2017,111,'TESTI','testi'), "
                    "('KU729','KU992',2017,33,'TESTI','testi'), ('KU216','KU729',2017,22,'TESTI','testi'), "
                    "('KU729','KU729',2017,999,'TESTI','testi')")  # fmt: skip
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(tmp_path / "data"))
    return target


def test_flows_are_drawn_when_a_warehouse_has_them(flow_env: Path) -> None:
    app = AppTest.from_file(str(Path(__file__).resolve().parents[3] / "app.py"), default_timeout=60)
    open_page(app)
    assert "asuinkunta × työpaikkakunta -taulu vuosilta 2017–2017" in " ".join(i.value for i in app.info)
    assert not any(f["layout"]["title"]["text"].startswith("Työmatkavirrat") for f in plotly_figures(app))
    show_part(app, "virrat")  # below the municipality's stocks
    assert len(plotly_figures(app)) == 2 and len(open_download_menus(app)) == 2
    flows = figures(app)["Työmatkavirrat 2017"]
    assert flows["layout"]["title"]["text"].startswith("Työmatkavirrat 2017: 3 suurinta 3 virrasta")
    sankey = flows["data"][0]
    assert sankey["link"]["value"] == [111, 33, 22]  # largest first; the 999 who stay home are no flow
    labels = sankey["node"]["label"]
    assert "Saarijärvi (asuinkunta)" in labels and "Jyväskylä (työpaikkakunta)" in labels
    assert "TESTI" in " ".join(c.value for c in app.caption)
