"""Kuntakortti: what one municipality's one-page card says, independent of the file format.

Pure data for the layout (dashboard/export/card_pdf.py), built from what the product already computes:
headline values and like-with-like changes (model.changes, the `latest` query: newest value with its own
date, preliminary flags), area names (queries.area_names), the municipality's projects and their money
(funding.projects attribution, funding.summary per-resident sums), its scorecard lines (funding.scorecard)
and the sources and data dates of exactly the rows shown (meta_source attributions, info.freshness).

Nothing is estimated: a figure the warehouse lacks is written "ei tietoa", a comparison area's figure of
another date carries that date, and sums and per-resident figures are labelled derived as on the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_period, fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.funding import projects as funding_projects
from dashboard.funding import scorecard as funding_scorecard
from dashboard.funding import summary as funding
from dashboard.funding.summary import eur
from dashboard.info import freshness
from dashboard.model import changes, derive
from dashboard.overview.headlines import HEADLINE_IDS

FIGURE_IDS = (*HEADLINE_IDS, "share_aged_65_plus", "median_disposable_income")
TREND_IDS = ("population", "unemployment_rate", "jobs")  # series the bundled data holds year after year
INDEXED = frozenset({"population", "jobs"})  # a municipality's and its region's levels differ a hundredfold
TREND_YEARS, TREND_MONTHS = 10, 60
STYLES = ("solid", "dashed", "dotted")  # municipality, sub-region, region: told apart by line, not colour
MAX_PROJECTS = 9  # the newest ones listed on the page; the rest are counted and the page named


class CardError(ValueError):
    """A municipality code that is not one of the region's focus municipalities."""


def resolve(code: str) -> str:
    """'182', 'KU182' → 'KU182' for a focus municipality; otherwise CardError naming the valid codes."""
    focus = queries.focus_codes()
    wanted = str(code).strip().upper()
    wanted = wanted if wanted.startswith("KU") else f"KU{wanted}"
    if wanted not in focus:
        raise CardError(f"{code!r} is not a focus municipality; codes: {', '.join(c[2:] for c in focus)}")
    return wanted


@dataclass(frozen=True)
class FigureRow:
    """One headline figure: the municipality's newest value with its own date and change, beside the
    sub-region's and the region's (each with its own date when it is not the municipality's)."""

    indicator: str
    when: str  # '31.12.2025', '6/2026'; '(ennakkotieto)' added for a preliminary figure
    value: str
    change: str  # '−93 (−1,1 %) vrt. 31.12.2024 (ennakkotieto)' or the note that the earlier figure is missing
    subregion: str
    region: str


@dataclass(frozen=True)
class TrendLine:
    area: str
    style: str  # solid | dashed | dotted
    points: tuple[tuple[str, float, bool], ...]  # (period, value, preliminary)
    last: str  # the last value as text


@dataclass(frozen=True)
class Trend:
    title: str
    first: str  # first and last period shown
    last: str
    lines: tuple[TrendLine, ...]
    note: str  # 'indeksi, 2016 = 100 (johdettu)', gaps


@dataclass(frozen=True)
class MoneyRow:
    """The municipality's projects of one programme period with their money."""

    period: str
    projects: str  # '10 (8 with an amount)'
    granted: str
    realised: str
    per_resident: str  # '1 234 €' or why it is not comparable
    subregion_per_resident: str


@dataclass(frozen=True)
class ProjectRow:
    code: str
    name: str  # register text, shown as text
    period: str
    fund: str
    granted: str


@dataclass(frozen=True)
class ScoreLine:
    indicator: str
    value: str
    period: str
    trend: str
    target: str
    mark: str  # '● saavutettu' …


@dataclass(frozen=True)
class ScoreSection:
    title: str
    lines: tuple[ScoreLine, ...]


@dataclass(frozen=True)
class CardContent:
    code: str
    name: str
    title: str
    subtitle: str  # brand, sub-region, region, printed on
    subregion: str  # the comparison areas' names, for column heads
    region: str
    figures: tuple[FigureRow, ...]
    trends: tuple[Trend, ...]
    money: tuple[MoneyRow, ...]
    money_note: str
    projects: tuple[ProjectRow, ...]
    projects_more: str  # '' or '24 more projects: page Rahoitus'
    scorecard: tuple[ScoreSection, ...]
    scorecard_note: str
    data_dates: str
    sources: tuple[str, ...]


def _dated(row: pd.Series, lang: str) -> str:
    when = changes.when(row["indicator_id"], row["period"], lang)
    return f"{when} ({t('preliminary.word', lang)})" if row["is_preliminary"] else when


def _other(latest: pd.DataFrame, ind: str, code: str, period: str | None, entry: pd.Series, lang: str) -> str:
    """A comparison area's newest value; its own date in brackets when it is not the municipality's."""
    rows = latest[(latest["indicator_id"] == ind) & (latest["area_code"] == code)]
    if rows.empty:
        return t("common.no_data", lang)
    row = rows.iloc[0]
    text = fmt_value(row["value"], entry["unit"], int(entry["decimals"]), lang)
    if row["period"] != period or row["is_preliminary"]:
        text += f" ({_dated(row, lang)})"
    return text


def figures(code: str, lang: str) -> tuple[tuple[FigureRow, ...], pd.DataFrame]:
    """The headline rows and the `latest` rows behind them (for the sources)."""
    meta = queries.region()
    sub, reg = meta["subregion"], meta["region"]
    catalog = queries.indicators()
    latest = queries.latest(FIGURE_IDS, [code, sub, reg])
    out = []
    for ind in FIGURE_IDS:
        if ind not in catalog.index:
            continue
        entry = catalog.loc[ind]
        name = label(entry.to_dict(), lang)
        own = latest[(latest["indicator_id"] == ind) & (latest["area_code"] == code)]
        if own.empty:
            out.append(FigureRow(name, "–", t("common.no_data", lang), "", _other(latest, ind, sub, None, entry, lang),
                                 _other(latest, ind, reg, None, entry, lang)))  # fmt: skip
            continue
        row = own.iloc[0]
        unit, decimals = entry["unit"], int(entry["decimals"])
        change = changes.from_latest(row, unit, decimals, entry["higher_is_better"], lang)
        change_text = f"{change.delta} {change.note}" if change.delta else change.note
        out.append(FigureRow(name, _dated(row, lang), fmt_value(row["value"], unit, decimals, lang), change_text,
                             _other(latest, ind, sub, row["period"], entry, lang),
                             _other(latest, ind, reg, row["period"], entry, lang)))  # fmt: skip
    return tuple(out), latest


def trends(code: str, lang: str) -> tuple[tuple[Trend, ...], pd.DataFrame]:
    """Small line panels: municipality, sub-region and region over the last years (months), ending with the
    municipality's newest period; a missing period is a gap, never bridged."""
    meta = queries.region()
    areas = [code, meta["subregion"], meta["region"]]
    names = queries.area_names(lang)
    catalog = queries.indicators()
    rows = queries.run("card_trend_series", indicator_ids=list(TREND_IDS), area_codes=areas, own=code,
                       years=TREND_YEARS, months=TREND_MONTHS)  # fmt: skip
    out = []
    for ind in TREND_IDS:
        part = rows[rows["indicator_id"] == ind]
        if part.empty or ind not in catalog.index:
            continue
        entry = catalog.loc[ind]
        unit, decimals = entry["unit"], int(entry["decimals"])
        first, last = part["period"].min(), part["period"].max()
        notes = []
        if ind in INDEXED:
            part = derive.index(part, first)
            unit, decimals = "index", 1
            notes.append(t("card.index_note", lang, period=fmt_period(first, lang)))
        lines = []
        for area, style in zip(areas, STYLES):
            mine = part[part["area_code"] == area].sort_values("period")
            if mine.empty:
                continue
            points = tuple((p, float(v), bool(pre)) for p, v, pre in
                           zip(mine["period"], mine["value"], mine["is_preliminary"]))  # fmt: skip
            shown = fmt_number(points[-1][1], 1, lang) if unit == "index" else fmt_value(points[-1][1], unit,
                                                                                         decimals, lang)  # fmt: skip
            lines.append(TrendLine(names.get(area, area), style, points, shown))
        title = label(entry.to_dict(), lang)
        if entry["frequency"] == "month":
            title += f" ({t('card.monthly', lang)})"
        out.append(Trend(title, fmt_period(first, lang), fmt_period(last, lang), tuple(lines), " · ".join(notes)))
    return tuple(out), rows


def money(code: str, lang: str) -> tuple[tuple[MoneyRow, ...], str, tuple[ProjectRow, ...], str, pd.DataFrame]:
    """Per programme period: the projects attributed to the municipality, granted and realised EU + state
    funding as the registers state it (sums derived), € per resident beside the sub-region's; and the newest
    projects by name."""
    sub = queries.region()["subregion"]
    frame = funding_projects.catalogue()
    mine = frame[frame["areas"].map(lambda areas: code in areas) & ~frame["not_ours"]]
    per = funding.per_resident((), (), lang)
    rows = []
    for period in sorted(mine["programme_period"].dropna().unique(), reverse=True):
        part = mine[mine["programme_period"] == period]
        with_amount = int(part["granted"].notna().sum())
        own = per[(per["area_code"] == code) & (per["period"] == period)]
        theirs = per[(per["area_code"] == sub) & (per["period"] == period)]
        rows.append(MoneyRow(
            period.replace("-", "–"), t("card.projects_count", lang, n=len(part), with_amount=with_amount),
            eur(part["granted"].sum(min_count=1), 0, lang), eur(part["realised"].sum(min_count=1), 0, lang),
            _per_resident(own, lang), _per_resident(theirs, lang),
        ))  # fmt: skip
    partial = frame[frame["partial"].map(lambda areas: code in areas) & ~frame.index.isin(mine.index)]
    note = t("card.money_note", lang)
    if len(partial):
        note += " " + t("card.partial_note", lang, n=len(partial))
    newest = mine.sort_values(["start_date", "project_id"], ascending=[False, True], na_position="last")
    listed = tuple(ProjectRow(
        _text(r.project_code) or _text(r.project_id), _text(r.name) or "–",
        str(r.programme_period or "–").replace("-", "–"),
        t(f"funding.fund_{str(r.fund_group).lower()}", lang) if isinstance(r.fund_group, str) else "–",
        eur(r.granted, 0, lang) if pd.notna(r.granted) else (str(r.funding_as_stated) if isinstance(r.funding_as_stated, str) and r.funding_as_stated else "–"),
    ) for r in newest.head(MAX_PROJECTS).itertuples())  # fmt: skip
    more = t("card.projects_more", lang, n=len(mine) - len(listed)) if len(mine) > len(listed) else ""
    if mine.empty:
        more = t("card.no_projects", lang)
    return tuple(rows), note, listed, more, mine


def _text(value: object) -> str:
    """A register field as text; empty for a missing one (never 'nan')."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _per_resident(row: pd.DataFrame, lang: str) -> str:
    if row.empty or pd.isna(row["eur_per_resident"].iloc[0]):
        return "–"
    text = eur(row["eur_per_resident"].iloc[0], 0, lang)
    if not bool(row["comparable"].iloc[0]):
        text += f" ({t('card.not_comparable', lang, n=int(row['with_amount'].iloc[0]), total=int(row['projects'].iloc[0]))})"
    return text


def scorecard(code: str, lang: str) -> tuple[tuple[ScoreSection, ...], pd.DataFrame]:
    """The municipality's scorecard lines per spearhead, as Kärkihankkeet shows them."""
    columns = [t(f"funding_score.col_{c}", lang) for c in ("indicator", "latest", "period", "trend", "target", "light")]
    sections = []
    for spearhead, table in funding_scorecard.scorecard(code, lang).items():
        lines = tuple(ScoreLine(*(str(v) for v in row)) for row in table[columns].itertuples(index=False))
        sections.append(ScoreSection(funding_scorecard.spearhead_title(spearhead, lang), lines))
    catalog = queries.indicators()
    tagged = catalog[catalog["spearhead"].isin(funding_projects.SPEARHEADS)].index.tolist()
    return tuple(sections), queries.latest(tagged, [code])


def sources(used: pd.DataFrame, projects: pd.DataFrame, lang: str, today: date) -> tuple[str, tuple[str, ...]]:
    """(data dates, attribution lines) of exactly the tables behind the card: for each table its newest
    period and the publisher's update, with the next release when it is overdue; the CC BY 4.0 attributions;
    the project lists with their dates."""
    tables = sorted({s.strip() for value in used["source_table"].dropna() for s in str(value).split(",")})
    fresh = {s.source_table: s for s in freshness.sources_on(lang, today)}
    dates = []
    for table in tables:
        vintages = sorted({str(v) for v in used.loc[used["source_table"].astype(str).str.contains(table, regex=False),
                                                    "vintage"].dropna()})  # fmt: skip
        text = f"{table} {t('common.data_as_of', lang)} {', '.join(vintages)}"
        found = fresh.get(table)
        if found is not None and found.overdue and found.next_period:
            text += " " + t("card.overdue", lang, period=fmt_period(found.next_period, lang),
                            due=freshness.fmt_date(found.next_release_due, lang))  # fmt: skip
        dates.append(text)
    meta = queries.sources()
    lines = list(dict.fromkeys(meta.loc[meta["source_table"].isin(tables), "attribution"]))
    if len(projects):
        lines.append(f"{t('card.project_lists', lang)}: {funding.list_names(projects, lang)}")
    return " · ".join(dates), tuple(lines)


@memo
def card(code: str, lang: str, today: date) -> CardContent:
    """The card of focus municipality `code` ('KU182') in `lang`, printed on `today`."""
    meta = queries.region()
    names = queries.area_names(lang)
    rows, latest = figures(code, lang)
    panels, trend_rows = trends(code, lang)
    money_rows, money_note, listed, more, mine = money(code, lang)
    score, score_rows = scorecard(code, lang)
    used = pd.concat([latest[["source_table", "vintage"]], trend_rows[["source_table", "vintage"]],
                      score_rows[["source_table", "vintage"]]], ignore_index=True)  # fmt: skip
    data_dates, attributions = sources(used, mine, lang, today)
    subtitle = t("card.subtitle", lang, brand=meta["brand"], subregion=names[meta["subregion"]],
                 region=names[meta["region"]], day=freshness.fmt_date(today, lang))  # fmt: skip
    return CardContent(
        code, names[code], t("card.title", lang, name=names[code]), subtitle, names[meta["subregion"]],
        names[meta["region"]], rows, panels, money_rows, money_note,
        listed, more, score, t("card.scorecard_note", lang), data_dates, attributions,
    )  # fmt: skip
