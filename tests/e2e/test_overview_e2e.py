"""What a visitor sees in a real browser: the overview, the language switch and its permalinks, the
data-sources catalogue, and the CSV download of exactly the data in the chart.

AppTest (tests/app) checks the element tree; these check what only a browser shows: that plotly draws,
that the URL carries the language, and that a click on a download button delivers the file.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import CHART, Server, download_button, open_page, wait_idle

pytestmark = pytest.mark.e2e

# st.metric shows "26 387" with a no-break (or narrow no-break) space as the thousands separator.
POPULATION_FI = re.compile(r"^26[\s\u00a0\u202f]387$")
POPULATION_EN = re.compile(r"^26,387$")


def assert_no_exception(page: Page) -> None:
    # showErrorDetails = "none" hides tracebacks, but the stException element still appears on a crash.
    expect(page.get_by_test_id("stException")).to_have_count(0)


def metric_labels(page: Page):
    return page.get_by_test_id("stMain").get_by_test_id("stMetricLabel")


def warehouse_count(server: Server, sql: str) -> int:
    """One number from the warehouse the server serves (read-only: the server holds it open too)."""
    with duckdb.connect(str(server.warehouse), read_only=True) as conn:
        return conn.execute(sql).fetchone()[0]


def test_overview_renders_headlines_and_chart(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    main = page.get_by_test_id("stMain")

    metrics = main.get_by_test_id("stMetric")
    expect(metrics).to_have_count(4)
    values = main.get_by_test_id("stMetricValue")
    for i in range(4):
        expect(metrics.nth(i)).to_be_visible()
        expect(values.nth(i)).not_to_have_text("")  # a card without a figure would still count as a metric
    # Only the first label: the others are catalogue wording, which the catalogue's own tests guard.
    expect(metric_labels(page).first).to_have_text("Väkiluku 31.12.2025")
    expect(values.first).to_have_text(POPULATION_FI)

    chart = main.locator(CHART)
    expect(chart).to_have_count(1)
    expect(chart).to_be_visible()
    # Plotly draws one .trace per line into the SVG: proof the figure rendered, not just its container.
    expect(chart.locator(".scatterlayer .trace").first).to_be_attached()
    assert chart.locator(".scatterlayer .trace").count() >= 1
    expect(chart.locator(".gtitle")).to_have_text("Väkiluku kunnittain 1972–2025 (henkeä)")

    expect(download_button(page, "vakiluku_kunnittain", "csv")).to_have_text("Lataa CSV")
    expect(download_button(page, "vakiluku_kunnittain", "xlsx")).to_have_text("Lataa XLSX")
    expect(main.get_by_test_id("stDataFrame")).to_be_visible()  # the data-freshness table
    assert_no_exception(page)


def test_language_switch_relabels_and_updates_url(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    expect(metric_labels(page).first).to_have_text("Väkiluku 31.12.2025")

    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="English", exact=True).click()
    wait_idle(page)

    # `expect` retries: the rerun the click triggers may start a moment after wait_idle returned.
    expect(metric_labels(page).first).to_have_text("Population 31 Dec 2025")
    expect(page.get_by_test_id("stMain").get_by_text("Väkiluku")).to_have_count(0)
    expect(page.locator(CHART).locator(".gtitle")).to_have_text("Population by municipality 1972–2025 (persons)")
    expect(page).to_have_url(re.compile(r"[?&]lang=English(&|$)"))

    # Moving to another page keeps the language, in the page and in the URL.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Data sources").click()
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text("Data sources")
    expect(page).to_have_url(re.compile(r"/tietolahteet\?(.*&)?lang=English(&|$)"))
    assert_no_exception(page)


def test_permalink_opens_overview_in_english(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/?lang=English")
    expect(metric_labels(page).first).to_have_text("Population 31 Dec 2025")
    expect(page.get_by_test_id("stMain").get_by_test_id("stMetricValue").first).to_have_text(POPULATION_EN)
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox")).to_have_value("English")
    expect(page.get_by_test_id("stMain").get_by_text("Väkiluku")).to_have_count(0)
    assert_no_exception(page)


def test_permalink_opens_sources_in_swedish(page: Page, base_url: str) -> None:
    open_page(page, f"{base_url}/tietolahteet?lang=svenska")
    expect(page.locator("h1").first).to_have_text("Datakällor")
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox")).to_have_value("svenska")
    expect(page).to_have_url(re.compile(r"lang=svenska"))
    assert_no_exception(page)


def test_sources_page_lists_the_catalogue(page: Page, server: Server) -> None:
    open_page(page, f"{server.base_url}/tietolahteet")
    expect(page.locator("h1").first).to_have_text("Tietolähteet")
    expect(page.get_by_test_id("stMain").get_by_text("CC BY 4.0").first).to_be_visible()

    # st.dataframe draws on a canvas; its accessible grid mirrors it: one row per indicator plus the header,
    # but only the rows scrolled into view get cells, so scroll until the one we look for is drawn.
    catalogue = page.get_by_test_id("stDataFrame").first
    expect(catalogue).to_be_visible()
    indicators = warehouse_count(server, "SELECT count(*) FROM dim_indicator")
    expect(catalogue.locator("[aria-rowcount]")).to_have_attribute("aria-rowcount", str(indicators + 1))
    # The grid is visually hidden (the canvas is what users see), so match its cells by CSS, not by role.
    cell = catalogue.locator("td", has_text=re.compile(r"^Työttömyysaste$"))
    catalogue.hover()
    for _ in range(30):
        if cell.count():
            break
        page.mouse.wheel(0, 150)
        page.wait_for_timeout(150)
    expect(cell).to_have_count(1)
    assert_no_exception(page)


def test_csv_download_is_the_chart_data(page: Page, server: Server) -> None:
    open_page(page, server.base_url)
    button = download_button(page, "vakiluku_kunnittain", "csv")
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")  # BOM: so Excel reads UTF-8

    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["area_code", "area_name", "period", "value"]
    expected = warehouse_count(server, "SELECT count(*) FROM fact_indicator WHERE indicator_id = 'population' "
                                       "AND area_code IN (SELECT area_code FROM dim_area WHERE is_focus)")  # fmt: skip
    assert len(body) == expected > 0
    focus = warehouse_count(server, "SELECT count(*) FROM dim_area WHERE is_focus")
    assert len({row[0] for row in body}) == focus == 8
    assert "Saarijärvi" in {row[1] for row in body}
    assert_no_exception(page)
