"""Chart blocks, project list and project card of the funding page (Rahoitus), built once per data
version (warehouse file + store stamp), language and filters."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_percent, t
from dashboard.core.memo import memo
from dashboard.funding import charts as fcharts
from dashboard.funding import position, projects
from dashboard.funding import summary as funding
from dashboard.funding.summary import Filters
from dashboard.model import charts
from dashboard.model.sourcing import source_caption
from dashboard.model.views import ChartView


def fund_view(lang: str, filters: Filters) -> ChartView:
    return _fund_view(projects.version(), lang, filters)


@memo
def _fund_view(version: tuple, lang: str, filters: Filters) -> ChartView:
    selected = funding.select(filters)
    data = funding.by_fund(selected, lang)
    title = t("funding.by_fund_title", lang, periods=", ".join(filters.periods) or t("funding.all_periods", lang))
    fig = fcharts.granted_realised(data, title, (t("funding.granted", lang), t("funding.realised", lang)),
                                   t("funding.eur", lang), lang)  # fmt: skip
    if data.empty:
        alt = t("funding.no_projects", lang)
    else:
        top = data.sort_values("granted_eur", ascending=False).iloc[0]
        alt = t("funding.by_fund_alt", lang, n=int(data["projects"].sum()), fund=top["fund"],
                granted=funding.eur(top["granted_eur"], 0, lang),
                total=funding.eur(data["granted_eur"].sum(), 0, lang))  # fmt: skip
    caption = source_caption(funding.caption_rows(selected, lang), lang) + " " + t("funding.basis_note", lang)
    shown = data.rename(columns={"fund": t("funding.fund", lang)})
    return ChartView(fig, shown, caption, alt)


def per_resident_view(lang: str, periods: tuple[str, ...], funds: tuple[str, ...]) -> ChartView:
    return _per_resident_view(projects.version(), lang, periods, funds)


@memo
def _per_resident_view(version: tuple, lang: str, periods: tuple[str, ...], funds: tuple[str, ...]) -> ChartView:
    data = funding.per_resident(periods, funds, lang)
    meta = queries.region()
    colors = charts.area_colors(queries.focus_codes(), queries.comparison_codes())
    colors["rest"] = colors.get(meta["region"], charts.NEUTRALS[1])
    title = t("funding.per_resident_title", lang, periods=", ".join(sorted(data["period"].unique())))
    fig = fcharts.per_resident(data, colors, title, t("funding.eur_per_resident_year", lang), lang)
    used = funding.select(Filters(periods=tuple(data["period"].unique()), funds=funds, unassigned=True))
    rows = pd.concat([data[["source_table", "vintage", "is_derived"]], funding.caption_rows(used, lang)])
    caption = source_caption(rows, lang) + " " + t("funding.per_resident_note", lang)
    sub = data[data["area_code"] == meta["subregion"]]
    if sub.empty or sub["eur_per_resident_year"].isna().all():
        alt = t("funding.no_projects", lang)
    else:
        row = sub.dropna(subset=["eur_per_resident_year"]).iloc[-1]
        rest = data[(data["area_code"] == "rest") & (data["period"] == row["period"])]
        alt = t("funding.per_resident_alt", lang, area=row["area_name"], period=row["period"],
                value=funding.eur(row["eur_per_resident_year"], 1, lang),
                rest=funding.rest_name(lang),
                rest_value=funding.eur(rest["eur_per_resident_year"].iloc[0], 1, lang) if len(rest) else "–")  # fmt: skip
    return ChartView(fig, data.drop(columns=["is_derived"]), caption, alt)


def project_table(lang: str, filters: Filters) -> pd.DataFrame:
    return _project_table(projects.version(), lang, filters)


@memo
def _project_table(version: tuple, lang: str, filters: Filters) -> pd.DataFrame:
    selected = funding.select(filters).sort_values(["start_date", "project_id"], ascending=[False, True],
                                                   na_position="last")  # fmt: skip
    return pd.DataFrame({
        t("funding.col_code", lang): selected["project_code"].fillna("–"),
        t("funding.col_name", lang): selected["name"],
        t("funding.fund", lang): selected["fund_group"].map(lambda g: t(f"funding.fund_{g.lower()}", lang)),
        t("funding.col_period", lang): selected["programme_period"].fillna("–"),
        t("funding.col_areas", lang): selected["areas"].map(lambda a: ", ".join(funding.area_name(c, lang) for c in a)),
        t("funding.col_basis", lang): selected["basis"].map(lambda b: basis_text(b, lang)),
        t("funding.granted", lang): selected["granted"],
        t("funding.realised", lang): selected["realised"],
        t("funding.col_as_stated", lang): selected["funding_as_stated"].fillna(""),
        t("funding.col_spearheads", lang): selected["spearheads"].map(lambda s: ", ".join(spearhead_name(x, lang) for x in s)),
        t("funding.col_origin", lang): selected["origin"].map(lambda o: t(f"funding.origin_{o}", lang)),
    }).reset_index(drop=True)  # fmt: skip


@projects.per_version
def project_options(filters: Filters) -> list[str]:
    return funding.select(filters).sort_values("name")["project_id"].tolist()


@projects.per_version
def project_label(project_id: str) -> str:
    row = projects.catalogue().loc[project_id]
    code = row["project_code"] if isinstance(row["project_code"], str) else ""
    code = row["project_id"] if code.startswith("http") else code  # Kohesio ids are URLs: show 'kohesio:Q…'
    return f"{code} · {row['name'][:70]}" if code else row["name"][:80]


@projects.per_version
def project_labels(project_ids: tuple[str, ...]) -> dict[str, str]:
    """{project_id: label} for a selectbox's format_func: one lookup per rerun instead of one per option."""
    return {pid: project_label(pid) for pid in project_ids}


@projects.per_version
def filter_labels(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """The municipality and spearhead choices of the funding page, with their labels."""
    names = {funding.ALL: t("funding.all_municipalities", lang)} | {
        c: funding.area_name(c, lang) for c in queries.focus_codes()
    }
    spear = {funding.ALL: t("funding.all_spearheads", lang), funding.NO_SPEARHEAD: t("funding.no_spearhead", lang)}
    return names, spear | {s: spearhead_name(s, lang) for s in projects.SPEARHEADS}


def spearhead_name(key: str, lang: str) -> str:
    return t(f"funding.spearhead_{key}", lang)


def basis_text(basis: object, lang: str) -> str:
    """'implementer_name;project_name' → 'toteuttajan nimi; hankkeen nimi'; unknown parts stay as written."""
    if not isinstance(basis, str) or not basis:
        return t("funding.basis_none", lang)
    parts = []
    for part in basis.replace(";", "; ").split("; "):
        key, _, rest = part.strip().partition(" (")
        known = t(f"funding.basis_{key}", lang)
        parts.append((known if known != f"funding.basis_{key}" else key) + (f" ({rest}" if rest else ""))
    return "; ".join(parts)


@projects.per_version
def summary(lang: str, filters: Filters) -> list[tuple[str, str]]:
    """Headline numbers of the selection: projects, granted and realised EUR (sums are derived)."""
    selected = funding.select(filters)
    return [(t("funding.projects_count", lang), fmt_number(len(selected), 0, lang)),
            (t("funding.granted_sum", lang), funding.eur(selected["granted"].sum(min_count=1), 0, lang)),
            (t("funding.realised_sum", lang), funding.eur(selected["realised"].sum(min_count=1), 0, lang))]  # fmt: skip


def money_columns(lang: str) -> dict:
    money = {"format": "%.0f €"}
    return {t("funding.granted", lang): st.column_config.NumberColumn(**money),
            t("funding.realised", lang): st.column_config.NumberColumn(**money)}  # fmt: skip


def position_view(lang: str, today: date) -> ChartView:
    return _position_view(projects.version(), lang, today)


@memo
def _position_view(version: tuple, lang: str, today: date) -> ChartView:
    data = position.position(today, lang)
    colors = charts.area_colors(queries.focus_codes(), queries.comparison_codes())
    colors["rest"] = colors.get(queries.region()["region"], charts.NEUTRALS[1])
    share = position.elapsed_share(today)
    names = {"level": t("funding_pos.level", lang), "actual": t("funding_pos.actual", lang),
             "expected": t("funding_pos.expected", lang, share=fmt_percent(100 * share, 0, lang))}  # fmt: skip
    fig = fcharts.position(data, colors, t("funding_pos.position_title", lang, period=position.PERIOD), names,
                           t("funding.eur_per_resident_year", lang), lang)  # fmt: skip
    sub = data.iloc[0]
    alt = t("funding_pos.position_alt", lang, area=sub["area_name"], level=funding.eur(sub["level"], 0, lang),
            actual=funding.eur(sub["actual"], 1, lang) if pd.notna(sub["actual"]) else t("funding_pos.no_commitments", lang),
            share=fmt_percent(100 * share, 0, lang), rest=data.iloc[1]["area_name"],
            rest_level=funding.eur(data.iloc[1]["level"], 0, lang))  # fmt: skip
    caption = " ".join(
        [t("funding_pos.position_caption", lang), *(f"[{u}]({u})" for u in data["source_url"].dropna().unique())]
    )
    return ChartView(fig, data, caption, alt)


def allocation_view(lang: str) -> ChartView:
    return _allocation_view(projects.version(), lang)


@memo
def _allocation_view(version: tuple, lang: str) -> ChartView:
    data = position.allocations(lang)
    shown = pd.DataFrame({
        "fund": data["fund"], "allocation_meur": data["allocation_meur"],
        "committed_meur": data["committed_coordinator_meur"].fillna(data["committed_register_meur"]),
        "paid_meur": data["paid_coordinator_meur"].fillna(data["paid_register_meur"]),
    })  # fmt: skip
    names = {"allocation_meur": t("funding_pos.allocation", lang), "committed_meur": t("funding_pos.committed", lang),
             "paid_meur": t("funding_pos.paid", lang)}  # fmt: skip
    fig = fcharts.allocations(shown, t("funding_pos.allocation_title", lang, period=position.PERIOD), names, "M€", lang)
    total = position.total_allocation()
    parts = [
        f"{r.fund} {fmt_number(r.allocation_meur, 0, lang)} M€"
        for r in data.itertuples()
        if pd.notna(r.allocation_meur)
    ]
    alt = t("funding_pos.allocation_alt", lang, total=fmt_number(total["value"], 1, lang) if total is not None else "–",
            parts=", ".join(parts), committed=t("funding_pos.committed_known" if shown["committed_meur"].notna().any()
                                                else "funding_pos.committed_unknown", lang))  # fmt: skip
    sources = sorted({u for u in data["allocation_source"].dropna()})
    caption = t("funding_pos.allocation_caption", lang) + " " + " ".join(f"[{u}]({u})" for u in sources)
    return ChartView(fig, data, caption, alt)
