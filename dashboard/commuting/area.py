"""Työssäkäynti page, part 3: the employment area (työllisyysalue, 2026 classification) of the focus
municipalities and how they relate to the region's job centres.

Which centres: the municipality of the region with the most jobs, and in each employment area of the focus
municipalities the member outside the focus set with the most jobs, both read from the data for the chosen
year, so nothing here names a municipality. The statistics do not say where out-commuters go, so the page
sets the centres' jobs, balance and self-sufficiency beside the focus municipalities' own, no more.
"""

from __future__ import annotations

import pandas as pd

from dashboard.commuting.balance import values, wide
from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_value, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView

AREA_IDS = ("jobs", "employed_residents", "commuting_balance", "job_self_sufficiency", "home_municipality_work_share")
ROLES = ("focus", "centre_region", "centre_area", "area_total", "subregion")


def employment_areas() -> pd.DataFrame:
    """Every member of the employment areas the focus municipalities belong to."""
    return queries.run("commuting_employment_areas", area_codes=queries.focus_codes())


def area_totals(members: pd.DataFrame) -> dict[str, float]:
    """Sum of jobs and of employed residents over an employment area's members (both additive), and the
    balance and self-sufficiency from those sums. NaN when any member lacks a value: a partial sum is not
    the area's figure. Out- and in-commuters do not add up over municipalities, so they are not computed."""
    complete = members[["jobs", "employed_residents"]].notna().all().all() and not members.empty
    jobs = float(members["jobs"].sum()) if complete else float("nan")
    employed = float(members["employed_residents"].sum()) if complete else float("nan")
    return {"jobs": jobs, "employed_residents": employed, "commuting_balance": jobs - employed,
            "job_self_sufficiency": derive.ratio_percent(jobs, employed)}  # fmt: skip


def centres(year: str) -> dict[str, str]:
    """{area_code: role} of the job centres: the region's largest, then each employment area's largest
    member outside the focus set (by jobs in `year`)."""
    rows = values()
    jobs = rows[(rows["indicator_id"] == "jobs") & (rows["period"] == year)].set_index("area_code")["value"]
    focus = set(queries.focus_codes())
    region = queries.run("compare_region_members", region=queries.region()["region"])["area_code"]
    found: dict[str, str] = {}
    in_region = jobs.reindex([c for c in region if c not in focus]).dropna()
    if not in_region.empty:
        found[in_region.idxmax()] = "centre_region"
    members = employment_areas()
    for _, group in members.groupby("employment_area_code", sort=False):
        others = jobs.reindex([c for c in group["area_code"] if c not in focus]).dropna()
        if not others.empty:
            found.setdefault(others.idxmax(), "centre_area")
    return found


def _area_name(row: pd.Series, lang: str) -> str:
    return f"{row['employment_area_code']} {row[f'name_{lang}'] or row['name_fi']}"


@memo
def membership_lines(year: str, lang: str) -> tuple[str, ...]:
    """Plain sentences: which employment area(s), who else belongs, where the centres are."""
    members, area_names = employment_areas(), queries.area_names(lang)
    member_names = dict(zip(members["area_code"], members[f"area_name_{lang}"].fillna(members["area_name_fi"])))
    lines = []
    for _, group in members.groupby("employment_area_code", sort=False):
        first = group.iloc[0]
        focus_in = group[group["is_focus"]]
        others = [member_names[c] for c in group["area_code"] if c not in set(focus_in["area_code"])]
        lines.append(t("commuting.area_members", lang, area=_area_name(first, lang), n=len(group),
                       focus=len(focus_in), others=", ".join(others) or t("commuting.none", lang),
                       vintage=first["vintage"]))  # fmt: skip
    all_members = set(members["area_code"])
    for code in centres(year):
        if code not in all_members:
            lines.append(t("commuting.centre_outside", lang, area=area_names.get(code, code)))
    return tuple(lines)


def area_data(year: str, lang: str) -> pd.DataFrame:
    """Focus municipalities, centres, the employment-area totals and the sub-region, side by side."""
    focus, sub = queries.focus_codes(), queries.region()["subregion"]
    roles = {**{c: "focus" for c in focus}, **centres(year), sub: "subregion"}
    table = wide(year, list(roles), AREA_IDS)
    table["role"] = table["area_code"].map(roles)
    area_names = queries.area_names(lang)
    table["area_name"] = table["area_code"].map(area_names)
    members = employment_areas()
    rows = [table]
    for _, group in members.groupby("employment_area_code", sort=False):
        member_rows = wide(year, list(group["area_code"]), ("jobs", "employed_residents"))
        member_rows = member_rows.set_index("area_code").reindex(group["area_code"])
        totals = area_totals(member_rows)
        if pd.isna(totals["jobs"]):
            continue
        rows.append(pd.DataFrame([{
            "area_code": f"TA{group.iloc[0]['employment_area_code']}", "area_name": _area_name(group.iloc[0], lang),
            **totals, "home_municipality_work_share": float("nan"), "is_derived": True,
            "source_table": "115n, 115p", "vintage": ", ".join(sorted(set(member_rows["vintage"].dropna()))),
            "period": year, "role": "area_total",
        }]))  # fmt: skip
    data = pd.concat(rows, ignore_index=True)
    data["_order"] = data["role"].map({r: i for i, r in enumerate(ROLES)})
    data = data.sort_values(["_order", "job_self_sufficiency"], ascending=[True, False], ignore_index=True)
    return data[["area_code", "area_name", "role", "period", *AREA_IDS, "is_derived", "source_table", "vintage"]]


@memo
def area_view(year: str, lang: str) -> Block:
    data = area_data(year, lang)
    data = data[data["job_self_sufficiency"].notna()]
    if data.empty:
        return Block(None, (t("commuting.no_year_data", lang, year=year),))
    plotted = data.iloc[::-1]  # horizontal bars draw bottom-up: keep the table's order top-down
    palette = queries.area_colors()
    bar_colors = [palette.get(c, charts.NEUTRALS[0] if r.startswith("centre") else charts.NEUTRALS[2])
                  for c, r in zip(plotted["area_code"], plotted["role"])]  # fmt: skip
    labels = [f"{fmt_value(s, 'percent', 1, lang)} · {fmt_number(b, 0, lang, signed=True)}"
              for s, b in zip(plotted["job_self_sufficiency"], plotted["commuting_balance"])]  # fmt: skip
    bar_names = [f"{n} ({t(f'commuting.role_{r}', lang)})" for n, r in zip(plotted["area_name"], plotted["role"])]
    title = t("commuting.area_title", lang, year=year)
    figure = charts.horizontal_bars(bar_names, plotted["job_self_sufficiency"], labels, bar_colors, title, "%", lang)
    figure.add_vline(x=100, line_dash="dot", line_color="#555")
    centre_rows = data[data["role"].str.startswith("centre")]
    focus_rows = data[data["role"] == "focus"]
    alt = t("commuting.area_alt", lang, year=year,
            centres="; ".join(f"{r.area_name} {fmt_value(r.job_self_sufficiency, 'percent', 1, lang)}"
                              for r in centre_rows.itertuples()) or t("commuting.none", lang),
            below=int((focus_rows["job_self_sufficiency"] < 100).sum()), n=len(focus_rows))  # fmt: skip
    return Block(ChartView(figure, data.reset_index(drop=True), source_caption(data, lang), alt))


@memo
def area_table(year: str, lang: str) -> pd.DataFrame:
    """The same rows for reading: formatted, localised headers, 'ei tietoa' where a figure is missing."""
    data = area_data(year, lang)
    catalog = queries.indicators()
    missing = t("common.no_data", lang)
    out = pd.DataFrame({
        t("common.area", lang): data["area_name"],
        t("commuting.role", lang): data["role"].map(lambda r: t(f"commuting.role_{r}", lang)),
    })  # fmt: skip
    for ind in AREA_IDS:
        entry = catalog.loc[ind]
        signed = ind == "commuting_balance"
        out[entry[f"label_{lang}"]] = [
            missing if pd.isna(v) else fmt_value(v, entry["unit"], int(entry["decimals"]), lang, signed=signed)
            for v in data[ind]
        ]
    return out
