"""How far to trust a projection here: the evidence the method note quotes, computed from the warehouse.

- Projection vs what happened: the official projection's population against the actual population in the
  years both exist (2019–2022 for the 2019 projection), per municipality and for the region.
- Back-test: the cohort-change-ratio (Hamilton–Perry) method run from an earlier base year on the published
  age bands, compared with the actual population ten years later (2008 → 2018, 2012 → 2022).
- Reproduction: the model with the official implied rates against the official projection.
- Migration context (implied vs historical) and the check behind leaving out a "jobs attract movers" lever.

Pure pandas/numpy over `foresight_data`; every number here is a derived figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.core import queries
from dashboard.core.memo import memo
from dashboard.foresight import data, model


@dataclass(frozen=True)
class Evidence:
    accuracy: pd.DataFrame  # area_code, year, projected, actual, error_pct
    accuracy_projection: str  # the projection compared with what happened
    backtests: pd.DataFrame  # area_code, base_year, target_year, projected, actual, error_pct
    summary: dict  # the figures the note quotes (see _summary)


def _official_totals(projection: str) -> pd.DataFrame:
    official = data.official(projection)
    totals = official.cube.sum(-1)  # (A, T)
    frame = pd.DataFrame(totals, index=list(official.codes), columns=list(official.years))
    frame.loc[data.total_code()] = totals.sum(0)
    return frame.stack().rename("projected").rename_axis(["area_code", "year"]).reset_index()


def accuracy(actual: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """Official projection vs actual population, for the projection that overlaps the actual years most."""
    population = actual[actual["group"] == "population"][["area_code", "year", "value"]]
    best, best_rows = "", pd.DataFrame(columns=["area_code", "year", "projected", "actual", "error_pct"])
    for projection in data.projections()["projection"]:
        rows = _official_totals(str(projection)).merge(population.rename(columns={"value": "actual"}),
                                                       on=["area_code", "year"])  # fmt: skip
        if rows["year"].nunique() > best_rows["year"].nunique():
            best, best_rows = (
                str(projection),
                rows.assign(error_pct=model.percent_error(rows["projected"], rows["actual"])),
            )
    return best, best_rows


def backtest_bases(actual: pd.DataFrame) -> list[int]:
    """Base years whose ten-year outcome is known: ending in the last banded year and the last actual year."""
    band_years = actual[actual["group"] == "age_75_plus"]["year"]
    last_band, last_population = int(band_years.max()), int(actual[actual["group"] == "population"]["year"].max())
    first_base = int(band_years.min()) + model.HP_STEP
    bases = {last_band - model.HP_STEP, min(last_population, last_band + model.HP_STEP) - model.HP_STEP}
    return sorted(b for b in bases if b >= first_base)


def backtests(actual: pd.DataFrame) -> pd.DataFrame:
    focus = list(data.official().codes)
    bands = data.bands(focus)
    population = actual[actual["group"] == "population"].set_index(["area_code", "year"])["value"]
    rows = []
    for base in backtest_bases(actual):
        projected = model.hamilton_perry(bands, base)
        target = base + model.HP_STEP
        totals = projected["population"].to_dict()
        totals[data.total_code()] = sum(totals.values())
        for code, value in totals.items():
            if (code, target) in population.index:
                rows.append({"area_code": code, "base_year": base, "target_year": target, "projected": value,
                             "actual": population[(code, target)]})  # fmt: skip
    frame = pd.DataFrame(rows)
    return frame.assign(error_pct=model.percent_error(frame["projected"], frame["actual"]))


def jobs_migration_correlation() -> tuple[float, int]:
    """Pearson r between a municipality's yearly change of jobs and its net migration (both per 1 000
    residents), over the region's municipalities and years: is there a grounded jobs → movers effect?"""
    codes = data.region_municipalities()
    wide = pd.concat([queries.series(ind, codes) for ind in ("jobs", "net_migration", "population")])
    wide = wide.pivot_table(index=["area_code", "period"], columns="indicator_id", values="value").sort_index()
    wide["job_change"] = wide.groupby(level="area_code")["jobs"].diff()
    pairs = (1000 * wide[["job_change", "net_migration"]].div(wide["population"], axis=0)).dropna()
    if len(pairs) < 3:
        return float("nan"), len(pairs)
    return float(np.corrcoef(pairs["job_change"], pairs["net_migration"])[0, 1]), len(pairs)


def migration_history() -> dict:
    """Mean yearly net migration of the region in the last decade with data: inter-municipal (11a2, as
    published) and total = population change − natural increase (derived; includes international moves)."""
    focus = list(data.official().codes)
    sums = {ind: queries.series(ind, focus).groupby("period")["value"].sum(min_count=len(focus))
            for ind in ("population", "natural_increase", "net_migration")}  # fmt: skip
    total = (sums["population"].diff() - sums["natural_increase"]).dropna().tail(10)
    inter = sums["net_migration"].dropna().tail(10)
    return {"total_mean": total.mean(), "total_first": total.index.min(), "total_last": total.index.max(),
            "inter_mean": inter.mean(), "inter_first": inter.index.min(), "inter_last": inter.index.max()}  # fmt: skip


def _summary(acc: pd.DataFrame, tests: pd.DataFrame, projection: str) -> dict:
    total = data.total_code()
    official = data.official()
    out: dict = {"projection": projection, "reproduction_max_abs": float(
        np.abs(model.project(official.rates) - official.cube).max())}  # fmt: skip
    if not acc.empty:
        last = acc[acc["year"] == acc["year"].max()]
        municipal = last[last["area_code"] != total]
        out.update(accuracy_year=int(last["year"].iloc[0]), accuracy_first=int(acc["year"].min()),
                   accuracy_total=float(last.loc[last["area_code"] == total, "error_pct"].iloc[0]),
                   accuracy_mape=float(municipal["error_pct"].abs().mean()),
                   accuracy_max=float(municipal["error_pct"].abs().max()))  # fmt: skip
    for base, rows in tests.groupby("base_year"):
        municipal = rows[rows["area_code"] != total]
        out[f"hp_{base}"] = {"target": int(rows["target_year"].iloc[0]),
                             "total": float(rows.loc[rows["area_code"] == total, "error_pct"].iloc[0]),
                             "mape": float(municipal["error_pct"].abs().mean()),
                             "max": float(municipal["error_pct"].abs().max())}  # fmt: skip
    implied = model.components(official.cube, official.rates)["net_migration"].sum(0)
    out["implied_net_migration"] = float(implied.mean())
    out["implied_first"], out["implied_last"] = official.years[1], official.years[-1]
    out["history"] = migration_history()
    out["jobs_r"], out["jobs_n"] = jobs_migration_correlation()
    return out


@memo
def evidence() -> Evidence:
    """Everything the method note quotes, computed once per data version."""
    actual = data.actual()
    projection, acc = accuracy(actual)
    tests = backtests(actual)
    return Evidence(acc, projection, tests, _summary(acc, tests, projection))
