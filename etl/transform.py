"""Turn source rows into warehouse tables: precedence between sources, derived totals and ratios.

Everything computed here is flagged `is_derived`; published figures are never overwritten by our own.
Preliminary figures (`is_preliminary`, e.g. table 11lj) give way to a final figure of the same key from any
source, and whatever is derived from a preliminary input is preliminary too. Nothing is interpolated: a
month or year no source publishes stays absent.
"""

from __future__ import annotations

import pandas as pd

FACT_KEY = ["indicator_id", "area_code", "period"]

# Ratios computed from two catalogue indicators: id → (numerator, denominator, factor).
RATIOS = {
    "unemployment_rate": ("unemployed_jobseekers", "labour_force", 100.0),
    "job_self_sufficiency": ("jobs", "employed_residents", 100.0),
    "home_municipality_work_share": ("residents_working_in_home_municipality", "employed_residents", 100.0),
    # 12bs publishes both shares for municipalities and regions; sub-regions get them from the summed counts.
    "share_higher_education": ("tertiary_educated", "population_15_plus", 100.0),
    "share_no_post_basic_education": ("no_post_basic_educated", "population_15_plus", 100.0),
}
# A year-end stock read from a monthly series: monthly id → annual id. 11lj's month-end population of
# December is the (preliminary) population on 31 December; a final 11re figure replaces it.
YEAR_END = {"population_month": "population"}
# Differences: id → (minuend, subtrahend).
# jobs − employed residents equals in-commuters − out-commuters for a municipality, and unlike the
# commuter counts it also holds for sub-regions (commutes between members cancel out).
DIFFERENCES = {"commuting_balance": ("jobs", "employed_residents")}


def combine(frames: list[pd.DataFrame], key: list[str]) -> pd.DataFrame:
    """Stack frames in priority order; for a repeated key the first (highest-priority) row wins, except
    that a final row (is_preliminary false) always beats a preliminary one.

    Used with live data before the snapshot, so a live fetch supersedes the snapshot for the same
    indicator, area and period.
    """
    frames = [f for f in frames if f is not None and not f.empty]
    if not frames:
        return pd.DataFrame()
    stacked = pd.concat(frames, ignore_index=True)
    if "is_preliminary" in stacked:
        stacked["is_preliminary"] = stacked["is_preliminary"].fillna(False).astype(bool)
        if stacked["is_preliminary"].any():
            stacked = stacked.sort_values("is_preliminary", kind="stable")  # final first, order kept otherwise
    return stacked.drop_duplicates(subset=key, keep="first").reset_index(drop=True)


# Age bands of the bundled 11re age-group file; live 11re single-year ages are summed into the same bands
# so fact_population_age never mixes single years with bands. The top band is 75..99 plus "100-".
AGE_BANDS = ((0, 17, "0-17"), (18, 24, "18-24"), (25, 34, "25-34"), (35, 44, "35-44"), (45, 54, "45-54"),
             (55, 64, "55-64"), (65, 74, "65-74"), (75, 100, "75-"))  # fmt: skip
BAND_NAMES = {band for _, _, band in AGE_BANDS}


def age_band(age_group: str) -> str | None:
    """'037' → '35-44', '100-' → '75-'; a band name is returned unchanged; totals and others → None."""
    if age_group in BAND_NAMES:
        return age_group
    digits = age_group.rstrip("-+ ")
    if not digits.isdigit():
        return None
    age = min(int(digits), 100)
    return next(band for low, high, band in AGE_BANDS if low <= age <= high)


def group_ages(frame: pd.DataFrame) -> pd.DataFrame:
    """Sum single-year ages into AGE_BANDS. A band is kept only when every one of its single years is
    present for that area and year: a partial sum would understate the band, so it is dropped instead."""
    if frame is None or frame.empty:
        return frame
    keys = ["area_code", "year", "age_group"]
    frame = frame.assign(_band=frame["age_group"].astype(str).map(age_band)).dropna(subset=["_band"])
    is_band = frame["age_group"].isin(BAND_NAMES)
    singles = frame[~is_band & frame["population"].notna()]
    carry = {c: (c, "max") for c in frame.columns if c not in [*keys, "population", "_band"]}
    grouped = singles.groupby(["area_code", "year", "_band"], as_index=False).agg(
        population=("population", "sum"), _n=("age_group", "nunique"), **carry
    )
    expected = {band: high - low + 1 for low, high, band in AGE_BANDS}
    grouped = grouped[grouped["_n"] == grouped["_band"].map(expected)].drop(columns="_n")
    grouped = grouped.rename(columns={"_band": "age_group"})
    return pd.concat([frame[is_band].drop(columns="_band"), grouped[frame.columns.drop("_band")]], ignore_index=True)


def membership(members: dict[str, list[str]]) -> pd.DataFrame:
    """Long table (agg_code, area_code, n_members) from {aggregate: [member municipalities]}."""
    rows = [(agg, m, len(ms)) for agg, ms in members.items() for m in ms]
    return pd.DataFrame(rows, columns=["agg_code", "area_code", "n_members"])


def join_distinct(frame: pd.DataFrame, keys: list[str], col: str) -> pd.Series:
    """Per group of ``keys``, the distinct values of ``col`` sorted and joined with ', ' (vectorised: only
    the few groups with more than one value are joined in Python)."""
    distinct = frame[[*keys, col]].astype({col: object}).astype({col: str}).drop_duplicates()
    distinct = distinct.sort_values([*keys, col], kind="stable")
    single = distinct.drop_duplicates(keys, keep="first").set_index(keys)[col]
    several = distinct[distinct.duplicated(keys, keep=False)]
    if not several.empty:
        single.update(several.groupby(keys, sort=False)[col].agg(", ".join))
    return single


def add_aggregates(
    frame: pd.DataFrame, members: dict[str, list[str]], key: list[str], value: str, extra_first: list[str]
) -> pd.DataFrame:
    """Add sums over member municipalities for every aggregate area whose members are all present.

    `key` includes "area_code"; `extra_first` lists columns carried from the members (e.g. source_table,
    vintage: members' distinct values are joined). An aggregate the source already publishes is kept as
    published. Rows gain is_derived (False for input rows).
    """
    frame = frame.copy()
    if "is_derived" not in frame:
        frame["is_derived"] = False
    if frame.empty:
        return frame
    group_key = [k for k in key if k != "area_code"]
    joined = frame.dropna(subset=[value]).merge(membership(members), on="area_code")
    if joined.empty:
        return frame
    groups = group_key + ["agg_code"]
    agg = joined.groupby(groups, dropna=False).agg(
        **{value: (value, "sum"), "_count": ("area_code", "nunique"), "n_members": ("n_members", "first")},
        **({"is_preliminary": ("is_preliminary", "max")} if "is_preliminary" in joined else {}),
    )
    complete = agg["_count"] == agg["n_members"]
    agg = agg[complete]
    for col in extra_first:
        agg = agg.join(join_distinct(joined, groups, col), how="left")
    agg = agg.reset_index()
    agg = agg.rename(columns={"agg_code": "area_code"}).drop(columns=["_count", "n_members"])
    agg["is_derived"] = True
    for column in frame.columns:
        if column not in agg:
            agg[column] = None
    return combine([frame, agg[frame.columns]], key)


def add_ratios(facts: pd.DataFrame, catalog: dict[str, dict]) -> pd.DataFrame:
    """Derive ratio and difference indicators wherever both components exist (published ones win)."""
    derived = []
    pivot_ids = {i for pair in list(RATIOS.values()) + list(DIFFERENCES.values()) for i in pair[:2]}
    base = facts[facts["indicator_id"].isin(pivot_ids)].dropna(subset=["value"])
    wide = base.pivot_table(index=["area_code", "period"], columns="indicator_id", values="value")
    base = base.assign(is_preliminary=base["is_preliminary"].fillna(False).astype(bool)) \
        if "is_preliminary" in base else base.assign(is_preliminary=False)  # fmt: skip
    meta = base.groupby(["area_code", "period"]).agg(vintage=("vintage", "max"))
    meta = meta.join(join_distinct(base, ["area_code", "period"], "source_table"))
    prelim = base.pivot_table(index=["area_code", "period"], columns="indicator_id",
                              values="is_preliminary", aggfunc="max").reindex(wide.index).fillna(False).astype(bool)  # fmt: skip
    for ind_id, (num, den, factor) in RATIOS.items():
        if ind_id in catalog and {num, den} <= set(wide.columns):
            ok = wide[num].notna() & (wide[den] > 0)
            flags = (prelim[num] | prelim[den])[ok]
            derived.append(_derived_rows(ind_id, factor * wide.loc[ok, num] / wide.loc[ok, den], meta, flags))
    for ind_id, (left, right) in DIFFERENCES.items():
        if ind_id in catalog and {left, right} <= set(wide.columns):
            ok = wide[left].notna() & wide[right].notna()
            flags = (prelim[left] | prelim[right])[ok]
            derived.append(_derived_rows(ind_id, wide.loc[ok, left] - wide.loc[ok, right], meta, flags))
    return combine([facts, *derived], FACT_KEY)


def _derived_rows(indicator_id: str, values: pd.Series, meta: pd.DataFrame, preliminary: pd.Series) -> pd.DataFrame:
    """Rows of one derived indicator; preliminary where either input is preliminary."""
    out = values.rename("value").reset_index().join(meta, on=["area_code", "period"])
    out["is_preliminary"] = preliminary.to_numpy(dtype=bool)
    out["indicator_id"] = indicator_id
    out["status"] = None
    out["is_derived"] = True
    return out


def year_end(facts: pd.DataFrame) -> pd.DataFrame:
    """Annual rows read from the December value of a monthly series (YEAR_END), flags carried over."""
    rows = facts[facts["indicator_id"].isin(YEAR_END) & facts["period"].astype(str).str.endswith("-12")]
    if rows.empty:
        return rows
    return rows.assign(indicator_id=rows["indicator_id"].map(YEAR_END), period=rows["period"].str[:4])


def build_facts(sources_in_priority: list[pd.DataFrame], members: dict[str, list[str]],
                catalog: dict[str, dict]) -> pd.DataFrame:  # fmt: skip
    """fact_indicator: combined sources, then derived sums for additive indicators, then ratios."""
    facts = combine(sources_in_priority, FACT_KEY)
    facts = combine([facts, year_end(facts)], FACT_KEY)  # a published annual figure wins over a December one
    facts["is_derived"] = facts.get("is_derived", False)
    facts["is_derived"] = facts["is_derived"].fillna(False).astype(bool)
    facts["is_preliminary"] = facts.get("is_preliminary", False)
    facts["is_preliminary"] = facts["is_preliminary"].fillna(False).astype(bool)
    additive = {i for i, e in catalog.items() if e["additive"]}
    is_add = facts["indicator_id"].isin(additive)
    summed = add_aggregates(facts[is_add], members, FACT_KEY, "value", ["source_table", "vintage"])
    facts = pd.concat([summed, facts[~is_add]], ignore_index=True)
    facts = add_ratios(facts, catalog)
    facts["value"] = facts["value"].astype(float).round(6)  # float noise from sums must not differ run to run
    facts.loc[facts["value"].isna() & facts["status"].isna(), "status"] = ".."
    facts["is_preliminary"] = facts["is_preliminary"].fillna(False).astype(bool)
    return sort(facts, FACT_KEY)


def sort(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Deterministic row order, so two builds of the same inputs write identical tables."""
    return frame.sort_values(key, kind="stable").reset_index(drop=True)
