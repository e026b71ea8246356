"""The funding page's content: projects by fund, period, municipality and spearhead; granted vs realised
funding; euros per resident for each focus municipality, the sub-region and the rest of the region.

Money is "Myönnetty / Toteutunut EU- ja valtion rahoitus" of the registers (EU + state) and what the
coordinator entered as granted/realised; pages say so. Sums and per-resident figures are derived
(computed here from published figures and the warehouse population) and labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import NBSP, fmt_number, label, t
from dashboard.core.memo import memo
from dashboard.funding import projects

ALL = "all"
# A per-resident figure is comparable only when most of its projects state an amount: a missing amount is
# neither zero nor estimated, so a bar summing 6 of 19 projects cannot stand beside one summing 521 of 523.
COVERAGE_MIN = 0.8
NO_SPEARHEAD = "none"


@dataclass(frozen=True)
class Filters:
    periods: tuple[str, ...] = ()  # empty = every period
    funds: tuple[str, ...] = ()  # fund groups; empty = all
    area: str = ALL  # a focus municipality, or ALL
    spearhead: str = ALL  # a spearhead, NO_SPEARHEAD, or ALL
    unassigned: bool = False  # also the region's projects nobody has placed in a municipality


def eur(value: object, decimals: int, lang: str) -> str:
    """'1 234 567 €'; missing → '–' (never 0: empty stays empty)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    return f"{fmt_number(float(value), decimals, lang)}{NBSP}€"


def area_name(code: str, lang: str) -> str:
    """An area's unique name (the product's one helper, queries.area_names); the code for an area without data."""
    return queries.area_names(lang).get(code, code)


def rest_name(lang: str) -> str:
    meta = queries.region()
    return t("funding.rest_of_region", lang, region=area_name(meta["region"], lang))


@memo
def period_choices() -> list[str]:
    frame = projects.catalogue()
    periods = frame.loc[frame["in_region"].fillna(False).astype(bool), "programme_period"].dropna().unique()
    return sorted(periods)


@memo
def select(filters: Filters) -> pd.DataFrame:
    """The projects the filters pick, register and coordinator's alike."""
    meta = queries.region()
    frame = projects.catalogue()
    ours = projects.focus_related(frame, queries.focus_codes(), meta["subregion"], partial=True)
    if filters.unassigned:
        queue = projects.unassigned_queue(frame, queries.focus_codes(), meta["subregion"]).index
        ours = ours | frame.index.isin(queue)
    keep = ours & ~frame["not_ours"]
    if filters.periods:
        keep &= frame["programme_period"].isin(filters.periods)
    if filters.funds:
        keep &= frame["fund_group"].isin(filters.funds)
    if filters.area != ALL:
        keep &= frame["areas"].map(lambda areas: filters.area in areas)
    if filters.spearhead == NO_SPEARHEAD:
        keep &= frame["spearheads"].map(len) == 0
    elif filters.spearhead != ALL:
        keep &= frame["spearheads"].map(lambda tags: filters.spearhead in tags)
    return frame[keep]


def by_fund(selected: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Granted and realised EUR per fund group (sums are derived; projects without an amount are counted)."""
    rows = []
    for group in projects.FUND_GROUPS:
        part = selected[selected["fund_group"] == group]
        if part.empty:
            continue
        rows.append({"fund_group": group, "fund": t(f"funding.fund_{group.lower()}", lang), "projects": len(part),
                     "with_amount": int(part["granted"].notna().sum()), "granted_eur": part["granted"].sum(min_count=1),
                     "realised_eur": part["realised"].sum(min_count=1)})  # fmt: skip
    return pd.DataFrame(rows, columns=["fund_group", "fund", "projects", "with_amount", "granted_eur", "realised_eur"])


def period_years(period: str) -> tuple[int, int]:
    first, last = period.split("-")
    return int(first), int(last)


def population_for(codes: list[str], year: int) -> pd.DataFrame:
    """Population of each area in `year`, or in its latest year before that when `year` is not published yet."""
    pop = queries.series("population", codes)
    pop = pop[pop["value"].notna() & (pop["period"].astype(int) <= year)]
    latest = pop.sort_values("period").groupby("area_code").tail(1)
    return latest.set_index("area_code")[["period", "value", "source_table", "vintage", "is_derived"]]


@memo
def per_resident(periods: tuple[str, ...], funds: tuple[str, ...], lang: str,
                 started_by: date | None = None) -> pd.DataFrame:  # fmt: skip
    """Granted EUR per resident and per resident and programme year, by area and programme period;
    `started_by`: only the projects started by that date (the position as it was then).

    Each focus municipality counts every project attributed to it (a project shared by several
    municipalities counts in full in each); the sub-region counts each of its projects once; the rest of
    the region = the region's projects not attributed to the sub-region, over the region's population
    minus the sub-region's. Population: the period's last year, or the latest published before it.
    """
    meta = queries.region()
    focus, sub, region = queries.focus_codes(), meta["subregion"], meta["region"]
    frame = projects.catalogue()
    frame = frame[~frame["not_ours"] & frame["programme_period"].notna()]
    if funds:
        frame = frame[frame["fund_group"].isin(funds)]
    if started_by is not None:
        started = pd.to_datetime(frame["start_date"], errors="coerce")
        frame = frame.loc[(started.notna() & (started <= pd.Timestamp(started_by))).astype(bool)]
    chosen = periods or tuple(p for p in period_choices() if p.count("-") == 1)
    sub_mask = projects.focus_related(frame, focus, sub)
    rows = []
    for period in chosen:
        first, last = period_years(period)
        in_period = frame[frame["programme_period"] == period]
        pop = population_for([*focus, sub, region], last)
        groups = [(code, area_name(code, lang), in_period["areas"].map(lambda a, c=code: c in a)) for code in focus]
        groups.append((sub, area_name(sub, lang), sub_mask.reindex(in_period.index)))
        rest = in_period["in_region"].fillna(False).astype(bool) & ~sub_mask.reindex(in_period.index)
        groups.append(("rest", rest_name(lang), rest))
        for code, name, mask in groups:
            part = in_period[mask.fillna(False).astype(bool)]
            if code == "rest":
                people = pop.at[region, "value"] - pop.at[sub, "value"] if {region, sub} <= set(pop.index) else None
                pop_row = pop.loc[region] if region in pop.index else None
            else:
                people = pop.at[code, "value"] if code in pop.index else None
                pop_row = pop.loc[code] if code in pop.index else None
            granted = part["granted"].sum(min_count=1)
            eur = granted / people if people and pd.notna(granted) else None
            with_amount = int(part["granted"].notna().sum())
            coverage = with_amount / len(part) if len(part) else None
            rows.append({
                "area_code": code, "area_name": name, "period": period, "projects": len(part),
                "with_amount": with_amount, "coverage": coverage,
                "comparable": coverage is not None and coverage >= COVERAGE_MIN,
                "lists": list_names(part, lang), "granted_eur": granted,
                "population": people, "population_year": None if pop_row is None else pop_row["period"],
                "eur_per_resident": eur, "eur_per_resident_year": None if eur is None else eur / (last - first + 1),
                "source_table": "" if pop_row is None else pop_row["source_table"],
                "vintage": None if pop_row is None else pop_row["vintage"], "is_derived": True,
            })  # fmt: skip
    # Named columns also when no period has projects (a region the shipped lists do not cover): the view
    # then draws an empty chart and says there are no projects, instead of failing on a missing column.
    return pd.DataFrame(rows, columns=PER_RESIDENT_COLUMNS)


PER_RESIDENT_COLUMNS = ["area_code", "area_name", "period", "projects", "with_amount", "coverage", "comparable",
                        "lists", "granted_eur", "population", "population_year", "eur_per_resident",
                        "eur_per_resident_year", "source_table", "vintage", "is_derived"]  # fmt: skip


@memo
def _sources_by_table() -> pd.DataFrame:
    return queries.sources().drop_duplicates("source_table").set_index("source_table")


def list_names(selected: pd.DataFrame, lang: str) -> str:
    """The project lists behind `selected`, each with its date: 'EURA 2014: Rakennerahastohankkeet 2014–2020
    (projektilista, syksyn 2016 tilanne); …' (a list's date says which decisions it can hold)."""
    sources = _sources_by_table()
    names = []
    for (table, register), part in selected.groupby(["source_table", "register"], dropna=False, sort=True):
        vintage = part["vintage"].dropna().astype(str).max() if part["vintage"].notna().any() else ""
        if register == projects.COORDINATOR:
            names.append(t("funding.source_coordinator", lang))
        elif isinstance(table, str) and table in sources.index:
            statistic = str(label(sources.loc[table].to_dict(), lang, "statistic"))
            dated = statistic if vintage[:4] and vintage[:4] in statistic else f"{statistic} ({vintage})"
            names.append(f"{table}: {dated}")
        else:
            names.append(f"{table if isinstance(table, str) else register} ({vintage or '?'})")
    return "; ".join(dict.fromkeys(names))


def caption_rows(selected: pd.DataFrame, lang: str) -> pd.DataFrame:
    """source_table/vintage rows naming the registers (and uploads) behind `selected`, for source_caption."""
    other = selected["register"].map(lambda r: t("funding.source_coordinator", lang) if r == projects.COORDINATOR
                                      else t("funding.uploaded_register", lang, register=r))  # fmt: skip
    tables = selected["source_table"].fillna(other)
    return pd.DataFrame({"source_table": tables.fillna(""), "vintage": selected["vintage"], "is_derived": True})
