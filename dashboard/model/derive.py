"""Derived figures computed on the read side: index, per-1 000 rates, rolling means, year-on-year
changes, dependency ratio, shares and location quotients. Pure pandas, no Streamlit, no queries.

Everything returned here is a derived figure: pages label it as such ("johdettu luku").
Input series are tidy frames with at least `area_code`, `period` and `value`, sorted by period.
"""

from __future__ import annotations

import pandas as pd

SMALL_MUNICIPALITY = 2000  # residents; below this, yearly figures swing and a 3-year mean is offered


def index(frame: pd.DataFrame, base_period: str | None = None) -> pd.DataFrame:
    """value → 100 × value / value in the base period (default: each area's first period)."""
    ordered = frame.sort_values(["area_code", "period"])
    if base_period is None:
        base = ordered.groupby("area_code")["value"].first()
    else:
        base = ordered[ordered["period"] == base_period].set_index("area_code")["value"]
    out = frame.copy()
    out["value"] = 100 * out["value"] / out["area_code"].map(base)
    if "is_preliminary" in out and base_period is not None:  # every index point rests on its base value
        base_flags = ordered[ordered["period"] == base_period].set_index("area_code")["is_preliminary"]
        out["is_preliminary"] = out["is_preliminary"].astype(bool) | out["area_code"].map(base_flags).fillna(False)
    return out


def per_1000(frame: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """value per 1 000 residents of the same area and year (monthly periods use their year's population)."""
    pop = population.assign(_pre=population.get("is_preliminary", False))[["area_code", "period", "value", "_pre"]]
    pop = pop.rename(columns={"period": "_year", "value": "_pop"})
    out = frame.assign(_year=frame["period"].str[:4]).merge(pop, on=["area_code", "_year"], how="left")
    out["value"] = 1000 * out["value"] / out["_pop"]
    if "is_preliminary" in out:  # a rate over a preliminary population is preliminary
        out["is_preliminary"] = out["is_preliminary"].astype(bool) | out["_pre"].fillna(False).astype(bool)
    return out.drop(columns=["_year", "_pop", "_pre"])


def rolling_mean(frame: pd.DataFrame, window: int = 3) -> pd.DataFrame:
    """Trailing mean over `window` consecutive periods per area; NaN until a full window exists."""
    out = frame.sort_values(["area_code", "period"]).copy()
    out["value"] = out.groupby("area_code")["value"].transform(lambda s: s.rolling(window, min_periods=window).mean())
    if "is_preliminary" in out:  # a mean with a preliminary figure in its window is preliminary too
        flags = out["is_preliminary"].astype(float)
        out["is_preliminary"] = flags.groupby(out["area_code"]).transform(lambda s: s.rolling(window, 1).max()) > 0
    return out


def year_on_year(frame: pd.DataFrame) -> pd.DataFrame:
    """Change from the same period a year earlier ('2023-10' vs '2022-10', '2022' vs '2021')."""
    monthly = frame["period"].str.len() == 7
    previous = frame["period"].where(
        ~monthly, (frame["period"].str[:4].astype(int) - 1).astype(str) + frame["period"].str[4:]
    )
    previous = previous.where(monthly, (frame["period"].str[:4].astype(int) - 1).astype(str))
    lookup = frame.set_index(["area_code", "period"])["value"]
    before = pd.Series([lookup.get((a, p)) for a, p in zip(frame["area_code"], previous)], index=frame.index)
    return frame.assign(value=frame["value"] - before.astype(float), previous_value=before.astype(float))


def dependency_ratio(population: pd.DataFrame, working_age: pd.DataFrame) -> pd.DataFrame:
    """Demographic dependency ratio: (population − 15–64-year-olds) per 100 persons aged 15–64."""
    merged = population.merge(working_age[["area_code", "period", "value"]], on=["area_code", "period"],
                              suffixes=("", "_wa"))  # fmt: skip
    merged["value"] = 100 * (merged["value"] - merged["value_wa"]) / merged["value_wa"]
    return merged.drop(columns=["value_wa"])


def shares(frame: pd.DataFrame, part: str, by: list[str], value: str = "value") -> pd.DataFrame:
    """Each row's share (%) of its group's total; `part` names the new column."""
    total = frame.groupby(by)[value].transform("sum")
    return frame.assign(**{part: 100 * frame[value] / total})


def location_quotient(jobs: pd.DataFrame, area: str, reference: str) -> pd.DataFrame:
    """Location quotient per industry: (area's share of jobs in the industry) / (reference's share).

    `jobs` columns: area_code, industry_code, jobs. LQ > 1: the area is specialised in the industry.
    """
    wide = jobs.pivot_table(index="industry_code", columns="area_code", values="jobs", aggfunc="sum")
    area_share = wide[area] / wide[area].sum()
    ref_share = wide[reference] / wide[reference].sum()
    return pd.DataFrame({"industry_code": wide.index, "area_share": 100 * area_share.values,
                         "reference_share": 100 * ref_share.values,
                         "location_quotient": (area_share / ref_share).values})  # fmt: skip


def is_volatile(latest_population: float | None) -> bool:
    """Small municipalities' yearly figures swing: flag them (and offer a 3-year rolling mean)."""
    return latest_population is not None and latest_population < SMALL_MUNICIPALITY


def fill_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows for the periods missing inside each area's span (yearly 'YYYY' or monthly 'YYYY-MM'): value NaN,
    status '..' (not available), other columns carried from the area's neighbouring rows.

    A blank published cell then shows as a gap and a '..' in downloads rather than vanishing, and a rolling
    window over it stays empty instead of silently spanning the missing period.
    """
    parts = []
    for _code, rows in frame.groupby("area_code", sort=False):
        first, last = rows["period"].min(), rows["period"].max()
        if len(first) == 7:
            periods = pd.period_range(first, last, freq="M").strftime("%Y-%m").tolist()
        else:
            periods = [str(year) for year in range(int(first), int(last) + 1)]
        full = pd.DataFrame({"period": periods}).merge(rows, on="period", how="left")
        added = full["area_code"].isna()
        carried = [c for c in full.columns if c not in ("period", "value", "status")]
        full[carried] = full[carried].ffill().bfill()
        full["status"] = full["status"].astype(object) if "status" in full else None
        full.loc[added, "status"] = ".."
        if "is_derived" in full:
            full["is_derived"] = full["is_derived"].astype(bool)
        if "is_preliminary" in full:  # a gap has no figure, so nothing preliminary either
            full["is_preliminary"] = full["is_preliminary"].astype(bool) & ~added
        parts.append(full)
    if not parts:
        return frame.assign(status=frame.get("status"))
    return pd.concat(parts, ignore_index=True)[[*frame.columns, *(["status"] if "status" not in frame else [])]]


def changes(frame: pd.DataFrame, spans: tuple[int, ...] = (1, 5, 10)) -> pd.DataFrame:
    """Per area of a yearly series: the latest year with a value, that value, and the change over each span
    of years, in units (`change_5y`) and percent (`change_5y_pct`); None where the earlier year is missing."""
    rows = []
    for code, part in frame.dropna(subset=["value"]).groupby("area_code", sort=False):
        by_year = dict(zip(part["period"].astype(int), part["value"]))
        year = max(by_year)
        row = {"area_code": code, "period": str(year), "value": by_year[year]}
        for span in spans:
            before = by_year.get(year - span)
            row[f"change_{span}y"] = None if before is None else by_year[year] - before
            row[f"change_{span}y_pct"] = None if not before else 100 * (by_year[year] - before) / before
        rows.append(row)
    return pd.DataFrame(rows)


def ranks(values: pd.Series, higher_is_better: bool | None) -> pd.Series:
    """Rank 1 = best: the largest value when higher is better (or the direction is unknown: then it is a
    size order), the smallest when lower is better. Ties share the better rank; missing values stay unranked."""
    lower_first = higher_is_better is not None and not pd.isna(higher_is_better) and not bool(higher_is_better)
    return values.astype(float).rank(method="min", ascending=lower_first).astype("Int64")


def ratio_percent(part: pd.Series | float, whole: pd.Series | float) -> pd.Series | float:
    """100 × part / whole; NaN where the whole is zero or missing (no division by zero shown as data)."""
    if isinstance(whole, pd.Series):
        return 100 * part / whole.where(whole != 0)
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or whole == 0:
        return float("nan")
    return 100 * part / whole


def drop_leading_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop each area's rows before its first value (a rolling mean's first periods, an index without a base),
    keeping every later row: a gap inside a series, or a mean over it, stays a row without a value, so a chart
    breaks its line there and a download shows it."""
    ordered = frame.sort_values(["area_code", "period"])
    return ordered[ordered["value"].notna().groupby(ordered["area_code"]).cummax()]
