"""How fresh the shipped data is, per source table, against today: the newest period, the publisher's update
date, the next period and when it is due by the table's release rule, and whether that date has passed
(overdue: the publisher has most likely released newer data than the warehouse holds) — with the command
that would bring it. Shown on Yleiskuva and Tietolähteet.

The warehouse says when a release is due (meta_source_release, built without a clock); this module compares
that with `today`, which callers pass (pages: `clock.today()`), so it is part of every memo key and tests
pin it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.core import clock, queries
from dashboard.core.i18n import fmt_period, t
from dashboard.core.memo import memo

# The tables `python -m etl fetch` asks Statistics Finland for (etl/__main__.py ALL_TABLES; the dashboard
# does not import the ETL, a unit test holds the two equal).
FETCHED_TABLES = ("11ra", "11re", "11lj", "12dy", "121w", "11a2", "12w7", "14wx", "14ww", "12bs", "115b", "115x",
                  "115h", "115n", "115p", "125s", "12r5", "12tf")  # fmt: skip


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class SourceFreshness:
    """One source table's freshness on a given day."""

    source_table: str
    statistic: str  # in the page's language
    publisher: str
    oldest_period: str
    newest_period: str
    publisher_updated: date | None  # None: the source file does not say
    is_preliminary: bool
    rule: str | None  # the release rule in words; None: no rhythm recorded for the table
    next_period: str | None
    next_release_due: date | None
    overdue: bool  # next_release_due has passed
    days_overdue: int
    fetchable: bool  # `python -m etl fetch` asks for this table


def fmt_date(day: date | None, lang: str) -> str:
    """'21.8.2026' (fi, sv) or '21 Aug 2026' (en); '–' for an unknown date."""
    if day is None or pd.isna(day):
        return "–"
    if lang == "en":  # not strftime('%b'): that follows the server's locale
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def _day(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


@memo
def sources_on(lang: str, today: date) -> tuple[SourceFreshness, ...]:
    """Every source table's freshness on `today`: overdue ones first (longest overdue first), then by newest
    period."""
    rows = queries.run("info_source_release")
    found = []
    for row in rows.to_dict("records"):
        due = _day(row["next_release_due"])
        late = (today - due).days if due is not None and due < today else 0
        found.append(SourceFreshness(
            row["source_table"], row[f"statistic_{lang}"], row["publisher"], row["oldest_period"],
            row["newest_period"], _day(row["publisher_updated"]), bool(row["is_preliminary"]),
            None if pd.isna(row[f"rule_{lang}"]) else row[f"rule_{lang}"],
            None if pd.isna(row["next_period"]) else row["next_period"], due, late > 0, late,
            row["source_table"] in FETCHED_TABLES,
        ))  # fmt: skip
    return tuple(sorted(found, key=lambda s: (not s.overdue, -s.days_overdue)))


def overdue_on(lang: str, today: date) -> tuple[SourceFreshness, ...]:
    return tuple(s for s in sources_on(lang, today) if s.overdue)


def status_text(source: SourceFreshness, lang: str) -> str:
    """'myöhässä 103 pv', 'ajan tasalla' or 'julkaisurytmiä ei ole kirjattu'."""
    if source.next_release_due is None:
        return t("info.fresh_no_rule", lang)
    if source.overdue:
        return t("info.fresh_overdue", lang, days=source.days_overdue)
    return t("info.fresh_current", lang)


def fetch_command(tables: list[str] | tuple[str, ...]) -> str:
    return f"python -m etl fetch --tables {' '.join(tables)}"


@memo
def table_on(lang: str, today: date, detailed: bool = False) -> pd.DataFrame:
    """The freshness table: statistic, table, newest period, publisher's update, next period, due, status
    (and, `detailed`, the oldest period, the release rule and the fetch command)."""
    sources = sources_on(lang, today)
    frame = {
        t("info.statistic", lang): [s.statistic for s in sources],
        t("info.table", lang): [s.source_table for s in sources],
        t("overview.newest_period", lang): [
            fmt_period(s.newest_period, lang) + (f" ({t('preliminary.word', lang)})" if s.is_preliminary else "")
            for s in sources
        ],
        t("info.fresh_updated", lang): [fmt_date(s.publisher_updated, lang) for s in sources],
        t("info.fresh_next", lang): [fmt_period(s.next_period, lang) if s.next_period else "–" for s in sources],
        t("info.fresh_due", lang): [fmt_date(s.next_release_due, lang) for s in sources],
        t("info.fresh_status", lang): [status_text(s, lang) for s in sources],
    }
    if detailed:
        frame[t("info.coverage", lang)] = [
            f"{fmt_period(s.oldest_period, lang)}–{fmt_period(s.newest_period, lang)}" for s in sources
        ]
        frame[t("info.fresh_rule", lang)] = [s.rule or "–" for s in sources]
        frame[t("info.fresh_fetch", lang)] = [fetch_command([s.source_table]) if s.fetchable else "–" for s in sources]
    return pd.DataFrame(frame)


def notice_on(lang: str, today: date) -> str | None:
    """One plain sentence naming every overdue source with its next period and due date, and what to run
    (None when nothing is overdue). Plain text: the page shows it as text."""
    late = overdue_on(lang, today)
    if not late:
        return None
    listed = "; ".join(t("info.fresh_overdue_item", lang, table=s.source_table, statistic=s.statistic,
                         period=fmt_period(s.next_period, lang), due=fmt_date(s.next_release_due, lang))
                       for s in late)  # fmt: skip
    text = t("info.fresh_overdue_notice", lang, today=fmt_date(today, lang), sources=listed)
    fetchable = [s.source_table for s in late if s.fetchable]
    if fetchable:
        text += " " + t("info.fresh_fetch_hint", lang, command=fetch_command(fetchable))
    return text


# What the pages call: today by the clock (tests replace clock.today).


def table(lang: str, detailed: bool = False) -> pd.DataFrame:
    return table_on(lang, clock.today(), detailed)


def notice(lang: str) -> str | None:
    return notice_on(lang, clock.today())
