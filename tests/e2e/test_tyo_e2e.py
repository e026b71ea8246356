"""Työ ja elinkeinot in a real browser: the charts draw, a municipality, the indicator and the mode can be
changed, the URL reopens the same view in a new page, and the CSV download holds the points of the chart."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import CHART as PLOT
from tests.e2e.conftest import download_button, open_page, wait_idle
from tests.e2e.test_vaesto_e2e import chart_points, choose, expect_title, selectbox_value

pytestmark = pytest.mark.e2e

CHART = ".st-key-tyo_tyottomyys"


def test_page_draws_every_chart_part_by_part(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/tyo_ja_elinkeinot")
    expect(page.locator("h1").first).to_have_text("Työ ja elinkeinot")
    main = page.get_by_test_id("stMain")
    charts = main.locator(PLOT)
    expect(charts).to_have_count(2)  # the first part: unemployment and the labour market
    expect(main.get_by_test_id("stMetricValue").nth(1)).to_have_text(re.compile(r"^1[\s\u00a0\u202f]542$"))
    expect_title(page, CHART, "Työttömyysaste (%) 1/2006–6/2026")
    parts = page.locator(".st-key-tyo_ja_elinkeinot-osio")
    # with the income and education bars (14ww 2024, 12bs 2025): 2 + 3 + 2 + 1 charts
    for label, count in (("Työllisyys ja työpaikat", 3), ("Työpaikat toimialoittain", 2), ("Tulot ja koulutus", 1)):
        parts.get_by_text(label, exact=True).click()
        expect(main.get_by_role("heading", name=label, exact=True)).to_be_visible()
        expect(charts).to_have_count(count)
        if label == "Työpaikat toimialoittain":
            expect(page.locator(".st-key-tyo_sijaintiosamaara .barlayer .trace").first).to_be_attached()
    expect(main.get_by_test_id("stException")).to_have_count(0)


def test_change_municipality_indicator_and_mode_then_permalink(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/tyo_ja_elinkeinot")
    choose(page, "Alue", "Saarijärvi")
    choose(page, "Indikaattori", "Työttömät työnhakijat")
    page.locator(".st-key-tyo_ja_elinkeinot-tila").get_by_text("Muutos vuodentakaisesta", exact=True).click()
    wait_idle(page)
    expected = "Työttömät työnhakijat (muutos vuodentakaisesta, %) 1/2007–10/2023"
    expect_title(page, CHART, expected)
    expect(page).to_have_url(re.compile(r"tyo_ja_elinkeinot\.kunta=Saarij(%C3%A4|ä)rvi"))
    expect(page).to_have_url(re.compile(r"tyo_ja_elinkeinot\.indikaattori="))
    url = page.url

    again = page.context.new_page()
    open_page(again, url)
    expect(selectbox_value(again, "Alue")).to_have_value("Saarijärvi")
    expect(selectbox_value(again, "Indikaattori")).to_have_value("Työttömät työnhakijat")
    expect_title(again, CHART, expected)
    assert chart_points(again, CHART) == chart_points(page, CHART)
    expect(again.get_by_test_id("stException")).to_have_count(0)


def test_unemployment_csv_is_the_chart_data(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/tyo_ja_elinkeinot")
    expect_title(page, CHART, "Työttömyysaste (%) 1/2006–6/2026")
    drawn = chart_points(page, CHART)
    with page.expect_download() as info:
        download_button(page, "tyo_tyottomyys", "csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    # 215 months per area with a value (1/2006–10/2023 and 6/2026); the months between are a gap in the line
    # (None points), and a gap is never a row with a made-up value.
    values = [(r["area_name"], r["period"]) for r in rows if r["value"] != ""]
    assert len(values) == len([y for *_, y in drawn if y is not None]) == 3 * 215
    assert values == [(n, x[:7]) for n, x, y in drawn if y is not None]
    latest = {r["area_code"]: float(r["value"]) for r in rows if r["period"] == "2026-06"}
    assert latest == {"SK138": 14.5, "MK13": 15.8, "SSS": 12.8}
