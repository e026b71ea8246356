"""Issue 12 point 8: € per resident 2014–20 compares SK138 (6 of 19 projects with an amount) against the rest
of Keski-Suomi (521 of 523), from a list cut in autumn 2016. The coverage and the list's date belong in the
chart, the caption and the text alternative; a bar below COVERAGE_MIN is drawn as not comparable."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.funding import summary as funding
from dashboard.funding import views as funding_views
from dashboard.funding.charts import NOT_COMPARABLE


def test_coverage_of_the_2014_2020_comparison_from_the_warehouse(store: Path) -> None:
    rows = funding.per_resident(("2014-2020",), (), "fi").set_index("area_code")
    sub, rest = rows.loc["SK138"], rows.loc["rest"]
    # the shipped EURA 2014 list (autumn 2016) + the public project pages: 19 projects of the sub-region,
    # 6 of them with a granted amount; 523 of the rest of the region, 521 with an amount
    assert (sub["with_amount"], sub["projects"], rest["with_amount"], rest["projects"]) == (6, 19, 521, 523)
    assert sub["eur_per_resident_year"] == pytest.approx(4.92, abs=0.005)
    assert rest["eur_per_resident_year"] == pytest.approx(32.94, abs=0.005)
    assert funding.COVERAGE_MIN == 0.8
    assert sub["coverage"] == pytest.approx(6 / 19) and not sub["comparable"]
    assert rest["coverage"] == pytest.approx(521 / 523) and rest["comparable"]
    assert "2016" in sub["lists"] and "EURA 2014" in sub["lists"]


def test_coverage_in_the_chart_caption_and_text_alternative(store: Path) -> None:
    view = funding_views.per_resident_view("fi", ("2014-2020",), ())
    bars = view.figure.data[0]
    by_area = dict(zip(bars.y, bars.text))
    assert by_area["Saarijärvi-Viitasaari"].startswith("6 / 19")
    assert by_area["Muu Keski-Suomi"].startswith("521 / 523")
    colours = dict(zip(bars.y, bars.marker.color))
    shapes = dict(zip(bars.y, bars.marker.pattern.shape))
    assert colours["Saarijärvi-Viitasaari"] == NOT_COMPARABLE and shapes["Saarijärvi-Viitasaari"] == "x"
    assert colours["Muu Keski-Suomi"] != NOT_COMPARABLE
    assert "6 / 19" in "".join(bars.customdata[list(bars.y).index("Saarijärvi-Viitasaari")])
    legend = [trace.name for trace in view.figure.data]
    assert any("80" in name and "%" in name for name in legend)  # the not-comparable marking is explained
    assert "6 / 19" in view.alt_text and "521 / 523" in view.alt_text and "2016" in view.alt_text
    assert "ei vertailukelpoinen" in view.alt_text
    assert "80" in view.caption and "2016" in view.caption
    assert {"with_amount", "projects", "coverage", "comparable"} <= set(view.data.columns)
