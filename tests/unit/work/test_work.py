"""The work page's derived figures: 12-month means, changes from a year earlier, industry shares and
location quotients, by hand and from the real 2017 jobs-by-industry figures in the warehouse."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dashboard.core import queries
from dashboard.work import industry as work_industry
from dashboard.work import unemployment as work


def monthly(area: str, points: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": "x", "area_code": area, "period": list(points),
                         "value": list(points.values()), "status": None, "is_derived": False,
                         "source_table": "12r5", "vintage": "v"})  # fmt: skip


def months(first_year: int, values: list[float]) -> dict[str, float]:
    return {f"{first_year + i // 12}-{i % 12 + 1:02d}": v for i, v in enumerate(values)}


def test_rolling_12_month_mean() -> None:
    frame = monthly("SK138", months(2022, list(range(1, 25))))  # 1..24 over 2022-01..2023-12
    out = work.monthly_values(frame, "rolling12", 2023, 2023, rate=False).set_index("period")["value"]
    assert out["2023-01"] == pytest.approx(sum(range(2, 14)) / 12)  # 2022-02..2023-01 = 7.5
    assert out["2023-12"] == pytest.approx(sum(range(13, 25)) / 12)  # 18.5
    assert len(out) == 12  # 2022 was used for the means but is not shown


def test_year_on_year_points_for_rates_percent_for_counts() -> None:
    # SK138 unemployed jobseekers 1 118 (10/2022) → 1 266 (10/2023): +148 = +13.24 %
    counts = monthly("SK138", {"2022-10": 1118, "2023-10": 1266})
    out = work.monthly_values(counts, "yoy", 2023, 2023, rate=False).set_index("period")["value"]
    assert out["2023-10"] == pytest.approx(100 * 148 / 1118)
    rates = monthly("SK138", {"2022-10": 9.9, "2023-10": 11.5})
    assert work.monthly_values(rates, "yoy", 2023, 2023, rate=True)["value"].iloc[-1] == pytest.approx(1.6)


def test_missing_month_empties_every_window_over_it() -> None:
    values = months(2022, [10.0] * 24)
    del values["2023-03"]  # a blank published cell
    out = work.monthly_values(monthly("KU265", values), "rolling12", 2023, 2023, rate=False).set_index("period")
    assert out.loc["2023-03", "status"] == ".."
    assert out["value"].loc["2023-03":"2023-12"].isna().all() and out.loc["2023-02", "value"] == 10


def test_industry_table_by_hand() -> None:
    jobs = pd.DataFrame({
        "area_code": ["A"] * 3 + ["R"] * 3,
        "industry_code": ["A", "C", "X"] * 2,
        "jobs": [30, 60, 10, 50, 900, 50],
    })  # fmt: skip
    table = work_industry.industry_table(jobs, "A", ["R"]).set_index("industry_code")
    assert table.loc["A", "share"] == pytest.approx(30) and table.loc["A", "share_R"] == pytest.approx(5)
    assert table.loc["A", "lq_R"] == pytest.approx(6.0)  # 30 % / 5 %
    assert table.loc["C", "lq_R"] == pytest.approx(60 / 90)  # 60 % / 90 %
    assert pd.isna(table.loc["X", "lq_R"])  # unknown industry: part of the total, no quotient


def test_zero_reference_share_gives_no_quotient() -> None:
    jobs = pd.DataFrame({"area_code": ["A", "A", "R", "R"], "industry_code": ["U", "C"] * 2, "jobs": [0, 10, 0, 20]})
    assert pd.isna(work_industry.industry_table(jobs, "A", ["R"]).set_index("industry_code").loc["U", "lq_R"])


def test_location_quotient_agriculture_sub_region_vs_region(app_env) -> None:
    """SK138 vs Keski-Suomi, industry A, 2017 (Paavo): 1 298 of 9 529 jobs vs 3 703 of 106 060."""
    jobs = queries.run("work_industry", area_codes=["SK138", "MK13"])
    assert jobs.groupby("area_code")["jobs"].sum().to_dict() == {"MK13": 106060, "SK138": 9529}
    by_hand = (1298 / 9529) / (3703 / 106060)  # 13.62 % / 3.49 % = 3.9014
    table = work_industry.industry_table(jobs, "SK138", ["MK13"]).set_index("industry_code")
    assert table.loc["A", "lq_MK13"] == pytest.approx(by_hand) == pytest.approx(3.9014, abs=1e-4)
    assert table.loc["A", "share"] == pytest.approx(100 * 1298 / 9529)


def test_cards_show_the_published_unemployed_count(app_env) -> None:
    cards = {card.key: card for card in work.cards("fi", "SK138")}
    # 12r5 2026-06 (data/snapshot/pxweb_json_2026/unemployment_register_kunnat_12r5.json.gz): SK138 1 542;
    # 2025-06 is not in the data (counts end 2023-10), so no change is shown rather than one over the gap.
    assert cards["unemployed_jobseekers"].value == "1\u00a0542"
    assert cards["unemployed_jobseekers"].delta is None
    assert cards["unemployed_jobseekers"].label == "Työttömät työnhakijat 6/2026"
    assert "Keski-Suomi 15,8\u00a0%" in cards["unemployment_rate"].caption


def test_country_comparison_appears_when_rows_exist(data_dir, monkeypatch) -> None:
    """A live fetch of 115h adds whole-country rows; the page then compares with Finland too, no code change.

    Simulated in a private warehouse copy by giving SSS Keski-Suomi's own 2017 rows (flagged source 115h), so
    the quotient against SSS must equal the one against Keski-Suomi exactly. The copy gets its own file name,
    because caches are keyed by it.
    """
    warehouse = data_dir / "warehouse"
    old = (warehouse / "CURRENT").read_text(encoding="utf-8").strip()
    (warehouse / old).rename(warehouse / "wh-test-live-115h.duckdb")
    (warehouse / "CURRENT").write_text("wh-test-live-115h.duckdb", encoding="utf-8")
    with duckdb.connect(str(warehouse / "wh-test-live-115h.duckdb")) as con:
        con.execute("INSERT INTO fact_jobs_industry BY NAME SELECT * REPLACE ('SSS' AS area_code, false AS is_derived, "
                    "'115h' AS source_table, '2026-06-01' AS vintage) FROM fact_jobs_industry WHERE area_code = 'MK13'")  # fmt: skip
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    block = work_industry.lq_block("fi", "SK138", ["MK13", "SSS"])
    assert [trace.name for trace in block.view.figure.data] == ["vs. Keski-Suomi", "vs. Koko maa"]
    assert not any("Koko maa: toimialoittaista" in note for note in block.notes)
    lq = block.view.data.pivot_table(index="industry_code", columns="reference", values="location_quotient")
    assert lq.loc["A", "SSS"] == pytest.approx(lq.loc["A", "MK13"]) == pytest.approx((1298 / 9529) / (3703 / 106060))


def test_mean_window_never_bridges_a_gap() -> None:
    # 24 months 2021-11..2023-10, then nothing until 2026-06 (as the shipped 12r5 data)
    points = {f"{2021 + (10 + i) // 12}-{(10 + i) % 12 + 1:02d}": float(i + 1) for i in range(24)}
    frame = monthly("SK138", points | {"2026-06": 1000.0})
    window = work.mean_window(frame)
    assert window.newest == "2026-06" and window.missing == 11  # only 6/2026 of 7/2025–6/2026 exists
    assert (window.first, window.last) == ("2022-11", "2023-10")  # the latest 12 months that all exist
    assert window.mean == pytest.approx(sum(range(13, 25)) / 12)  # 1000 (6/2026) is in no mean
    assert window.previous == pytest.approx(sum(range(1, 13)) / 12)  # 2021-11..2022-10


def test_mean_window_when_the_newest_twelve_months_exist() -> None:
    window = work.mean_window(monthly("SK138", months(2024, list(range(1, 13)))))
    assert window.missing == 0 and (window.first, window.last) == ("2024-01", "2024-12")
    assert window.mean == pytest.approx(6.5) and window.previous is None


def test_mean_window_with_no_full_window() -> None:
    window = work.mean_window(monthly("SK138", {"2026-05": 1.0, "2026-06": 2.0}))
    assert window.mean is None and window.first is None and window.missing == 10


def test_mean_card_says_the_newest_mean_is_unavailable(app_env) -> None:
    card = next(c for c in work.cards("fi", "SK138") if c.key == "unemployed_mean")
    # 12r5: 1 291 is the mean of 11/2022–10/2023 (the CSV); 7/2025–5/2026 are not in the data
    assert card.label == "Työttömät, 12 kk keskiarvo 11/2022–10/2023" and card.value == "1\u00a0291"
    assert card.caption.startswith("Keskiarvoa 7/2025–6/2026 ei voi laskea: aineistosta puuttuu 11 näistä 12")
    assert "johdettu" in card.source
