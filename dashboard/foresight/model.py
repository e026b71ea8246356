"""The foresight page's population model: pure numpy, no Streamlit, no queries.

Method (see the method note on the page): a cohort model by single-year age whose rates are the ones
*implied* by Statistics Finland's official projection, split into the components the user can move.

- Population P[area, year, age] on 31 December, ages 0…100 (100 = 100 and over).
- One step t → t+1: persons aged d (1…100) at t+1 come from the cohort S[d] = P[d−1] at t (for the open
  group 100+: P[99] + P[100]). The official cohort change ratio P[d, t+1] / S[d, t] mixes survival and net
  migration. The data has no deaths by age, so survival is taken from the *whole country's* implied ratio
  (capped at 1): at the ages where people die, Finland's net migration is small, so that ratio is close to
  survival. What is left of the local ratio is the local net migration rate (m = ratio − survival).
- Age 0 at t+1 = child ratio × persons aged 20–44 at t (both sexes: the data has no sex split), the child
  ratio being implied by the projection too.
- Where a cohort is empty (tiny municipalities, very old ages) the projection's persons are kept as an
  absolute inflow, so the official projection is reproduced exactly when nothing is changed.

A scenario changes the components: extra net migration (persons a year, spread over the areas by
population and over ages by a profile), fertility (% of the implied child ratio) and mortality (extra annual
change of death rates). Every output of this module is a derived figure, never data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

AGES = 101  # 0…100, the last is the open group 100+
PARENT_AGES = (20, 44)  # child ratio denominator; both sexes (no sex split in the data)

# Age groups shown on the page (inclusive bounds), and the one ratio computed from them.
GROUP_AGES = {
    "population": (0, 100),
    "working_age": (15, 64),
    "age_0_6": (0, 6),
    "age_7_15": (7, 15),
    "age_65_plus": (65, 100),
    "age_75_plus": (75, 100),
    "age_85_plus": (85, 100),
}
GROUPS = (*GROUP_AGES, "dependency_ratio")
SERVICE_GROUPS = ("age_0_6", "age_7_15", "working_age", "age_75_plus", "age_85_plus")
SERVICE_YEARS = (2030, 2040, 2045)  # service-need outlook targets, those the projection reaches

# Age profiles of the extra net migration: stylised assumptions, not data (the data has no migration by
# age). Each is a set of ages weighted evenly; "population" follows the current age structure.
PROFILES = {
    "population": None,
    "young_adults": [(18, 29)],
    "families": [(0, 14), (25, 44)],
    "working_age": [(20, 64)],
    "retirees": [(60, 74)],
}


@dataclass(frozen=True)
class Scenario:
    """What the user changes, relative to the official projection. Defaults = the projection itself."""

    net_migration: float = 0.0  # extra net migrants a year, all areas together (negative: more leave)
    profile: str = "population"  # key of PROFILES
    fertility: float = 100.0  # births, % of the level the projection implies
    mortality: float = 0.0  # extra annual improvement of death rates, % a year (negative: worsening)

    def is_official(self) -> bool:
        return self.net_migration == 0 and self.fertility == 100 and self.mortality == 0


@dataclass(frozen=True)
class Rates:
    """Rates implied by a projection for a set of areas. Arrays are indexed [area, step, destination age−1]."""

    years: tuple[int, ...]
    base: np.ndarray  # (A, 101) population in the first year
    survival: np.ndarray  # (T−1, 100) survival proxy, from the whole country
    migration: np.ndarray  # (A, T−1, 100) net migration rate per person of the source cohort
    inflow: np.ndarray  # (A, T−1, 100) persons arriving into an empty cohort
    child_ratio: np.ndarray  # (A, T−1) age 0 at t+1 per person aged 20–44 at t


def cohorts(pop: np.ndarray) -> np.ndarray:
    """(…, 101) → (…, 100): the cohort that becomes ages 1…100 a year later (99 and 100+ pool into 100+)."""
    out = pop[..., :-1].copy()
    out[..., -1] += pop[..., -1]
    return out


def parents(pop: np.ndarray) -> np.ndarray:
    return pop[..., PARENT_AGES[0] : PARENT_AGES[1] + 1].sum(-1)


def survival_proxy(country: np.ndarray) -> np.ndarray:
    """(T, 101) country population → (T−1, 100) implied cohort change ratio, capped at 1 (no one is born old)."""
    source, nxt = cohorts(country[:-1]), country[1:, 1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(source > 0, nxt / source, 1.0)
    return np.clip(ratio, 0.0, 1.0)


def implied_rates(cube: np.ndarray, country: np.ndarray, years: tuple[int, ...]) -> Rates:
    """Rates that reproduce `cube` (A, T, 101), with survival taken from `country` (T, 101)."""
    survival = survival_proxy(country)
    source, nxt = cohorts(cube[:, :-1]), cube[:, 1:, 1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(source > 0, nxt / source, 0.0)
        w = parents(cube[:, :-1])
        child = np.where(w > 0, cube[:, 1:, 0] / w, 0.0)
    migration = np.where(source > 0, ratio - survival[None], 0.0)
    inflow = np.where(source > 0, 0.0, nxt)
    return Rates(tuple(years), cube[:, 0].copy(), survival, migration, inflow, child)


def profile_weights(profile: str, pop: np.ndarray) -> np.ndarray:
    """(101,) weights summing to 1 over the age at the end of the year."""
    spans = PROFILES[profile]
    if spans is None:
        total = pop.sum()
        return pop / total if total > 0 else np.full(AGES, 1 / AGES)
    weights = np.zeros(AGES)
    for low, high in spans:
        weights[low : high + 1] = 1.0
    return weights / weights.sum()


def project(rates: Rates, scenario: Scenario = Scenario()) -> np.ndarray:
    """Population (A, T, 101) under `scenario`; never negative (no one can leave who is not there)."""
    areas, steps = rates.base.shape[0], len(rates.years)
    out = np.empty((areas, steps, AGES))
    out[:, 0] = rates.base
    fertility = scenario.fertility / 100.0
    # Death rates (1 − survival) scaled by (1 − r)^n after n years: r > 0 is faster improvement.
    death_factor = (1.0 - scenario.mortality / 100.0) ** np.arange(1, steps)
    for i in range(steps - 1):
        pop = out[:, i]
        survival = np.clip(1.0 - (1.0 - rates.survival[i]) * death_factor[i], 0.0, 1.0)
        nxt = np.empty_like(pop)
        nxt[:, 1:] = cohorts(pop) * (survival + rates.migration[:, i]) + rates.inflow[:, i]
        nxt[:, 0] = fertility * rates.child_ratio[:, i] * parents(pop)
        if scenario.net_migration:
            totals = pop.sum(-1)
            share = totals / totals.sum() if totals.sum() > 0 else np.full(areas, 1 / areas)
            weights = profile_weights(scenario.profile, pop.sum(0))
            nxt += scenario.net_migration * share[:, None] * weights[None, :]
        out[:, i + 1] = np.maximum(nxt, 0.0)
    return out


def group_values(pop: np.ndarray) -> dict[str, np.ndarray]:
    """{group: (…)} sums over the age axis (the last), plus the demographic dependency ratio."""
    values = {name: pop[..., low : high + 1].sum(-1) for name, (low, high) in GROUP_AGES.items()}
    with np.errstate(divide="ignore", invalid="ignore"):
        values["dependency_ratio"] = 100.0 * (values["population"] - values["working_age"]) / values["working_age"]
    return values


def components(cube: np.ndarray, rates: Rates) -> dict[str, np.ndarray]:
    """Implied yearly births (surviving to 31 Dec), deaths and net migration, (A, T−1) each.

    births − deaths + net_migration equals the change of the total, year by year (a tested identity).
    """
    source = cohorts(cube[:, :-1])
    deaths = ((1.0 - rates.survival[None]) * source).sum(-1)
    migration = (rates.migration * source + rates.inflow).sum(-1)
    return {"births": cube[:, 1:, 0], "deaths": deaths, "net_migration": migration}


# --- Hamilton–Perry back-test on the published age bands --------------------------------------------------
# The actual age data are bands 0-17, 18-24, 25-34, …, 65-74, 75-. With a 10-year step the ten-year bands
# age into the next band; the young bands do not line up, so persons under 25 at t are carried to under
# 35 at t+10 with one ratio that also absorbs the births of the decade.
HP_STEP = 10
HP_GROUPS = (
    ("0-34", ("0-17", "18-24", "25-34"), ("0-17", "18-24")),
    ("35-44", ("35-44",), ("25-34",)),
    ("45-54", ("45-54",), ("35-44",)),
    ("55-64", ("55-64",), ("45-54",)),
    ("65-74", ("65-74",), ("55-64",)),
    ("75-", ("75-",), ("65-74", "75-")),
)


def hamilton_perry(bands: pd.DataFrame, base_year: int, step: int = HP_STEP) -> pd.DataFrame:
    """Project each area from `base_year` to base_year + step with the cohort change ratios of the
    previous `step` years. `bands`: index (area_code, year), one column per age band.

    Returns one row per area: the projected groups of HP_GROUPS and their total ('population').
    """
    before, base = bands.xs(base_year - step, level="year"), bands.xs(base_year, level="year")
    out = pd.DataFrame(index=base.index)
    for name, later, earlier in HP_GROUPS:
        ratio = base[list(later)].sum(axis=1) / before[list(earlier)].sum(axis=1)
        out[name] = ratio * base[list(earlier)].sum(axis=1)
    out["population"] = out[[name for name, _, _ in HP_GROUPS]].sum(axis=1)
    return out


def percent_error(projected: pd.Series, actual: pd.Series) -> pd.Series:
    """Signed error of a projection, % of the actual value (positive: the projection was too high)."""
    return 100.0 * (projected - actual) / actual
