"""Rules a new warehouse must pass before it may replace the current one.

Each rule returns readable problem sentences; `validate` collects them all so one failing build reports
everything at once instead of the first problem only.
"""

from __future__ import annotations

import pandas as pd

PERIOD_PATTERN = {"year": r"\d{4}", "month": r"\d{4}-(0[1-9]|1[0-2])"}
TOLERANCE = 0.5  # persons; published sub-region totals are integer sums of integer counts


class ValidationError(RuntimeError):
    """The new warehouse breaks a rule; the previous warehouse stays current.

    `fix` is the one thing the operator can do about it, shown on the CLI's last line."""

    fix = "correct the inputs named above and run the build again"

    def __init__(self, problems: list[str], fix: str | None = None):
        self.problems = problems
        self.fix = fix or self.fix
        shown = "\n  - ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"validation failed ({len(problems)} problem(s)):\n  - {shown}{more}")


def known_codes(facts: pd.DataFrame, catalog: dict[str, dict], dim_area: pd.DataFrame) -> list[str]:
    problems = []
    unknown = sorted(set(facts["indicator_id"].unique()) - set(catalog))
    if unknown:
        problems.append(f"indicator(s) not in the catalogue: {', '.join(unknown)}")
    areas = sorted(set(facts["area_code"].unique()) - set(dim_area["area_code"]))
    if areas:
        problems.append(f"area code(s) not in dim_area: {', '.join(areas[:10])}")
    return problems


def no_duplicates(frame: pd.DataFrame, key: list[str], table: str) -> list[str]:
    dup = frame[frame.duplicated(subset=key, keep=False)]
    if dup.empty:
        return []
    first = dup.iloc[0]
    return [f"{table}: {len(dup)} rows share a key, e.g. " + ", ".join(f"{k}={first[k]}" for k in key)]


def periods_parse(facts: pd.DataFrame, catalog: dict[str, dict]) -> list[str]:
    freq = facts["indicator_id"].map(lambda i: catalog.get(i, {}).get("frequency", "year"))
    problems = []
    for frequency, pattern in PERIOD_PATTERN.items():
        rows = facts[freq == frequency]
        bad = rows[~rows["period"].astype(str).str.fullmatch(pattern)]
        if not bad.empty:
            row = bad.iloc[0]
            problems.append(
                f"{len(bad)} {frequency} period(s) do not parse, e.g. {row.indicator_id} {row.area_code} {row.period!r}"
            )
    return problems


def no_negative_counts(facts: pd.DataFrame, catalog: dict[str, dict]) -> list[str]:
    unsigned = [i for i, e in catalog.items() if e["unit"] == "persons" and not e.get("signed")]
    bad = facts[facts["indicator_id"].isin(unsigned) & (facts["value"] < 0)]
    return [f"negative count: {r.indicator_id} {r.area_code} {r.period} = {r.value}" for r in bad.itertuples()]


def focus_coverage(facts: pd.DataFrame, focus: list[str]) -> list[str]:
    """Every focus municipality has data for every indicator that covers any of them. A cell the source
    publishes as a symbol ('...' confidential, '.' not available) counts: the source says why it is empty."""
    status = facts["status"] if "status" in facts else pd.Series(None, index=facts.index, dtype=object)
    stated = facts["value"].notna() | (status.notna() & (status != ".."))
    have = facts[facts["area_code"].isin(focus) & stated]
    problems = []
    for indicator_id, rows in have.groupby("indicator_id"):
        missing = sorted(set(focus) - set(rows["area_code"]))
        if missing:
            problems.append(f"{indicator_id}: no data for focus municipality {', '.join(missing)}")
    if "population" not in set(have.loc[have["value"].notna(), "indicator_id"]):
        problems.append("population: no data for any focus municipality")
    return problems


def totals_match_members(facts: pd.DataFrame, members: dict[str, list[str]], catalog: dict[str, dict]) -> list[str]:
    """A published sub-region/region total must equal the sum of its members where all members exist."""
    additive = [i for i, e in catalog.items() if e["additive"]]
    counts = facts[facts["indicator_id"].isin(additive) & facts["value"].notna()]
    published = counts[~counts["is_derived"] & counts["area_code"].isin(members)]
    if published.empty:
        return []
    rows = [(agg, m) for agg, ms in members.items() for m in ms]
    link = pd.DataFrame(rows, columns=["agg_code", "area_code"])
    sums = counts.merge(link, on="area_code").groupby(["indicator_id", "agg_code", "period"])
    sums = sums.agg(total=("value", "sum"), n=("area_code", "nunique")).reset_index()
    sums["expected_n"] = sums["agg_code"].map(lambda a: len(members[a]))
    sums = sums[sums["n"] == sums["expected_n"]]
    check = published.merge(sums, left_on=["indicator_id", "area_code", "period"],
                            right_on=["indicator_id", "agg_code", "period"])  # fmt: skip
    bad = check[(check["value"] - check["total"]).abs() > TOLERANCE]
    return [
        f"{r.area_code} {r.indicator_id} {r.period}: published {r.value:g} ≠ sum of members {r.total:g}"
        for r in bad.head(20).itertuples()
    ]


def validate(tables: dict[str, pd.DataFrame], catalog: dict[str, dict], focus: list[str],
             members: dict[str, list[str]]) -> None:  # fmt: skip
    """Raise ValidationError listing every broken rule; return None when the warehouse may go live."""
    facts = tables["fact_indicator"]
    problems = (
        known_codes(facts, catalog, tables["dim_area"])
        + no_duplicates(facts, ["indicator_id", "area_code", "period"], "fact_indicator")
        + no_duplicates(tables["fact_population_age"], ["area_code", "year", "age_group"], "fact_population_age")
        + no_duplicates(tables["fact_projection_age"], ["projection", "area_code", "year", "age"],
                        "fact_projection_age")
        + periods_parse(facts, catalog)
        + no_negative_counts(facts, catalog)
        + focus_coverage(facts, focus)
        + totals_match_members(facts, members, catalog)
    )  # fmt: skip
    if problems:
        raise ValidationError(problems)
