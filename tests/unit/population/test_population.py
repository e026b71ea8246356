"""The population page's derived figures, checked against numbers worked out by hand (several from the
published Saarijärvi figures), and the two sources of the share aged 65+ agreeing with each other."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core import queries
from dashboard.population import age as population_age
from dashboard.population import choices as population
from dashboard.population import compare as population_compare

# Saarijärvi (KU729) on 31 Dec 2016 and 2018, table 11re: age groups 0-17, 18-24, …, 65-74, 75-.
SAARIJARVI_AGE = {
    2016: [1723, 558, 769, 889, 1236, 1756, 1421, 1338],  # sum 9 690 = population 2016
    2018: [1632, 471, 717, 849, 1137, 1719, 1550, 1340],  # sum 9 415 = population 2018
}
BANDS = ["0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-"]


def series(area: str, points: dict[str, float], indicator: str = "x") -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": indicator, "area_code": area, "period": list(points),
                         "value": list(points.values()), "status": None, "is_derived": False,
                         "source_table": "t", "vintage": "v"})  # fmt: skip


def age_frame() -> pd.DataFrame:
    rows = [{"area_code": "KU729", "year": year, "age_group": band, "population": value}
            for year, values in SAARIJARVI_AGE.items() for band, value in zip(BANDS, values)]  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("indicator", "mode", "expected"),
    [
        ("population", "index", ("index", None)),
        ("population", "per_1000", ("index", "population.note_population_per_1000")),
        ("net_migration", "index", ("per_1000", "population.note_flow_index")),
        ("net_migration", "per_1000", ("per_1000", None)),
        ("working_age_population", "per_1000", ("per_1000", None)),
        ("natural_increase", "count", ("count", None)),
    ],
)
def test_effective_mode(indicator, mode, expected) -> None:
    assert population_compare.effective_mode(indicator, mode) == expected


def test_index_uses_the_first_year_shown() -> None:
    # Saarijärvi 9 690 (2016) → 9 415 (2018): 100 × 9 415 / 9 690 = 97.162
    frame = series("KU729", {"2015": 9800, "2016": 9690, "2017": 9589, "2018": 9415})
    out = population_compare.compare_values(frame, frame, "index", 2016, 2018).set_index("period")["value"]
    assert out["2016"] == 100 and out["2018"] == pytest.approx(97.1620, abs=1e-4)
    assert "2015" not in out.index
    assert population_compare.compare_values(frame, frame, "index", 2016, 2018)["is_derived"].all()


def test_per_1000_and_rolling_mean() -> None:
    # Net migration −175 with 9 690 residents in 2016 → −18.06 per 1 000.
    net = series("KU729", {"2014": -100, "2015": -150, "2016": -175})
    pop = series("KU729", {"2014": 9950, "2015": 9800, "2016": 9690})
    out = population_compare.compare_values(net, pop, "per_1000", 2016, 2016).set_index("period")["value"]
    assert out["2016"] == pytest.approx(-18.0599, abs=1e-4)
    # Rolling: mean of the three per-1 000 rates, using years before the first one shown.
    rolled = population_compare.compare_values(net, pop, "per_1000", 2016, 2016, rolling=True)["value"].iloc[0]
    assert rolled == pytest.approx((-100 / 9.95 - 150 / 9.8 - 175 / 9.69) / 3, abs=1e-9)


def test_missing_year_stays_a_gap_with_a_status_mark() -> None:
    frame = series("KU265", {"2012": 3, "2013": 0, "2014": 12, "2016": -4, "2017": 6, "2018": 1})  # no 2015
    out = population_compare.compare_values(frame, frame, "count", 2012, 2018).set_index("period")
    assert pd.isna(out.loc["2015", "value"]) and out.loc["2015", "status"] == ".."
    assert out.loc["2013", "value"] == 0 and out.loc["2013", "status"] is None  # a published zero stays a zero
    rolled = population_compare.compare_values(frame, frame, "count", 2012, 2018, rolling=True).set_index("period")
    assert rolled.index.tolist() == ["2014", "2015", "2016", "2017", "2018"]  # no mean before three years
    assert rolled.loc["2014", "value"] == 5 and rolled.loc["2018", "value"] == 1
    assert rolled.loc["2015":"2017", "value"].isna().all()  # every window over the gap stays empty…
    assert (rolled.loc["2015":"2017", "status"] == "..").all()  # …and is marked, not dropped or zeroed


def test_band_and_broad_shares_by_hand() -> None:
    age = age_frame()
    bands = population_age.band_shares(age).set_index(["year", "age_group"])["share"]
    assert bands[(2018, "75-")] == pytest.approx(100 * 1340 / 9415)  # 14.23 %
    working_age = series("KU729", {"2018": 5000})
    broad = population_age.broad_shares(age, working_age).set_index(["year", "group"])["value"]
    assert broad[(2018, "65+")] == pytest.approx(100 * (1550 + 1340) / 9415)  # 30.70 %
    assert broad[(2018, "75+")] == pytest.approx(100 * 1340 / 9415)
    assert broad[(2018, "0-17")] == pytest.approx(100 * 1632 / 9415)  # 17.33 %
    assert broad[(2018, "15-64")] == pytest.approx(100 * 5000 / 9415)
    assert (2016, "15-64") not in broad.index  # no 15–64 figure given for 2016: no share invented


def test_share_65_plus_agrees_with_key_figures(app_env) -> None:
    """65+ from the 11re age groups, rounded as published, equals the key figures' share for every focus
    municipality in 2016 (Saarijärvi: 2 759 / 9 690 = 28.5 %)."""
    focus = queries.focus_codes()
    age = queries.run("pop_age", area_codes=focus)
    shares = population_age.broad_shares(age, queries.series("working_age_population", focus))
    ours = shares[(shares["group"] == "65+") & (shares["year"] == 2016)].set_index("area_code")["value"].round(1)
    published = queries.series("share_aged_65_plus", focus).query("period == '2016'").set_index("area_code")["value"]
    assert ours["KU729"] == 28.5
    pd.testing.assert_series_equal(ours.sort_index(), published.sort_index(), check_names=False)


def test_volatility_from_the_latest_population(app_env) -> None:
    assert population.latest_population("KU729") == ("2025", 8763.0)  # 11re 31.12.2025 (2026 json export)
    assert population.is_volatile("KU265")  # Kivijärvi 1 001 residents in 2025
    assert not population.is_volatile("KU729") and not population.is_volatile("SK138")


def test_compare_block_count_shows_the_published_series(app_env) -> None:
    block = population_compare.compare_block("fi", "KU729", ["SK138", "MK13"], "population", "count", 1972, 2022)
    data = block.view.data.set_index("period")
    assert data.loc["2020", "value"] == 9208 and set(data["area_code"]) == {"KU729"}
    assert not data["is_derived"].any()
    assert any("Määrinä näytetään vain valittu alue" in note for note in block.notes)


def test_compare_block_with_the_national_series(app_env) -> None:
    """The national 11re series (1972–2023, 2025) now covers the country: no 'only until' note."""
    block = population_compare.compare_block("fi", "SK138", ["MK13", "SSS"], "population", "index", 1972, 2022)
    assert not [note for note in block.notes if "Koko maa" in note]
    data = block.view.data
    first = data[data["period"] == "1972"].set_index("area_code")["value"]
    assert (first == 100).all() and len(first) == 3
