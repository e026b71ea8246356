"""Kuntavertailu in a real browser: the heatmap table, the offline map (every municipality of the region
drawn, no tiles) and the small multiples; changing a municipality and the indicator; the permalink; the map's
CSV download."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import CHART, Server, choose, download_button, open_page, selectbox_value, wait_idle

pytestmark = pytest.mark.e2e

REGION_SQL = (
    "SELECT count(*) FROM dim_area m JOIN dim_area s ON s.area_code = m.parent_code WHERE m.level = 'municipality' "
    "AND s.parent_code = (SELECT value FROM meta_region WHERE key = 'region')"
)


def count(server: Server, sql: str) -> int:
    with duckdb.connect(str(server.warehouse), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def show_part(page: Page, label: str) -> None:
    """Choose one of the page's parts above them (URL key kuntavertailu.osio), as a visitor does."""
    page.locator(".st-key-kuntavertailu-osio").get_by_text(label, exact=True).click()
    expect(page.get_by_test_id("stMain").get_by_role("heading", name=label, exact=True)).to_be_visible()
    wait_idle(page)


def test_heatmap_map_and_multiples_draw(page: Page, server: Server) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(server.base_url) else None)
    open_page(page, f"{server.base_url}/kuntavertailu")
    expect(page.locator("h1").first).to_have_text("Kuntavertailu")
    charts = page.get_by_test_id("stMain").locator(CHART)
    expect(charts).to_have_count(1)  # the first part: the heatmap
    title = charts.nth(0).locator(".gtitle")
    expect(title).to_have_text(re.compile(r"^Kuntavertailu – Puhtia ennakointiin: \d+ indikaattorin"))
    # One theme at a time: another spearhead's indicators redraw the heatmap, and the link holds the theme.
    page.get_by_test_id("stRadio").filter(has_text="Indikaattorit").get_by_text("Sykettä yrittäjätoimintaan").click()
    expect(title).to_have_text(re.compile(r"^Kuntavertailu – Sykettä yrittäjätoimintaan: \d+ indikaattorin"))
    expect(page).to_have_url(re.compile(r"kuntavertailu\.teema=Syk"))
    # The plain table is drawn when its expander opens (not before: it cost a quarter of the page switch).
    main = page.get_by_test_id("stMain")
    expect(main.get_by_test_id("stDataFrame")).to_have_count(0)
    as_table = main.get_by_test_id("stExpander").filter(has_text="Taulukkona")
    as_table.locator("summary").click()
    expect(as_table.get_by_test_id("stDataFrame")).to_be_visible()
    wait_idle(page)
    # The map: every municipality of the region filled, from the warehouse's boundaries, with no download.
    show_part(page, "Kartta")
    municipalities = count(server, REGION_SQL)
    expect(charts.nth(0).locator("path.choroplethlocation").first).to_be_attached()
    filled = charts.nth(0).locator(".choroplethlayer .trace").first.locator("path.choroplethlocation")
    expect(filled).to_have_count(municipalities)
    show_part(page, "Aikasarjat alueittain")
    expect(charts).to_have_count(1)
    expect(charts.nth(0).locator(".scatterlayer .trace").first).to_be_attached()
    show_part(page, "Indikaattorit: uusin arvo, sija ja suunta")  # back: the theme chosen before
    expect(title).to_have_text(re.compile(r"^Kuntavertailu – Sykettä yrittäjätoimintaan: "))
    assert not [u for u in requests if "plot.ly" in u or "tile" in u], requests
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_change_municipality_and_indicator_then_permalink(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/kuntavertailu")
    show_part(page, "Kartta")
    choose(page, "Indikaattori", "Työpaikkaomavaraisuus")
    choose(page, "Ajankohta", "2015")
    # Drop one municipality from the comparison (the multiselect's chip has a remove button).
    page.get_by_test_id("stMultiSelect").first.get_by_role("button", name=re.compile("Kannonkoski")).first.click()
    wait_idle(page)
    titles = page.locator(CHART).locator(".gtitle")
    expect(titles.nth(0)).to_have_text(re.compile(r"^Työpaikkaomavaraisuus, Keski-Suomi 2015"))
    expect(page).to_have_url(re.compile(r"kuntavertailu\.indikaattori=Ty(%C3%B6|ö)paikkaomavaraisuus"))
    expect(page).to_have_url(re.compile(r"kuntavertailu\.osio=Kartta"))
    url = page.url

    again = page.context.new_page()
    open_page(again, url)
    expect(selectbox_value(again, "Indikaattori")).to_have_value("Työpaikkaomavaraisuus")
    expect(selectbox_value(again, "Ajankohta")).to_have_value("2015")
    chips = again.get_by_test_id("stMultiSelect").first
    expect(chips.get_by_text("Kannonkoski", exact=True)).to_have_count(0)
    expect(chips.get_by_text("Saarijärvi", exact=True)).to_have_count(1)
    expect(again.locator(CHART).locator(".gtitle").nth(0)).to_have_text(
        re.compile(r"^Työpaikkaomavaraisuus, Keski-Suomi 2015")
    )
    expect(again.get_by_test_id("stException")).to_have_count(0)


def test_map_csv_is_the_map_data(page: Page, server: Server) -> None:
    open_page(
        page,
        f"{server.base_url}/kuntavertailu?kuntavertailu.indikaattori=Ty%C3%B6paikkaomavaraisuus&kuntavertailu.vuosi=2017"
        "&kuntavertailu.osio=kartta",
    )
    expect(page.locator(CHART).locator(".gtitle").nth(0)).to_have_text(
        re.compile(r"^Työpaikkaomavaraisuus, Keski-Suomi 2017")
    )
    with page.expect_download() as info:
        download_button(page, "kuntavertailu_kartta", "csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == count(server, REGION_SQL)
    saarijarvi = next(r for r in rows if r["area_name"] == "Saarijärvi")
    expected = count(server, "SELECT value FROM fact_indicator WHERE indicator_id = 'job_self_sufficiency' "
                             "AND area_code = 'KU729' AND period = '2017'")  # fmt: skip
    assert float(saarijarvi["value"]) == pytest.approx(expected) and saarijarvi["period"] == "2017"
