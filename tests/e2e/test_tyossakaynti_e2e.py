"""Työssäkäynti in a real browser: each of the page's parts draws its charts (one part at a time, URL key
tyossakaynti.osio), a municipality and an indicator can be changed, the URL reopens the same view in a new
page, and the CSV download holds exactly the rows of the chart."""

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

SERIES, STOCKS, AREA = "Kehitys ja pendelöinnin tase", "Kunnan työmatkat", "Työllisyysalue"


def chart_titles(page: Page):
    return page.locator(CHART).locator(".gtitle")


def show_part(page: Page, label: str) -> None:
    """Choose one of the page's parts above them (URL key tyossakaynti.osio), as a visitor does."""
    page.locator(".st-key-tyossakaynti-osio").get_by_text(label, exact=True).click()
    expect(page.get_by_test_id("stMain").get_by_role("heading", name=label, exact=True)).to_be_visible()
    wait_idle(page)


def test_page_draws_every_chart_part_by_part(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/tyossakaynti")
    expect(page.locator("h1").first).to_have_text("Työssäkäynti")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Kunnasta kuntaan -pendelöintimatriisia ei ole")).to_be_visible()
    charts = main.locator(CHART)
    expect(charts).to_have_count(2)  # the first part: indicator over time and the balance
    expect(charts.nth(0).locator(".scatterlayer .trace").first).to_be_attached()
    expect(charts.nth(1).locator(".barlayer .trace").first).to_be_attached()
    show_part(page, STOCKS)
    expect(charts).to_have_count(1)  # stocks (Sankey); no flows in the bundled data
    expect(charts.nth(0).locator(".sankey-node").first).to_be_attached()
    show_part(page, AREA)
    expect(charts).to_have_count(1)  # the employment area and its job centres, with its table
    expect(charts.nth(0).locator(".barlayer .trace").first).to_be_attached()
    expect(main.get_by_test_id("stDataFrame")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"tyossakaynti\.osio=Ty(%C3%B6|ö)llisyysalue"))
    expect(main.get_by_test_id("stException")).to_have_count(0)


def test_change_municipality_and_indicator_then_permalink(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/tyossakaynti")
    choose(page, "Indikaattori", "Pendelöinnin tase")
    expect(chart_titles(page).nth(0)).to_have_text(re.compile(r"^Pendelöinnin tase 1987–2017"))
    show_part(page, STOCKS)
    choose(page, "Kunta", "Saarijärvi")
    expect(chart_titles(page).nth(0)).to_have_text(re.compile(r"^Työssäkäynti Saarijärvi 2017"))
    expect(page).to_have_url(re.compile(r"tyossakaynti\.kunta=Saarij(%C3%A4|ä)rvi"))
    expect(page).to_have_url(re.compile(r"tyossakaynti\.osio=Kunnan"))
    stocks_url = page.url
    show_part(page, SERIES)  # the indicator kept its value while the other part was shown
    expect(selectbox_value(page, "Indikaattori")).to_have_value("Pendelöinnin tase")
    expect(chart_titles(page).nth(0)).to_have_text(re.compile(r"^Pendelöinnin tase 1987–2017"))
    expect(page).to_have_url(re.compile(r"tyossakaynti\.indikaattori=Pendel"))
    series_url = page.url

    views = ((stocks_url, "Kunta", "Saarijärvi", r"^Työssäkäynti Saarijärvi 2017"),
             (series_url, "Indikaattori", "Pendelöinnin tase", r"^Pendelöinnin tase 1987–2017"))  # fmt: skip
    for url, label, value, title in views:  # each link reopens its part as it was, in a new page
        again = page.context.new_page()
        open_page(again, url)
        expect(selectbox_value(again, label)).to_have_value(value)
        expect(chart_titles(again).nth(0)).to_have_text(re.compile(title))
        expect(again.get_by_test_id("stException")).to_have_count(0)
        again.close()


def test_stocks_csv_is_the_chart_data(page: Page, server: Server) -> None:
    open_page(page, f"{server.base_url}/tyossakaynti?tyossakaynti.osio=virrat&tyossakaynti.kunta=Saarij%C3%A4rvi")
    expect(chart_titles(page).nth(0)).to_have_text(re.compile(r"^Työssäkäynti Saarijärvi 2017"))
    button = download_button(page, "tyossakaynti_varannot", "csv")
    with page.expect_download() as info:
        button.click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    with duckdb.connect(str(server.warehouse), read_only=True) as con:
        expected = dict(con.execute(
            "SELECT indicator_id, value FROM fact_indicator WHERE area_code = 'KU729' AND period = '2017' AND "
            "indicator_id IN ('residents_working_in_home_municipality', 'out_commuters', 'in_commuters')"
        ).fetchall())  # fmt: skip
    assert len(rows) == 3 == len(expected)
    assert {r["indicator_id"]: float(r["persons"]) for r in rows} == expected
    assert {r["area_name"] for r in rows} == {"Saarijärvi"} and {r["period"] for r in rows} == {"2017"}
