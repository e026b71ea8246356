"""The foresight cohort model: conservation, reproduction of the official projection, sane extremes,
and the Hamilton–Perry back-test arithmetic checked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.foresight import model

RNG = np.random.default_rng(20190)
REPRODUCTION_TOLERANCE = 1e-6  # persons, any area, year and age: the note reports the actual maximum


def synthetic(areas: int = 3, years: int = 8) -> tuple[np.ndarray, tuple[int, ...]]:
    cube = RNG.integers(0, 60, size=(areas, years, model.AGES)).astype(float)
    return cube, tuple(range(2019, 2019 + years))


def frozen_rates(base: np.ndarray, steps: int) -> model.Rates:
    """No deaths, no migration, no births."""
    areas = base.shape[0]
    zeros = np.zeros((areas, steps - 1, model.AGES - 1))
    return model.Rates(tuple(range(2019, 2019 + steps)), base, np.ones((steps - 1, model.AGES - 1)), zeros,
                       zeros.copy(), np.zeros((areas, steps - 1)))  # fmt: skip


def test_without_migration_deaths_or_births_cohorts_only_age() -> None:
    base = RNG.integers(0, 100, size=(2, model.AGES)).astype(float)
    out = model.project(frozen_rates(base, 6))
    for step in range(1, 6):
        assert np.array_equal(out[:, step, step:100], base[:, : 100 - step])  # everyone is `step` years older
        assert np.all(out[:, step, :step] == 0)  # no one is born
        assert np.allclose(out[:, step].sum(-1), base.sum(-1))  # no one dies or moves
    assert out[0, 1, 100] == base[0, 99] + base[0, 100]  # 99-year-olds join the open group 100+


def test_births_follow_the_child_ratio_of_20_to_44_year_olds() -> None:
    base = np.zeros((1, model.AGES))
    base[0, 20:45] = 10.0  # 250 persons aged 20–44
    rates = frozen_rates(base, 2)
    rates = model.Rates(rates.years, base, rates.survival, rates.migration, rates.inflow, np.array([[0.04]]))
    assert model.project(rates)[0, 1, 0] == pytest.approx(10.0)  # 0.04 × 250
    assert model.project(rates, model.Scenario(fertility=150))[0, 1, 0] == pytest.approx(15.0)


def test_implied_rates_reproduce_any_projection_exactly() -> None:
    cube, years = synthetic()
    country = RNG.integers(1000, 5000, size=(len(years), model.AGES)).astype(float)
    rates = model.implied_rates(cube, country, years)
    assert np.abs(model.project(rates) - cube).max() < REPRODUCTION_TOLERANCE
    parts = model.components(cube, rates)  # births − deaths + net migration = change of the total
    change = np.diff(cube.sum(-1), axis=1)
    assert np.allclose(parts["births"] - parts["deaths"] + parts["net_migration"], change)


def test_extra_net_migration_arrives_in_full_in_the_first_year() -> None:
    cube, years = synthetic()
    rates = model.implied_rates(cube, np.full((len(years), model.AGES), 1000.0), years)
    for profile in model.PROFILES:
        out = model.project(rates, model.Scenario(net_migration=120, profile=profile))
        assert out[:, 1].sum() - cube[:, 1].sum() == pytest.approx(120)


@pytest.mark.parametrize("profile", list(model.PROFILES))
def test_profile_weights_sum_to_one(profile: str) -> None:
    weights = model.profile_weights(profile, np.arange(model.AGES, dtype=float))
    assert weights.sum() == pytest.approx(1) and (weights >= 0).all()


def test_group_values_and_dependency_ratio() -> None:
    pop = np.ones(model.AGES)  # one person per age: 101 persons, 50 aged 15–64
    values = model.group_values(pop)
    assert values["population"] == 101 and values["working_age"] == 50 and values["age_0_6"] == 7
    assert values["age_7_15"] == 9 and values["age_85_plus"] == 16
    assert values["dependency_ratio"] == pytest.approx(100 * 51 / 50)


def test_hamilton_perry_by_hand() -> None:
    index = pd.MultiIndex.from_tuples([("KU1", 2000), ("KU1", 2010)], names=["area_code", "year"])
    bands = pd.DataFrame({"0-17": [200, 180], "18-24": [80, 60], "25-34": [100, 90], "35-44": [100, 70],
                          "45-54": [100, 95], "55-64": [100, 100], "65-74": [100, 90], "75-": [50, 80]},
                         index=index)  # fmt: skip
    out = model.hamilton_perry(bands, 2010).loc["KU1"]
    assert out["35-44"] == pytest.approx(70 / 100 * 90)  # 25-34 in 2000 → 35-44 in 2010, applied to 2010's 25-34
    assert out["0-34"] == pytest.approx((180 + 60 + 90) / (200 + 80) * (180 + 60))
    assert out["75-"] == pytest.approx(80 / (100 + 50) * (90 + 80))
    assert out["population"] == pytest.approx(out.drop("population").sum())
    assert model.percent_error(pd.Series([110.0]), pd.Series([100.0])).iloc[0] == pytest.approx(10)
