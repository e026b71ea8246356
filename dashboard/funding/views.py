"""Chart blocks, project list and labels of the funding pages (Rahoitus, Rahoitusasema), each `@memo`: built
once per data version (warehouse pin + store revision), language and filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.core import clock, queries
from dashboard.core.i18n import fmt_number, fmt_percent, t
from dashboard.core.memo import memo
from dashboard.funding import charts as fcharts
from dashboard.funding import position, projects
from dashboard.funding import summary as funding
from dashboard.funding.summary import Filters
from dashboard.funding.text import link
from dashboard.model import charts
from dashboard.model.sourcing import source_caption
from dashboard.model.views import ChartView, Headline
from dashboard.ui.components import plain


@memo
def fund_view(lang: str, filters: Filters) -> ChartView:
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


@memo
def per_resident_view(lang: str, periods: tuple[str, ...], funds: tuple[str, ...]) -> ChartView:
    """EUR per resident and programme year by area, each bar with its coverage (n / m projects with an
    amount) and the lists behind it; a bar below funding.COVERAGE_MIN is drawn as not comparable."""
    data = funding.per_resident(periods, funds, lang)
    meta = queries.region()
    colors = queries.area_colors()
    colors["rest"] = colors.get(meta["region"], charts.NEUTRALS[1])
    threshold = fmt_percent(100 * funding.COVERAGE_MIN, 0, lang)
    drawn = data.assign(
        coverage_text=[f"{w} / {n}" for w, n in zip(data["with_amount"], data["projects"])],
        hover=[t("funding.coverage_hover", lang, with_amount=w, projects=n, lists=lists or "–")
               for w, n, lists in zip(data["with_amount"], data["projects"], data["lists"])],
    )  # fmt: skip
    title = t("funding.per_resident_title", lang, periods=", ".join(sorted(data["period"].unique())))
    fig = fcharts.per_resident(drawn, colors, title, t("funding.eur_per_resident_year", lang),
                               t("funding.not_comparable", lang, threshold=threshold), lang)  # fmt: skip
    used = funding.select(Filters(periods=tuple(data["period"].unique()), funds=funds, unassigned=True))
    rows = pd.concat([data[["source_table", "vintage", "is_derived"]], funding.caption_rows(used, lang)])
    every_list = "; ".join(dict.fromkeys(name for lists in data["lists"] if lists for name in lists.split("; ")))
    caption = " ".join([source_caption(rows, lang), t("funding.per_resident_note", lang),
                        t("funding.per_resident_coverage", lang, lists=every_list or "–", threshold=threshold)])  # fmt: skip
    sub = data[data["area_code"] == meta["subregion"]]
    if sub.empty or sub["eur_per_resident_year"].isna().all():
        alt = t("funding.no_projects", lang)
    else:
        row = sub.dropna(subset=["eur_per_resident_year"]).iloc[-1]
        rest = data[(data["area_code"] == "rest") & (data["period"] == row["period"])]
        alt = t("funding.per_resident_alt", lang, area=row["area_name"], period=row["period"],
                value=funding.eur(row["eur_per_resident_year"], 1, lang), coverage=coverage_phrase(row, lang),
                rest=funding.rest_name(lang),
                rest_value=funding.eur(rest["eur_per_resident_year"].iloc[0], 1, lang) if len(rest) else "–",
                rest_coverage=coverage_phrase(rest.iloc[0], lang) if len(rest) else "–",
                lists=row["lists"] or "–")  # fmt: skip
    return ChartView(fig, data.drop(columns=["is_derived"]), caption, alt)


def coverage_phrase(row: pd.Series, lang: str) -> str:
    """'6 / 19 hankkeesta summa, ei vertailukelpoinen' for one bar."""
    key = "funding.coverage_text" if row["comparable"] else "funding.coverage_not_comparable"
    return t(key, lang, with_amount=int(row["with_amount"]), projects=int(row["projects"]))


@memo
def project_table(lang: str, filters: Filters) -> pd.DataFrame:
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


@memo
def project_options(filters: Filters) -> list[str]:
    return funding.select(filters).sort_values("name")["project_id"].tolist()


def _label(row: pd.Series) -> str:
    code = row["project_code"] if isinstance(row["project_code"], str) else ""
    code = row["project_id"] if code.startswith("http") else code  # Kohesio ids are URLs: show 'kohesio:Q…'
    return f"{code} · {row['name'][:70]}" if code else row["name"][:80]


@memo
def project_label(project_id: str) -> str:
    return _label(projects.catalogue().loc[project_id])


@memo
def project_labels(project_ids: tuple[str, ...]) -> dict[str, str]:
    """{project_id: label} for a selectbox's format_func: one lookup per rerun instead of one per option, and
    one read of the catalogue for all of them (each memo read is a copy)."""
    catalogue = projects.catalogue()
    return {pid: _label(catalogue.loc[pid]) for pid in project_ids}


@memo
def filter_labels(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """The municipality and spearhead choices of the funding page, with their labels."""
    names = {funding.ALL: t("funding.all_municipalities", lang)} | {
        c: funding.area_name(c, lang) for c in queries.focus_codes()
    }
    spear = {funding.ALL: t("funding.all_spearheads", lang), funding.NO_SPEARHEAD: t("funding.no_spearhead", lang)}
    return names, spear | {s: spearhead_name(s, lang) for s in projects.SPEARHEADS}


def fund_name(lang: str) -> Callable[[str], str]:
    """The format_func of a fund-group chooser: 'ERDF' → 'EAKR (aluekehitysrahasto)'."""
    return lambda group: t(f"funding.fund_{group.lower()}", lang)


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


@memo
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


@memo
def position_view(lang: str, today: date) -> ChartView:
    data = position.position(today, lang)
    colors = queries.area_colors()
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
        [t("funding_pos.position_caption", lang), *(link(u) for u in data["source_url"].dropna().unique())]
    )
    return ChartView(fig, data, caption, alt)


@memo
def allocation_view(lang: str) -> ChartView:
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
    caption = t("funding_pos.allocation_caption", lang) + " " + " ".join(link(u) for u in sources)
    return ChartView(fig, data, caption, alt)


@dataclass(frozen=True)
class Tracker:
    """The top of the funding-position page on one day: metric cards, the chart, and what the commitments
    figure rests on (a warning when no project of the period states an amount)."""

    headlines: tuple[Headline, ...]
    view: ChartView
    commitments: tuple[str, str]  # ("warning" | "caption", text)


def tracker(lang: str) -> Tracker:
    """Today's tracker: the share of the period elapsed depends on the date."""
    return tracker_on(lang, clock.today())


@memo
def tracker_on(lang: str, today: date) -> Tracker:
    pos = position.position(today, lang)
    share = position.elapsed_share(today)
    cards = [Headline("elapsed", t("funding_pos.elapsed", lang, period=position.PERIOD),
                      fmt_percent(100 * share, 0, lang), None, "gray", "off",
                      t("funding_pos.elapsed_note", lang, today=today.strftime("%-d.%-m.%Y")), "")]  # fmt: skip
    for row in pos.itertuples():
        if row.level_by == "coordinator":
            caption = t(
                "funding_pos.level_coordinator", lang, source=link(row.source_url, t("funding_pos.source_link", lang))
            )
        elif row.source_url:
            caption = t("funding_pos.level_source", lang, text=plain(row.level_as_stated),
                        source=link(row.source_url, t("funding_pos.source_link", lang)))  # fmt: skip
        else:
            caption = t("funding_pos.level_missing", lang)
        cards.append(Headline(f"level_{row.area_code}", t("funding_pos.level_of", lang, area=row.area_name),
                              funding.eur(row.level, 0, lang), None, "gray", "off", caption, ""))  # fmt: skip
    sub = pos.iloc[0]
    if not sub["with_amount"]:
        notice = ("warning", t("funding_pos.no_commitments_help", lang, period=position.PERIOD, n=int(sub["projects"])))
    else:
        notice = ("caption", t("funding_pos.commitments_note", lang, n=int(sub["projects"]),
                               with_amount=int(sub["with_amount"]), year=sub["population_year"]))  # fmt: skip
    return Tracker(tuple(cards), position_view(lang, today), notice)
