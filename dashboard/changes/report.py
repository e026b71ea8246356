"""What changed since a baseline date, as items ready to show: each a sentence and a permalink to the view
behind it, in five sections (releases, unusual moves, projects, funding position, notes). The page, the
presentation's intro slides and the review export all draw this one `Report`.

Reads the warehouse (this run's pin) and the app store read-only; memoised per data version, baseline,
today and language. The rules themselves are in rules.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.changes import links, rules
from dashboard.core import queries
from dashboard.core import warehouse as db
from dashboard.core.i18n import fmt_number, fmt_percent, fmt_period, fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.forum import annotations
from dashboard.funding import position as funding_position
from dashboard.funding import projects as funding_projects
from dashboard.funding import summary as funding_summary
from dashboard.model.derive import SMALL_MUNICIPALITY

SECTIONS = ("releases", "moves", "projects", "funding", "notes")
MAX_ITEMS = 12  # per section: a forum reads the top of each list; the page says how many were left out


@dataclass(frozen=True)
class Item:
    text: str  # built by our code from register/user text: shown as text, never as Markdown
    link: str  # '/page?keys' of the view behind the item


@dataclass(frozen=True)
class Section:
    key: str  # one of SECTIONS
    title: str
    items: tuple[Item, ...]
    empty: str  # what the section says when it has no items
    more: int = 0  # items beyond MAX_ITEMS, not listed


@dataclass(frozen=True)
class Report:
    since: date
    today: date
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def lines(self) -> list[str]:
        """Every section as plain text lines (slides, the review file, tests)."""
        out = []
        for section in self.sections:
            out.append(section.title)
            out += [f"• {item.text}" for item in section.items] or [f"– {section.empty}"]
            if section.more:
                out.append(f"  (+{section.more})")
        return out


def _statistic(row: pd.Series, lang: str) -> str:
    """The statistic's name in `lang` (Finnish, else the table id, when the source row names none)."""
    names = [row.get(f"statistic_{lang}"), row.get("statistic_fi")]
    return next((n for n in names if isinstance(n, str) and n), row["source_table"])


def manifest_dates() -> dict[str, date]:
    """{StatFin table: the last day it was fetched} from the raw archive's manifest (data/raw/statfin/
    manifest.jsonl), when there is one: live tables are released to the app when fetched."""
    path = db.warehouse_dir().parent / "raw" / "statfin" / "manifest.jsonl"
    found: dict[str, date] = {}
    if not path.is_file():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
            day = rules.release_date(str(entry["fetched_at"])[:10])
        except (ValueError, KeyError, TypeError):
            continue  # a torn last line of an interrupted fetch
        if day is not None and entry.get("table"):
            found[entry["table"]] = max(day, found.get(entry["table"], day))
    return found


def _first_indicator(table: str) -> str | None:
    catalog = queries.indicators()
    hit = catalog[catalog["source_table"].astype(str).str.split(", ").map(lambda tables: table in tables)]
    return hit.index[0] if len(hit) else None


def releases(since: date, today: date, lang: str) -> Section:
    sources = queries.run("chg_source_releases")
    sources["statistic"] = [_statistic(row, lang) for _i, row in sources.iterrows()]
    found = rules.releases_since(sources, since, manifest_dates())
    items = []
    for row in found.itertuples():
        periods = (t("changes.release_periods", lang, periods=", ".join(fmt_period(p, lang) for p in row.periods_added.split("–")))
                   if row.periods_added else t("changes.release_revised", lang))  # fmt: skip
        first = _first_indicator(row.source_table)
        items.append(Item(t("changes.release_item", lang, statistic=row.statistic, table=row.source_table,
                            date=f"{row.released:%d.%m.%Y}", periods=periods),
                          links.indicator(first, None, lang) if first else links.SOURCES))  # fmt: skip
    for run in rules.runs_since(queries.run("chg_load_runs"), since, today).itertuples():
        items.append(Item(t("changes.release_build", lang, date=f"{pd.Timestamp(run.started_at):%d.%m.%Y}"),
                          links.SOURCES))  # fmt: skip
    return _section("releases", items, lang)


def _small_areas() -> set[str]:
    population = queries.latest(["population"], queries.focus_codes())
    return set(population.loc[population["value"] < SMALL_MUNICIPALITY, "area_code"])


def moves(since: date, today: date, lang: str) -> Section:
    areas = [*queries.focus_codes(), queries.region()["subregion"]]
    facts = queries.run("chg_facts", area_codes=areas, newest_period=f"{today.year}-12")
    found = rules.unusual_moves(facts, _small_areas(), {"persons"}, since)
    catalog, names = queries.indicators(), queries.area_names(lang)
    items = []
    for row in found.itertuples():
        entry = catalog.loc[row.indicator_id]
        unit, decimals = entry["unit"], int(entry["decimals"]) if pd.notna(entry["decimals"]) else 0
        flags = [t("changes.derived", lang)]
        if row.smoothed:
            flags.append(t("changes.rolling", lang))
        if row.is_preliminary:
            flags.append(t("changes.preliminary", lang))
        items.append(Item(t("changes.move_item", lang, indicator=label(entry.to_dict(), lang),
                            area=names.get(row.area_code, row.area_code), period=fmt_period(row.period, lang),
                            change=fmt_value(row.change, unit, decimals, lang, signed=True),
                            usual=fmt_value(row.median, unit, decimals, lang, signed=True),
                            z=fmt_number(row.z, 1, lang, signed=True), flags=", ".join(flags)),
                          links.indicator(row.indicator_id, row.area_code, lang)))  # fmt: skip
    return _section("moves", items, lang)


def projects(since: date, today: date, lang: str) -> Section:
    frame = funding_projects.catalogue()
    meta = queries.region()
    ours = funding_projects.focus_related(frame, queries.focus_codes(), meta["subregion"], partial=True)
    frame = frame[ours & ~frame["not_ours"]]
    kpis = funding_projects.store().kpis
    kpis = kpis[kpis["project_id"].isin(frame["project_id"])]
    events = rules.project_events(frame, kpis, queries.run("chg_eu_imports"), since, today)
    items = [Item(t(f"changes.project_{row.event}", lang, name=frame.at[row.project_id, "name"],
                    date=f"{row.date:%d.%m.%Y}"), links.project(row.project_id))
             for row in events.itertuples()]  # fmt: skip
    return _section("projects", items, lang)


def committed_per_resident(on: date | None) -> float | None:
    """The sub-region's committed 2021–27 ERDF, ESF+ and JTF funding (granted EU + state) per resident and
    programme year, counting only projects started by `on` (None: every project) — derived, the figure of
    funding/position.py, from the same per-resident table."""
    rows = funding_summary.per_resident((funding_position.PERIOD,), funding_position.STRUCTURAL, "fi", on)
    hit = rows.loc[rows["area_code"] == queries.region()["subregion"], "eur_per_resident_year"]
    return None if hit.empty or pd.isna(hit.iloc[0]) else float(hit.iloc[0])


def funding(since: date, today: date, lang: str) -> Section:
    items = []
    for when, on in ((since, since), (today, None)):
        value = committed_per_resident(on)  # None ("–"): no project states a granted amount
        items.append(Item(t("changes.funding_item", lang, date=f"{when:%d.%m.%Y}",
                            value=fmt_number(value, 0, lang),
                            elapsed=fmt_percent(100 * funding_position.elapsed_share(when), 0, lang)),
                          links.POSITION))  # fmt: skip
    return _section("funding", items, lang)


def notes(since: date, lang: str) -> Section:
    found = rules.notes_since(annotations.all_annotations(), since)
    names, catalog = queries.area_names(lang), queries.indicators()
    items = []
    for row in found.itertuples():
        known = row.indicator_id in catalog.index
        indicator = label(catalog.loc[row.indicator_id].to_dict(), lang) if known else row.indicator_id
        items.append(Item(t("changes.note_item", lang, date=f"{pd.Timestamp(row.event_date):%d.%m.%Y}",
                            indicator=indicator, area=names.get(row.area_code, row.area_code), text=row.text),
                          links.indicator(row.indicator_id, row.area_code, lang) if known else links.SOURCES))  # fmt: skip
    return _section("notes", items, lang)


def _section(key: str, items: list[Item], lang: str) -> Section:
    return Section(key, t(f"changes.section_{key}", lang), tuple(items[:MAX_ITEMS]), t(f"changes.empty_{key}", lang),
                   max(0, len(items) - MAX_ITEMS))  # fmt: skip


@memo
def report(since: date, today: date, lang: str) -> Report:
    """Everything that changed after `since` up to `today`, in `lang`."""
    return Report(since, today, (releases(since, today, lang), moves(since, today, lang), projects(since, today, lang),
                                 funding(since, today, lang), notes(since, lang)))  # fmt: skip
