"""The project card's content (drawn by dashboard.funding.panels.project_card on every page that shows a
project): every field a project has, its sources, attribution basis, the coordinator's tags, note and KPIs. Amounts are shown exactly as the source gives them ("–" where none is stated) and the
source's own words ("as stated") are always shown beside them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import label, t
from dashboard.core.memo import memo
from dashboard.funding import projects
from dashboard.funding import summary as funding
from dashboard.funding.views import basis_text, spearhead_name

AMOUNTS = ("granted", "realised", "planned_public_total", "realised_public_total", "total_budget", "eu_contribution",
           "municipal_funding")  # fmt: skip
TEXTS = ("fund", "programme_section", "priority_axis", "authority", "implementer", "business_id", "partners",
         "status", "summary", "location_as_stated", "match_hint", "notes")  # fmt: skip


@dataclass(frozen=True)
class Card:
    title: str
    fields: list[tuple[str, str]]
    as_stated: str | None  # the page's / register's own words about the money
    sources: list[str]  # plain-text lines (attribution, upload, page date)
    links: list[str]  # the source's URLs
    areas: str
    basis: str
    spearheads: list[str]
    indicators: list[str]
    note: str | None
    kpis: pd.DataFrame


def _present(value: object) -> bool:
    """A value the source actually gives (None, NaN, NaT and blanks are 'not stated')."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return False
    return str(value).strip() != ""


@memo
def card(project_id: str, lang: str) -> Card:
    row = projects.catalogue().loc[project_id]
    fields = [
        (t("funding.col_code", lang), row["project_code"] if _present(row["project_code"]) else "–"),
        (t("funding.col_register", lang), t(f"funding.register_{row['register']}", lang)),
        (t("funding.col_period", lang), row["programme_period"] if _present(row["programme_period"]) else "–"),
    ]
    if _present(row.get("period_as_stated")) and row["period_as_stated"] != row["programme_period"]:
        fields.append((t("funding.col_period_as_stated", lang), row["period_as_stated"]))
    fields.append((t("funding.fund", lang), t(f"funding.fund_{row['fund_group'].lower()}", lang)))
    fields += [(t(f"funding.field_{k}", lang), str(row[k])) for k in TEXTS if _present(row.get(k))]
    fields.append((t("funding.field_dates", lang), _dates(row)))
    fields += [(t(f"funding.field_{k}", lang), funding.eur(row.get(k), 0, lang)) for k in AMOUNTS
               if k in ("granted", "realised") or _present(row.get(k))]  # fmt: skip
    areas = ", ".join(funding.area_name(c, lang) for c in row["areas"]) or t("funding.no_areas", lang)
    if row["not_ours"]:
        areas = t("funding.not_ours", lang)
    store_kpis = projects.kpis(project_id)
    catalog = queries.indicators()
    indicators = [label(catalog.loc[i].to_dict(), lang) for i in projects.links(project_id) if i in catalog.index]
    return Card(
        title=row["name"], fields=fields,
        as_stated=row["funding_as_stated"] if _present(row.get("funding_as_stated")) else None,
        sources=_sources(row, lang), links=[str(row[k]) for k in ("source_url", "source_url_2") if _present(row.get(k))],
        areas=areas, basis=basis_text(row["basis"], lang),
        spearheads=[spearhead_name(s, lang) for s in row["spearheads"]], indicators=indicators,
        note=row["note"] if _present(row.get("note")) else None, kpis=kpi_table(store_kpis, lang),
    )  # fmt: skip


def _dates(row: pd.Series) -> str:
    if _present(row.get("dates_as_stated")):
        return str(row["dates_as_stated"])
    start = row["start_date"] if _present(row["start_date"]) else None
    end = row["end_date"] if _present(row["end_date"]) else None
    fmt = lambda d: pd.Timestamp(d).strftime("%-d.%-m.%Y")  # noqa: E731 - Finnish date, e.g. 1.8.2008
    return f"{fmt(start) if start is not None else '–'} – {fmt(end) if end is not None else '–'}"


def _sources(row: pd.Series, lang: str) -> list[str]:
    lines = []
    if row["origin"] == projects.COORDINATOR:
        lines.append(
            t("funding.source_entered_by", lang, who=row.get("updated_by"), when=str(row.get("updated_at"))[:16])
        )
    elif str(row.get("source_id", "")).startswith("upload:"):
        imports = queries.run("fund_imports")
        hit = imports[imports["sha256"].str.startswith(str(row["source_id"])[7:])]
        name = hit.iloc[0]["original_name"] if len(hit) else "?"
        when = str(hit.iloc[0]["archived_at"])[:16] if len(hit) else "?"
        lines.append(t("funding.source_upload", lang, file=name, when=when, line=row.get("source_line")))
    else:
        meta = queries.sources().set_index("source_id")
        if row.get("source_id") in meta.index:
            m = meta.loc[row["source_id"]]
            via = f" (via {m['via']})" if _present(m.get("via")) else ""
            lines.append(f"{m['attribution']}{via}; {t('funding.source_line', lang, line=row.get('source_line'))}")
    if _present(row.get("page_date_shown")):
        lines.append(t("funding.page_date", lang, date=row["page_date_shown"]))
    return lines


def kpi_table(kpis: pd.DataFrame, lang: str) -> pd.DataFrame:
    """KPIs with target, achieved and the share of the target reached (derived)."""
    share = [100 * a / tv if pd.notna(a) and pd.notna(tv) and tv else None
             for a, tv in zip(kpis["achieved_value"], kpis["target_value"])]  # fmt: skip
    return pd.DataFrame({
        t("funding_impact.kpi", lang): kpis["name"], t("funding_impact.unit", lang): kpis["unit"],
        t("funding_impact.target", lang): kpis["target_value"], t("funding_impact.achieved", lang): kpis["achieved_value"],
        t("funding_impact.share_of_target", lang): share, t("funding_impact.as_of", lang): kpis["as_of"],
        t("funding_impact.kpi_source", lang): kpis["source"],
    })  # fmt: skip
