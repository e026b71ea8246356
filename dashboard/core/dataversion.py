"""Which build of the data a page shows: "Tiedot päivitetty 22.11.2026 klo 9.30 · versio <run id>".

Drawn in the sidebar of every page by app.py, from the same pinned warehouse as the page (db.pin_run), so
users know how fresh the figures are and support (or the load test) can tell which build a page came from.
The version is the ETL's run id, the same id `python -m etl status` lists and the warehouse file is named by.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb

from dashboard.core import queries
from dashboard.core.i18n import t

RUN_ID_FORMAT = "%Y%m%dT%H%M%S%fZ"  # etl/build.py: the build's start time in UTC


def _local_zone():
    try:
        return ZoneInfo("Europe/Helsinki")  # the users' time, whatever zone the server runs in
    except ZoneInfoNotFoundError:  # a system without tz data: say UTC rather than guess
        return UTC


def build_time(run_id: str, lang: str) -> str | None:
    """When the build started, in Finnish time, as `lang` writes it; None for an id of another shape.

    Read from the run id, which the ETL writes in UTC: meta_load_run's timestamps are stored as naive
    local time of whichever machine built the warehouse, so they do not say which zone they are in."""
    try:
        started = datetime.strptime(run_id, RUN_ID_FORMAT).replace(tzinfo=UTC).astimezone(_local_zone())
    except ValueError:
        return None
    return t("dataversion.datetime", lang, day=started.day, month=started.month, year=started.year,
             hour=started.hour, minute=f"{started.minute:02d}")  # fmt: skip


def caption(lang: str) -> str | None:
    """The sidebar footer for the warehouse this run reads; None when the warehouse records no build."""
    try:
        rows = queries.run("data_version")
    except duckdb.Error:  # a warehouse without meta_load_run: a footer must not take the page down
        return None
    if rows.empty:
        return None
    run_id = str(rows["run_id"].iloc[0])
    return t("dataversion.caption", lang, updated=build_time(run_id, lang) or "–", version=run_id)
