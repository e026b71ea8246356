"""Työ ja elinkeinot page, jobs by industry (TOL 2008 sections): each industry's share of the area's jobs
beside the comparison areas' shares, and location quotients (share in the area / share in the reference):
above 1, the area is specialised in the industry.

The bundled data (Paavo 2020: jobs by industry 2017) has municipalities and their derived sub-region and
region sums but no whole-country figure, so quotients are computed against Keski-Suomi (and the sub-region);
against Finland as soon as a live fetch of table 115h brings whole-country rows, with no code change.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_percent, label, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView
from dashboard.population.choices import areas_shown

UNKNOWN = "X"  # "industry unknown": part of the total, but no quotient (nothing to be specialised in)


def industry_table(jobs: pd.DataFrame, area: str, references: list[str]) -> pd.DataFrame:
    """One row per industry: the area's jobs and share (%), and per reference its share and the quotient.

    Shares are of all jobs, the unknown industry included, as Statistics Finland publishes them; a quotient
    whose reference share is zero (or the unknown industry's) is left empty.
    """
    mine = jobs[jobs["area_code"] == area].set_index("industry_code")
    out = pd.DataFrame({"industry_code": mine.index, "jobs": mine["jobs"].values})
    out["share"] = (100 * mine["jobs"] / mine["jobs"].sum()).values
    for ref in references:
        pair = jobs[jobs["area_code"].isin([area, ref])]
        lq = derive.location_quotient(pair, area, ref).set_index("industry_code")
        quotient = lq["location_quotient"].where(lq["reference_share"] > 0)
        out[f"share_{ref}"] = out["industry_code"].map(lq["reference_share"])
        out[f"lq_{ref}"] = out["industry_code"].map(quotient).where(out["industry_code"] != UNKNOWN)
    return out


def _industry_names(jobs: pd.DataFrame, lang: str) -> dict[str, str]:
    rows = jobs.drop_duplicates("industry_code").set_index("industry_code")
    return {code: f"{code} {label(row.to_dict(), lang, 'industry')}" for code, row in rows.iterrows()}


def bar_height(groups: int, bars_per_group: int) -> int:
    """Tall enough that every horizontal bar and its label stay readable."""
    return 160 + 14 * groups * max(bars_per_group, 1) + 6 * groups


def _short(name: str, width: int = 38) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


@memo
def _industry(lang: str, area: str, comparisons: tuple[str, ...]) -> tuple:
    """(table, references, year, names, notes, rows used) shared by the two charts and the table."""
    wanted = areas_shown(area, comparisons)
    jobs = queries.run("work_industry", area_codes=wanted)
    names = queries.area_names(lang)
    mine = jobs[jobs["area_code"] == area]
    if mine.empty:
        return None, [], None, {}, (t("work.note_no_industry", lang, area=names[area]),), jobs
    year = int(mine["year"].max())
    jobs = jobs[jobs["year"] == year]
    held = set(jobs["area_code"])
    references = [c for c in wanted[1:] if c in held]
    country = queries.region()["country"]
    notes = [t("work.note_country_industry" if c == country else "work.note_no_industry_ref", lang, area=names[c],
               year=year) for c in wanted[1:] if c not in held]  # fmt: skip
    table = industry_table(jobs, area, references)
    return table, references, year, _industry_names(jobs, lang), tuple(notes), jobs


@memo
def table_view(lang: str, area: str, comparisons: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(table as shown, the same rows as numbers for download, source caption); empty frames without data."""
    table, references, year, names, _notes, jobs = _industry(lang, area, comparisons)
    if table is None:
        return pd.DataFrame(), pd.DataFrame(), ""
    area_names = queries.area_names(lang)
    shown = pd.DataFrame({t("work.col_industry", lang): table["industry_code"].map(names),
                          t("work.col_jobs", lang, area=area_names[area], year=year): table["jobs"].map(lambda v: fmt_number(v, 0, lang)),
                          t("work.col_share", lang, area=area_names[area]): table["share"].map(lambda v: fmt_percent(v, 1, lang))})  # fmt: skip
    for ref in references:
        shown[t("work.col_share", lang, area=area_names[ref])] = table[f"share_{ref}"].map(
            lambda v: fmt_percent(v, 1, lang)
        )
        shown[t("work.col_lq", lang, area=area_names[ref])] = table[f"lq_{ref}"].map(lambda v: fmt_number(v, 2, lang))
    data = table.assign(area_code=area, area_name=area_names[area], year=year, industry=table["industry_code"].map(names),
                        is_derived=True)  # fmt: skip
    return shown, data, source_caption(jobs.assign(is_derived=True), lang)


@memo
def shares_block(lang: str, area: str, comparisons: list[str]) -> Block:
    """Each industry's share of jobs in the area and in every comparison area with industry data."""
    table, references, year, names, notes, jobs = _industry(lang, area, comparisons)
    if table is None:
        return Block(None, notes)
    area_names = queries.area_names(lang)
    palette = queries.area_colors()
    ordered = table.sort_values("share")
    fig = go.Figure()
    # Reversed: plotly stacks a horizontal group bottom-up, so the area's own bar ends up on top.
    for code, column in reversed([(area, "share"), *[(ref, f"share_{ref}") for ref in references]]):
        fig.add_trace(go.Bar(y=ordered["industry_code"].map(lambda c: _short(names[c])), x=ordered[column],
                             name=area_names[code], orientation="h", marker_color=palette.get(code, charts.NEUTRALS[0]),
                             customdata=ordered["industry_code"].map(names),
                             hovertemplate="%{customdata}: %{x:.1f} %<extra>%{fullData.name}</extra>"))  # fmt: skip
    title = t("work.industry_title", lang, area=area_names[area], year=year)
    fig = charts.base_layout(fig, title, lang, height=bar_height(len(table), 1 + len(references)))
    fig.update_layout(barmode="group", legend_traceorder="reversed")
    fig.update_xaxes(title_text=t("work.share_unit", lang))
    shown = table.melt(id_vars=["industry_code", "jobs"], value_vars=["share", *[f"share_{r}" for r in references]],
                       var_name="area", value_name="share_pct")  # fmt: skip
    shown["area_code"] = shown["area"].map(lambda v: area if v == "share" else v.removeprefix("share_"))
    shown = shown.assign(area_name=shown["area_code"].map(area_names), industry=shown["industry_code"].map(names),
                         year=year, is_derived=True)  # fmt: skip
    shown = shown[["area_code", "area_name", "year", "industry_code", "industry", "share_pct", "is_derived"]]
    top = table.sort_values("share", ascending=False).iloc[0]
    alt = t("work.industry_alt", lang, area=area_names[area], year=year, industry=names[top["industry_code"]],
            share=fmt_percent(top["share"], 1, lang),
            others=", ".join(f"{area_names[r]} {fmt_percent(top[f'share_{r}'], 1, lang)}" for r in references) or "–")  # fmt: skip
    return Block(
        ChartView(fig, shown.reset_index(drop=True), source_caption(jobs.assign(is_derived=True), lang), alt), notes
    )


@memo
def lq_block(lang: str, area: str, comparisons: list[str]) -> Block:
    """Location quotients of the area's industries against each comparison area with industry data."""
    table, references, year, names, notes, jobs = _industry(lang, area, comparisons)
    if table is None or not references:
        return Block(None, (*notes, t("work.note_no_lq", lang)))
    area_names = queries.area_names(lang)
    first = f"lq_{references[0]}"
    ordered = table.dropna(subset=[first]).sort_values(first)
    fig = go.Figure()
    for i, ref in enumerate(references):
        fig.add_trace(go.Bar(y=ordered["industry_code"].map(lambda c: _short(names[c])), x=ordered[f"lq_{ref}"],
                             name=t("work.lq_vs", lang, area=area_names[ref]), orientation="h",
                             marker_color=charts.NEUTRALS[i % len(charts.NEUTRALS)],
                             customdata=ordered["industry_code"].map(names),
                             hovertemplate="%{customdata}: %{x:.2f}<extra>%{fullData.name}</extra>"))  # fmt: skip
    fig.add_vline(x=1, line_width=1.5, line_color=queries.area_colors().get(area, "#333"))
    title = t("work.lq_title", lang, area=area_names[area], year=year)
    fig = charts.base_layout(fig, title, lang, height=bar_height(len(ordered), len(references)))
    fig.update_layout(barmode="group", legend_traceorder="normal")
    fig.update_xaxes(title_text=t("work.lq_unit", lang))
    shown = table.melt(id_vars=["industry_code"], value_vars=[f"lq_{r}" for r in references], var_name="reference",
                       value_name="location_quotient")  # fmt: skip
    shown["reference"] = shown["reference"].str.removeprefix("lq_")
    shown = shown.assign(area_code=area, area_name=area_names[area], reference_name=shown["reference"].map(area_names),
                         industry=shown["industry_code"].map(names), year=year, is_derived=True)  # fmt: skip
    shown = shown[["area_code", "area_name", "year", "reference", "reference_name", "industry_code", "industry",
                   "location_quotient", "is_derived"]]  # fmt: skip
    top = ordered.iloc[-1]
    alt = t("work.lq_alt", lang, area=area_names[area], year=year, industry=names[top["industry_code"]],
            lq=fmt_number(top[first], 2, lang), reference=area_names[references[0]],
            n=int((table[first] > 1).sum()))  # fmt: skip
    return Block(ChartView(fig, shown.reset_index(drop=True), source_caption(jobs.assign(is_derived=True), lang), alt),
                 (t("work.note_lq", lang), *notes))  # fmt: skip
