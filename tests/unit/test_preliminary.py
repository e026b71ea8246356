"""Preliminary figures in chart data: hollow markers and 'ennakkotieto' in the hover text of exactly the
preliminary points, the periods named in captions and text alternatives, and derived figures inheriting the
flag. Pure: synthetic frames, no warehouse."""

from __future__ import annotations

import pandas as pd

from dashboard.model import charts, derive, preliminary
from dashboard.population.choices import line_alt_text

SUFFIX = " (ennakkotieto)"


def series(flags: dict[str, bool], area: str = "KU729") -> pd.DataFrame:
    return pd.DataFrame({"area_code": area, "area_name": "Saarijärvi", "period": list(flags),
                         "x": [int(p) if len(p) == 4 else p for p in flags], "value": range(100, 100 + len(flags)),
                         "is_preliminary": list(flags.values()), "is_derived": False, "status": None,
                         "source_table": "11re", "vintage": "v"})  # fmt: skip


def test_small_multiples_mark_only_preliminary_points() -> None:
    data = series({"2023": False, "2024": True, "2025": False})
    line, markers = charts.small_multiples(data, {"KU729": "#000"}, "t", "fi", preliminary=SUFFIX).data
    assert line.mode == "lines" and list(line.text) == ["", SUFFIX, ""]
    assert line.hovertemplate == "%{x}: %{y:,.0f} %{text}<extra>%{fullData.name}</extra>"
    # Only the preliminary point is drawn, hollow, in the line's panel and legend group; hovering shows the line's.
    assert markers.mode == "markers" and list(markers.x) == [2024] and list(markers.y) == [101]
    assert markers.marker.symbol == "circle-open" and markers.marker.size == 10 and markers.hoverinfo == "skip"
    assert (markers.xaxis, markers.yaxis) == (line.xaxis, line.yaxis) and markers.legendgroup == line.legendgroup
    assert markers.name == "Saarijärvi (ennakkotieto)" and not markers.showlegend


def test_line_chart_marks_preliminary_and_keeps_final_series_plain() -> None:
    data = pd.concat([series({"2024": True, "2025": False}), series({"2024": False, "2025": False}, "SSS")])
    marked, markers, plain = charts.line_chart(data, {}, "t", "y", "fi", hover="%{x}: %{y}", preliminary=SUFFIX).data
    assert list(marked.text) == [SUFFIX, ""] and list(markers.x) == [2024] and markers.marker.symbol == "circle-open"
    assert marked.hovertemplate == "%{x}: %{y}%{text}<extra>%{fullData.name}</extra>"
    assert plain.mode == "lines" and plain.text is None  # nothing preliminary: unchanged
    assert plain.hovertemplate == "%{x}: %{y}<extra>%{fullData.name}</extra>"


def test_no_suffix_no_marks() -> None:
    (trace,) = charts.small_multiples(series({"2024": True}), {}, "t", "fi").data
    assert trace.mode == "lines" and trace.text is None


def test_a_gap_is_never_preliminary() -> None:
    data = series({"2022": False, "2024": True}).drop(columns="x")
    filled = derive.fill_gaps(data).set_index("period")
    assert not filled.loc["2023", "is_preliminary"] and filled.loc["2024", "is_preliminary"]
    assert preliminary.periods(filled.reset_index()) == ["2024"]


def test_derived_figures_inherit_the_flag() -> None:
    data = series({"2022": False, "2023": False, "2024": True, "2025": False}).drop(columns="x")
    means = derive.rolling_mean(data, 3).set_index("period")["is_preliminary"]
    assert not means["2023"] and means["2024"] and means["2025"]  # 2025's window holds 2024
    index = derive.index(data, base_period="2024").set_index("period")["is_preliminary"]
    assert index.all()  # every point divided by a preliminary base
    flows = series({"2024": False, "2025": False}).drop(columns="x")
    rates = derive.per_1000(flows, data).set_index("period")["is_preliminary"]
    assert rates["2024"] and not rates["2025"]  # per 1 000 of a preliminary population


def test_periods_in_caption_and_text_alternative() -> None:
    months = series({f"2024-{m:02d}": True for m in range(1, 13)} | {"2025-01": True, "2025-02": False})
    assert preliminary.period_text(preliminary.periods(months), "fi") == "1/2024–1/2025"
    assert preliminary.caption_note(months, "fi").startswith("Ennakkotieto (avoin ympyrä): 1/2024–1/2025")
    assert preliminary.period_text(["2019", "2022", "2023", "2024"], "en") == "2019, 2022–2024"
    assert preliminary.caption_note(series({"2025": False}), "fi") == ""
    alt = line_alt_text(series({"2023": False, "2024": True}), "Väkiluku", "persons", 0, "sv")
    assert alt.endswith(" Preliminära uppgifter: 2024 (den slutliga siffran ersätter dem).")
    assert "Ennakkotietoa" not in line_alt_text(series({"2023": False}), "Väkiluku", "persons", 0, "fi")
