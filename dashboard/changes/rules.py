"""The pure rules of "Mitä on muuttunut": which releases, moves and project events count as new since a
baseline date. Plain pandas on frames the report hands in; no Streamlit, no queries, so every rule is
unit-tested with numbers worked out by hand.

Unusual move (the method note on the page says the same):
    The series' year-on-year changes (monthly series: the change from the same month a year earlier) are
    computed. The newest change is compared with the series' own earlier changes: robust z =
    (newest − median of earlier) / (1.4826 × MAD of earlier), MAD = median absolute deviation. |z| ≥ Z_LIMIT
    is an unusual move, ranked by |z|. At least MIN_PAST earlier changes are needed, and a spread of zero
    (every earlier change the same) gives no z. Municipalities under 2 000 residents, and count series whose
    newest value is under SMALL_COUNT, use the 3-period rolling mean (their single years swing: derive.py).
    Everything computed here is a derived figure.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

Z_LIMIT = 3.0
MAD_SCALE = 1.4826  # makes the MAD comparable to a standard deviation for normally distributed changes
MIN_PAST = 5
SMALL_COUNT = 50  # persons: below this a count's yearly change is mostly noise
ROLLING = 3


def period_number(period: str) -> int:
    """'2024' → 2024; '2024-03' → 2024 × 12 + 2 (months counted from year 0), so a lag is a subtraction."""
    return int(period[:4]) * 12 + int(period[5:7]) - 1 if len(period) == 7 else int(period)


def release_date(text: object) -> date | None:
    """A vintage or update date as a date: '2026-04-01' → that day, '2024-04' → 1.4.2024, else None."""
    if isinstance(text, datetime):  # a Timestamp too
        return None if pd.isna(text) else text.date()
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(f"{text[:7]}-01")
    except ValueError:
        return None


def robust_move(periods: list[str], values: list[float], smooth: bool = False) -> dict | None:
    """The newest change of one series against its own earlier changes (see the module docstring), or None
    when there are too few earlier changes or no spread. `periods` ascending, one kind (years or months)."""
    monthly = len(periods[0]) == 7 if periods else False
    series = pd.Series(values, index=[period_number(p) for p in periods], dtype=float).dropna()
    if series.empty:
        return None
    series = series.reindex(range(series.index.min(), series.index.max() + 1))  # a gap stays a gap
    newest_period = series.last_valid_index()
    if smooth:
        series = series.rolling(ROLLING, min_periods=ROLLING).mean()
    lag = 12 if monthly else 1
    change = (series - series.shift(lag)).dropna()
    if len(change) < MIN_PAST + 1:
        return None
    if change.index[-1] != newest_period:  # the newest figure has no year-earlier one: no move
        return None
    newest, past = change.iloc[-1], change.iloc[:-1]
    median = float(past.median())
    mad = float((past - median).abs().median())
    if mad == 0:
        return None
    number = int(change.index[-1])
    period = f"{number // 12}-{number % 12 + 1:02d}" if monthly else str(number)
    return {"period": period, "change": float(newest), "median": median, "mad": mad,
            "z": (float(newest) - median) / (MAD_SCALE * mad), "past_changes": len(past),
            "value": float(series.loc[number]), "smoothed": smooth}  # fmt: skip


def unusual_moves(facts: pd.DataFrame, small_areas: set[str], count_units: set[str], since: date) -> pd.DataFrame:
    """Unusual moves whose newest figure was released after `since`, most unusual first.

    `facts`: indicator_id, area_code, period, value, unit, vintage, is_preliminary (one indicator × area per
    series); `small_areas`: municipalities under 2 000 residents; `count_units`: units whose small values
    call for the rolling mean ('persons')."""
    rows = []
    for (indicator, area), part in facts.groupby(["indicator_id", "area_code"], sort=False):
        part = part.sort_values("period")
        known = part.dropna(subset=["value"])
        if known.empty or known["period"].str.len().nunique() != 1:
            continue
        newest = known.iloc[-1]
        released = release_date(newest["vintage"])
        if released is None or released <= since:
            continue
        small = area in small_areas or (newest["unit"] in count_units and abs(newest["value"]) < SMALL_COUNT)
        move = robust_move(known["period"].tolist(), known["value"].tolist(), smooth=small)
        if move is None or abs(move["z"]) < Z_LIMIT:
            continue
        window = known[known["period"] <= move["period"]].tail(ROLLING if small else 1)
        rows.append({"indicator_id": indicator, "area_code": area, **move, "released": released,
                     "is_preliminary": bool(window["is_preliminary"].astype(bool).any()), "is_derived": True})  # fmt: skip
    columns = ["indicator_id", "area_code", "period", "change", "median", "mad", "z", "past_changes", "value",
               "smoothed", "released", "is_preliminary", "is_derived"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    return frame.reindex(frame["z"].abs().sort_values(ascending=False).index).reset_index(drop=True)


def _periods_text(first: str, last: str) -> str:
    return first if first == last else f"{first}–{last}"


def releases_since(sources: pd.DataFrame, since: date, fetched: dict[str, date] | None = None) -> pd.DataFrame:
    """Statistics files (and live tables) released after `since`, with the periods they added.

    `sources`: meta_source_release joined with the statistic's name (source_id, source_table, newest_period,
    oldest_period, publisher_updated, statistic). A source counts as released on its publisher's update
    date; a live table without one on the day it was fetched (`fetched`: {source_table: date}, from the raw
    archive manifest). The periods added are those after the newest period of the same table's files
    released on or before `since` (or undated): '2025', '2024-06–2025-01'; none means revised figures."""
    fetched = fetched or {}
    frame = sources.copy()
    live = frame["source_id"].astype(str).str.startswith("live_").tolist()
    dates = [release_date(day) or (fetched.get(table) if is_live else None)
             for day, table, is_live in zip(frame["publisher_updated"], frame["source_table"], live)]  # fmt: skip
    frame["released"] = pd.Series(dates, index=frame.index, dtype=object)
    new = frame["released"].map(lambda d: d is not None and d > since)
    rows = []
    for row in frame[new].sort_values(["released", "source_id"], ascending=[False, True]).itertuples():
        earlier = frame[(frame["source_table"] == row.source_table) & ~new
                        & (frame["newest_period"].str.len() == len(row.newest_period))]  # fmt: skip
        before = earlier["newest_period"].max() if len(earlier) else None
        if before is not None and before >= row.newest_period:
            added = ""
        else:
            first = row.oldest_period if before is None else _next_period(before)
            added = _periods_text(max(first, row.oldest_period), row.newest_period)
        rows.append({"source_id": row.source_id, "source_table": row.source_table, "statistic": row.statistic,
                     "released": row.released, "periods_added": added, "newest_period": row.newest_period})  # fmt: skip
    return pd.DataFrame(rows, columns=["source_id", "source_table", "statistic", "released", "periods_added",
                                       "newest_period"])  # fmt: skip


def _next_period(period: str) -> str:
    number = period_number(period) + 1
    return f"{number // 12}-{number % 12 + 1:02d}" if len(period) == 7 else str(number)


def runs_since(runs: pd.DataFrame, since: date, today: date) -> pd.DataFrame:
    """Successful warehouse builds that started after `since`, up to `today` (the days new data reached the app)."""
    if runs.empty:
        return runs
    started = pd.to_datetime(runs["started_at"]).dt.date
    return runs[(runs["status"] == "ok") & (started > since) & (started <= today)].sort_values(
        "started_at", ascending=False
    )


def project_events(projects: pd.DataFrame, kpis: pd.DataFrame, imports: pd.DataFrame, since: date,
                   today: date) -> pd.DataFrame:  # fmt: skip
    """Events of the region's projects after `since` and up to `today`: started, ended (by their dates),
    funding decision (a register import archived after `since` that states a granted amount, or a
    coordinator's project whose granted amount was recorded after `since`), new KPI values (a KPI with an
    achieved value updated after `since`). `projects`: the funding catalogue (project_id, name, start_date,
    end_date, granted, origin, source_id, updated_at); `imports`: meta_eu_import (sha256, archived_at)."""

    def within(values: pd.Series) -> pd.Series:
        days = pd.to_datetime(values, errors="coerce").dt.date
        return days.map(lambda d: d is not None and not pd.isna(d) and since < d <= today), days

    rows = []
    for event, column in (("started", "start_date"), ("ended", "end_date")):
        hit, days = within(projects[column])
        rows += [{"project_id": p, "event": event, "date": d} for p, d in zip(projects.loc[hit, "project_id"],
                                                                                days[hit])]  # fmt: skip
    granted = projects["granted"].notna()
    own = projects["origin"] == "coordinator"
    if "updated_at" in projects:  # only coordinator projects carry it
        hit, days = within(projects["updated_at"])
        hit &= own & granted
        rows += [{"project_id": p, "event": "decision", "date": d}
                 for p, d in zip(projects.loc[hit, "project_id"], days[hit])]  # fmt: skip
    if not imports.empty and "source_id" in projects:
        new_imports, import_days = within(imports["archived_at"])
        # an import's projects carry source_id '<upload|inbox>:<sha256 prefix>' (etl/sources/eu_funds.py)
        by_source = dict(zip(":" + imports.loc[new_imports, "sha256"].str[:12], import_days[new_imports]))
        for suffix, day in by_source.items():
            mine = projects["source_id"].astype(str).str.endswith(suffix) & granted & ~own
            rows += [{"project_id": p, "event": "decision", "date": day} for p in projects.loc[mine, "project_id"]]
    if not kpis.empty:
        hit, days = within(kpis["updated_at"])
        hit &= kpis["achieved_value"].notna()
        rows += [{"project_id": p, "event": "kpi", "date": d} for p, d in zip(kpis.loc[hit, "project_id"], days[hit])]
    frame = pd.DataFrame(rows, columns=["project_id", "event", "date"]).drop_duplicates(["project_id", "event"])
    return frame.sort_values(["date", "project_id"], ascending=[False, True]).reset_index(drop=True)


def notes_since(notes: pd.DataFrame, since: date) -> pd.DataFrame:
    """Dated notes added after `since` (by when they were written, not the event they mark)."""
    if notes.empty:
        return notes
    added = pd.to_datetime(notes["created_at"]).dt.date
    return notes[added > since].sort_values("created_at", ascending=False)
