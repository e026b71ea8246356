"""The funding-position tracker ("use it or lose it"): the 2021–27 EU funding of the sub-region per
resident and year against the stated special-position level and the level elsewhere in the region; the
region's allocations by fund with what is committed and paid; the share of the programme period elapsed;
the regional aid area and investment-aid ceilings. Each stated figure keeps its source link; figures
computed here (per-resident commitments, elapsed share, expected-to-date level) are derived.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, t
from dashboard.core.memo import memo
from dashboard.funding import projects
from dashboard.funding import summary as funding
from dashboard.funding.summary import eur

PERIOD = "2021-2027"  # the programme period the allocations and the special position refer to
STRUCTURAL = ("ERDF", "ESF", "JTF")  # the funds of the allocation (EAKR, ESR+, JTF)
FUND_TEXT = {"EAKR": "ERDF", "ESR+": "ESF", "JTF": "JTF"}  # fund as written in the facts file → group


def elapsed_share(today: date, period: str = PERIOD) -> float:
    """Share of the programme period's calendar years elapsed on `today`, 0…1 (derived)."""
    first, last = funding.period_years(period)
    start, end = date(first, 1, 1), date(last + 1, 1, 1)
    return min(1.0, max(0.0, (today - start).days / (end - start).days))


def _facts() -> pd.DataFrame:
    return queries.run("fund_facts")


@memo
def levels() -> dict[str, pd.Series]:
    """The stated €/resident/year levels: {'subregion': row, 'rest': row} (absent when not stated)."""
    meta = queries.region()
    facts = _facts()
    rows = facts[(facts["topic"] == "special position") & (facts["unit"] == "€/person/year")
                 & (facts["period"] == PERIOD)]  # fmt: skip
    out = {}
    for row in rows.itertuples():
        codes = str(row.area_codes)
        if codes == meta["subregion"]:
            out["subregion"] = facts.loc[row.Index]
        elif codes.startswith(meta["region"]) and meta["subregion"] in codes:  # 'MK13 minus SK138'
            out["rest"] = facts.loc[row.Index]
    return out


@memo
def position(today: date, lang: str) -> pd.DataFrame:
    """Sub-region and rest of the region: stated level, committed €/resident/year and the expected-to-date
    level (stated level × elapsed share). Committed = granted EU + state funding of the period's ERDF, ESF+
    and JTF projects in the warehouse and the coordinator's projects, per resident per programme year."""
    meta = queries.region()
    stated = levels()
    actual = funding.per_resident((PERIOD,), STRUCTURAL, lang)
    share = elapsed_share(today)
    own = projects.store().allocations
    own = own[(own["measure"] == "target_per_resident") & (own["programme_period"] == PERIOD)].sort_values("as_of")
    rows = []
    for key, code in (("subregion", meta["subregion"]), ("rest", "rest")):
        level = stated.get(key)
        mine = own[own["area_code"] == (meta["subregion"] if key == "subregion" else meta["region"])].tail(1)
        if len(mine):  # the coordinator's newer level, with its source, replaces the stated one
            level = pd.Series({"value": mine["amount"].iloc[0], "value_as_stated": mine["source_text"].iloc[0],
                               "source_url": mine["source_url"].iloc[0]})  # fmt: skip
        hit = actual[actual["area_code"] == code]
        value = hit["eur_per_resident_year"].iloc[0] if len(hit) and hit["projects"].iloc[0] else None
        rows.append({
            "area_code": code if key == "rest" else meta["subregion"],
            "area_name": funding.rest_name(lang) if key == "rest" else funding.area_name(code, lang),
            "level": None if level is None else level["value"], "actual": value,
            "expected_to_date": None if level is None else level["value"] * share,
            "projects": int(hit["projects"].iloc[0]) if len(hit) else 0,
            "with_amount": int(hit["with_amount"].iloc[0]) if len(hit) else 0,
            "population": hit["population"].iloc[0] if len(hit) else None,
            "population_year": hit["population_year"].iloc[0] if len(hit) else None,
            "level_as_stated": None if level is None else level["value_as_stated"],
            "source_url": None if level is None else level["source_url"],
            "level_by": "coordinator" if len(mine) else "stated",
        })  # fmt: skip
    return pd.DataFrame(rows)


@memo
def allocations(lang: str) -> pd.DataFrame:
    """Per fund: the stated EU allocation (M€) and what is committed and paid, from the registers (EU + state,
    projects decided by the region's authorities) and from the coordinator's entries (with their source)."""
    meta = queries.region()
    facts = _facts()
    stated = facts[(facts["topic"] == "regional allocation") & (facts["area_codes"] == meta["region"])
                   & (facts["period"] == PERIOD) & (facts["basis"] == "EU funding")
                   & facts["fund"].isin(FUND_TEXT)]  # fmt: skip
    frame = projects.catalogue()
    # decided by the region's authorities; files without an authority (Kohesio) count by NUTS3/attribution
    ours = frame["region_authority"].astype("boolean").fillna(frame["in_region"].astype("boolean")).fillna(False)
    decided = frame[(frame["programme_period"] == PERIOD) & ours.astype(bool)]
    own = projects.store().allocations
    own = own[(own["programme_period"] == PERIOD) & (own["area_code"] == meta["region"])]
    rows = []
    for group in STRUCTURAL:
        fact = stated[stated["fund"].map(FUND_TEXT) == group]
        part = decided[decided["fund_group"] == group]
        mine = own[own["fund"] == group].sort_values("as_of")
        latest = {m: mine[mine["measure"] == m].tail(1) for m in ("allocation", "committed", "paid")}
        rows.append({
            "fund_group": group, "fund": t(f"funding.fund_{group.lower()}", lang),
            "allocation_meur": fact["value"].iloc[0] if len(fact) else None,
            "allocation_as_stated": fact["value_as_stated"].iloc[0] if len(fact) else None,
            "allocation_source": fact["source_url"].iloc[0] if len(fact) else None,
            "register_projects": len(part),
            "committed_register_meur": _meur(part["granted"].sum(min_count=1)),
            "paid_register_meur": _meur(part["realised"].sum(min_count=1)),
            **{f"{m}_coordinator_meur": _meur(v["amount"].iloc[0]) if len(v) else None for m, v in latest.items()},
            **{f"{m}_coordinator_source": v["source_url"].iloc[0] if len(v) else None for m, v in latest.items()},
        })  # fmt: skip
    return pd.DataFrame(rows)


def _meur(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value) / 1e6


@memo
def total_allocation() -> pd.Series | None:
    meta = queries.region()
    facts = _facts()
    hit = facts[(facts["topic"] == "regional allocation") & (facts["area_codes"] == meta["region"])
                & (facts["period"] == PERIOD) & (facts["basis"] == "EU funding") & ~facts["fund"].isin(FUND_TEXT)]  # fmt: skip
    return None if hit.empty else hit.iloc[0]


@memo
def other_facts(lang: str) -> pd.DataFrame:
    """Every stated fact of the funding plan, the use of the allocation and the Leader frames, verbatim."""
    facts = _facts()
    shown = facts[facts["topic"].isin(["funding plan", "use of allocation", "Leader frame", "rural allocation",
                                       "regional allocation", "special position", "2014-2020 structure"])]  # fmt: skip
    value = [f"{fmt_number(v, 1 if v % 1 else 0, lang)} {u}" if pd.notna(v) else (txt or "–")
             for v, u, txt in zip(shown["value"], shown["unit"].fillna(""), shown["value_text"])]  # fmt: skip
    return pd.DataFrame({
        t("funding_pos.col_topic", lang): shown["topic"], t("funding_pos.col_area", lang): shown["area"],
        t("funding_pos.col_period", lang): shown["period"], t("funding.fund", lang): shown["fund"],
        t("funding_pos.col_value", lang): value, t("funding_pos.col_as_stated", lang): shown["value_as_stated"],
        t("funding_pos.col_basis", lang): shown["basis"].fillna("–"), t("funding_pos.col_source", lang): shown["source_url"],
    })  # fmt: skip


@memo
def aid_areas(lang: str) -> pd.DataFrame:
    """Aid area of the focus municipalities per period, one row per (period, area), with its source."""
    rows = queries.run("fund_aid_areas", area_codes=queries.focus_codes())
    grouped = rows.groupby(["period", "tukialue", "basis_as_stated", "source_url"], sort=True, dropna=False)
    return pd.DataFrame([
        {t("funding_pos.col_period", lang): period, t("funding_pos.col_aid_area", lang): area,
         t("funding_pos.col_municipalities", lang): ", ".join(funding.area_name(c, lang) for c in part["area_code"]),
         t("funding_pos.col_as_stated", lang): basis, t("funding_pos.col_source", lang): url}
        for (period, area, basis, url), part in grouped
    ])  # fmt: skip


@memo
def aid_intensity(lang: str) -> pd.DataFrame:
    rows = queries.run("fund_aid_intensity")
    pct = rows["max_aid_pct"].map(
        lambda v: f"{fmt_number(v, 0, lang)} %" if pd.notna(v) else t("funding_pos.no_aid", lang)
    )
    return pd.DataFrame({
        t("funding_pos.col_period", lang): rows["period"], t("funding_pos.col_aid_area", lang): rows["tukialue"],
        t("funding_pos.col_company_size", lang): rows["company_size"], t("funding_pos.col_max_aid", lang): pct,
        t("funding_pos.col_source", lang): rows["source_url"],
    })  # fmt: skip


@memo
def coordinator_entries(lang: str) -> pd.DataFrame:
    own = projects.store().allocations
    return pd.DataFrame({
        t("funding_pos.col_period", lang): own["programme_period"], t("funding.fund", lang): own["fund"],
        t("funding_pos.col_area", lang): own["area_code"].map(lambda c: funding.area_name(c, lang)),
        t("funding_pos.col_measure", lang): own["measure"].map(lambda m: t(f"funding_pos.measure_{m}", lang)),
        t("funding_pos.col_value", lang): [eur(a, 0, lang) if u == "EUR" else f"{fmt_number(a, 1, lang)} {t('funding.eur_per_resident_year', lang)}"
                                           for a, u in zip(own["amount"], own["unit"])],
        t("funding_pos.col_basis", lang): own["basis"].fillna("–"), t("funding_pos.col_as_of", lang): own["as_of"],
        t("funding_pos.col_source", lang): own["source_url"], t("funding_pos.col_entered_by", lang): own["updated_by"],
    })  # fmt: skip
