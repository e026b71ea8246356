"""Väestö in a real browser: the charts draw, a municipality and the display mode can be changed, the URL
reopens the same view in a new page, and the CSV download holds exactly the points of the chart."""

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

COMPARE = ".st-key-vaesto_vertailu"  # the comparison chart's container (the chart element's key)


def expect_title(page: Page, selector: str, text: str) -> None:
    """The chart under `selector` shows `text` as its title. Counted, not read: while a rerun redraws it, the
    outgoing figure can linger for a moment beside the new one."""
    titles = page.locator(selector).locator(".gtitle", has_text=re.compile(f"^{re.escape(text)}$"))
    expect(titles).to_have_count(1)


def chart_points(page: Page, selector: str) -> list[tuple[str, str, float | None]]:
    """(trace name, x, y) of every point of the lines plotly drew in the chart under `selector` (from its
    decoded data; not the hollow marks of preliminary points, which repeat a line's points)."""
    return page.locator(f"{selector} .js-plotly-plot").last.evaluate(
        "el => el._fullData.filter(t => t.mode === 'lines').flatMap(t => Array.from(t.x, (x, i) => [t.name, String(x), t.y[i]]))"
    )


def test_page_draws_every_chart_part_by_part(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/vaesto")
    expect(page.locator("h1").first).to_have_text("Väestö")
    main = page.get_by_test_id("stMain")
    charts = main.locator(CHART)
    expect(charts).to_have_count(1)  # the first part, Vertailu: only its chart is drawn
    expect(charts.nth(0).locator(".scatterlayer .trace").first).to_be_attached()
    expect_title(page, COMPARE, "Väkiluku (indeksi, 1972 = 100) 1972–2025")
    parts = page.locator(".st-key-vaesto-osio")
    # 7 over time + the newest year's age-structure and vital-events bars of 2025
    for label, count in (("Väkiluku kunnittain", 1), ("Ikärakenne", 4), ("Väestönmuutos", 3), ("Vertailu", 1)):
        parts.get_by_text(label, exact=True).click()
        expect(main.get_by_role("heading", name=label, exact=True)).to_be_visible()
        expect(charts).to_have_count(count)
        if label == "Ikärakenne":
            expect(page).to_have_url(re.compile(r"vaesto\.osio=Ik(%C3%A4|ä)rakenne"))
            expect(main.get_by_text("0–14-vuotiaiden osuutta ei voi laskea", exact=False)).to_be_visible()
        expect(main.get_by_test_id("stException")).to_have_count(0)


def test_change_municipality_and_mode_then_permalink(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/vaesto")
    choose(page, "Alue", "Saarijärvi")
    page.locator(".st-key-vaesto-tila").get_by_text("Määrä", exact=True).click()
    wait_idle(page)
    expect_title(page, COMPARE, "Väkiluku (henkeä) 1972–2025")
    expect(page).to_have_url(re.compile(r"vaesto\.kunta=Saarij(%C3%A4|ä)rvi"))
    expect(page).to_have_url(re.compile(r"vaesto\.tila=M(%C3%A4|ä)(%C3%A4|ä)r(%C3%A4|ä)"))
    url = page.url

    again = page.context.new_page()
    open_page(again, url)
    expect(selectbox_value(again, "Alue")).to_have_value("Saarijärvi")
    expect(again.locator(".st-key-vaesto-tila input[type=radio]:checked")).to_have_count(1)
    expect_title(again, COMPARE, "Väkiluku (henkeä) 1972–2025")
    assert chart_points(again, COMPARE) == chart_points(page, COMPARE)
    expect(again.get_by_test_id("stException")).to_have_count(0)


def test_compare_csv_is_the_chart_data(page: Page, server: Server) -> None:
    open_page(page, f"{server.base_url}/vaesto?vaesto.kunta=Saarij%C3%A4rvi&vaesto.tila=M%C3%A4%C3%A4r%C3%A4")
    expect_title(page, COMPARE, "Väkiluku (henkeä) 1972–2025")
    drawn = chart_points(page, COMPARE)
    with page.expect_download() as info:
        download_button(page, "vaesto_vertailu", "csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    with duckdb.connect(str(server.warehouse), read_only=True) as con:
        expected = con.execute("SELECT count(*) FROM fact_indicator WHERE indicator_id = 'population' AND area_code = 'KU729'").fetchone()[0]  # fmt: skip
    assert len(rows) == len(drawn) == expected == 54  # 1972–2025
    assert [(r["area_name"], r["period"], float(r["value"])) for r in rows] == [(n, x, y) for n, x, y in drawn]
    assert {r["period"]: float(r["value"]) for r in rows}["2020"] == 9208


def test_a_link_by_code_or_id_keeps_its_choice_in_the_address_bar(page: Page, base_url: str) -> None:
    """?kunta=KU729 (a link from before the page prefixes) and a part named by its id open that view, and the
    address bar keeps both as the widgets' own texts: a copied link reopens the same view."""
    open_page(page, f"{base_url}/vaesto?kunta=KU729&vaesto.osio=kunnittain")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Väkiluku kunnittain", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"vaesto\.osio=V(%C3%A4|ä)kiluku(\+|%20)kunnittain"))
    expect(page).to_have_url(re.compile(r"vaesto\.kunta=Saarij(%C3%A4|ä)rvi"))
    assert "kunta=KU729" not in page.url
    expect(selectbox_value(page, "Alue")).to_have_value("Saarijärvi")
    expect(main.get_by_test_id("stException")).to_have_count(0)
