"""Saved foresight scenarios: the coordinator names and saves a scenario's assumptions in the app's own
store (never in the warehouse); anyone can reopen one by link (?skenaario=<id>) and compare saved
scenarios side by side. Only assumptions are stored: figures are recomputed from the current data.

Writes go through `state.write` (audited) and check the editor role themselves, so a page that forgot
its guard still could not let a viewer save.
"""

from __future__ import annotations

import functools
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import i18n
from dashboard.core import store as state
from dashboard.core.auth import User
from dashboard.core.i18n import fmt_number, t
from dashboard.core.memo import memo
from dashboard.foresight import charts as fcharts
from dashboard.foresight import data, model
from dashboard.foresight import scenarios as fs
from dashboard.model.sourcing import source_caption

NAME_MAX = 80
DESCRIPTION_MAX = 500


class SaveError(ValueError):
    """The scenario was not saved; `str(error)` is a locale key for the reason."""


@dataclass(frozen=True)
class Saved:
    scenario_id: str
    name: str
    description: str
    scenario: model.Scenario
    projection: str
    data_version: str
    created_at: datetime
    created_by: str


def _stamp() -> tuple[int, int]:
    """Changes whenever the store file does (each write closes the file, which checkpoints it)."""
    try:
        stat = state.store_path().stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _saved(stamp: tuple[int, int]) -> tuple[Saved, ...]:  # stamp: cache key only
    rows = state.query("foresight_scenarios")
    return tuple(
        Saved(r.scenario_id, r.name, r.description or "",
              fs.scenario(r.net_migration, r.profile, r.fertility, r.mortality), r.projection, r.data_version,
              r.created_at, r.created_by)
        for r in rows.itertuples()
    )  # fmt: skip


def saved() -> tuple[Saved, ...]:
    """Every saved scenario, newest first (read from the store only when it has changed)."""
    return _saved(_stamp())


def get(scenario_id: str | None) -> Saved | None:
    return next((s for s in saved() if s.scenario_id == scenario_id), None)


def save(user: User, name: str, description: str, scenario: model.Scenario, projection: str) -> str:
    """Store a scenario under a unique name; returns its id. Raises PermissionError for non-editors."""
    if not user.is_editor:
        raise PermissionError("only editors can save scenarios")
    name, description = name.strip(), (description or "").strip()
    if not name or len(name) > NAME_MAX or len(description) > DESCRIPTION_MAX:
        raise SaveError("foresight.save_invalid")
    if any(s.name.casefold() == name.casefold() for s in saved()):
        raise SaveError("foresight.save_name_taken")
    scenario = fs.scenario(*fs.key(scenario))  # stored values are the clamped, validated ones
    scenario_id = secrets.token_hex(4)
    record = {"scenario_id": scenario_id, "name": name, "description": description, **asdict(scenario),
              "projection": projection, "data_version": data.version(), "created_at": datetime.now(UTC),
              "created_by": user.name}  # fmt: skip
    state.write(user.name, "create", "foresight_scenario", scenario_id, [("foresight_scenario_insert", record)],
                after=record)  # fmt: skip
    return scenario_id


def delete(user: User, scenario_id: str) -> None:
    if not user.is_editor:
        raise PermissionError("only editors can delete scenarios")
    before = get(scenario_id)
    if before is None:
        return
    state.write(user.name, "delete", "foresight_scenario", scenario_id,
                [("foresight_scenario_delete", {"scenario_id": scenario_id})],
                before={"name": before.name, **asdict(before.scenario)})  # fmt: skip


def saved_table(lang: str) -> pd.DataFrame:
    """The list of saved scenarios as shown: name, assumptions, who and when."""
    return pd.DataFrame({
        t("foresight.saved_name", lang): [s.name for s in saved()],
        t("foresight.saved_assumptions", lang): [fs.describe(s.scenario, lang) for s in saved()],
        t("foresight.saved_description", lang): [s.description for s in saved()],
        t("foresight.saved_by", lang): [s.created_by for s in saved()],
        t("foresight.saved_at", lang): [f"{s.created_at:%Y-%m-%d %H:%M}" for s in saved()],
        t("foresight.saved_link", lang): [link(s.scenario_id, lang) for s in saved()],
    })  # fmt: skip


def link(scenario_id: str, lang: str) -> str:
    """Relative link that reopens a saved scenario on this page (keeping the language)."""
    suffix = "" if lang == i18n.DEFAULT else f"&lang={quote(i18n.LANGUAGE_NAMES[lang])}"
    return f"ennakointi?skenaario={scenario_id}{suffix}"


def _entries(ids: tuple[str, ...], current: model.Scenario, lang: str) -> list[tuple[str, str, model.Scenario]]:
    """(series id, label, scenario): the official projection, the scenario on screen, the chosen saved ones."""
    chosen = [s for s in saved() if s.scenario_id in ids]
    entries = [("official", fs.series_names(lang)["official"], model.Scenario())]
    if not current.is_official() and all(s.scenario != current for s in chosen):
        entries.append(("current", t("foresight.current_scenario", lang), current))
    return entries + [(s.scenario_id, s.name, s.scenario) for s in chosen]


@memo
def _compare(version: str, lang: str, area: str, group: str, entries: tuple) -> pd.DataFrame:
    frames = []
    for series, name, scenario_key in entries:
        results = fs.results(model.Scenario(*scenario_key))
        rows = results[(results["area_code"] == area) & (results["group"] == group)]
        rows = rows[rows["series"] == ("official" if series == "official" else "scenario")]
        if rows.empty:  # a saved scenario without changes is the official projection
            rows = results[
                (results["area_code"] == area) & (results["group"] == group) & (results["series"] == "official")
            ]
        frames.append(rows.assign(series=series, label=name, is_derived=True))
    return pd.concat(frames, ignore_index=True)


def _key(ids: tuple[str, ...], current: model.Scenario, lang: str) -> tuple:
    return tuple((series, name, fs.key(s)) for series, name, s in _entries(ids, current, lang))


def compare_data(lang: str, area: str, group: str, ids: tuple[str, ...], current: model.Scenario) -> pd.DataFrame:
    """Long frame series, label, year, value of `group` in `area`, one series per compared scenario."""
    return _compare(data.version(), lang, area, group, _key(ids, current, lang))


@memo
def _compare_figure(version: str, lang: str, area: str, group: str, entries: tuple) -> go.Figure:
    years = data.official().years
    title = t("foresight.compare_title", lang, group=fs.group_label(group, lang), area=fs.area_name(area, lang),
              unit=fs.unit(group, lang), first=years[0], last=years[-1])  # fmt: skip
    return fcharts.compare_lines(_compare(version, lang, area, group, entries), title, fs.unit(group, lang), lang,
                                 decimals=fs.decimals(group))  # fmt: skip


def compare_figure(lang: str, area: str, group: str, ids: tuple[str, ...], current: model.Scenario) -> go.Figure:
    return _compare_figure(data.version(), lang, area, group, _key(ids, current, lang))


def _compare_table(lang: str, area: str, entries: tuple) -> pd.DataFrame:
    """One row per compared scenario: its assumptions and every age group in the last projection year."""
    rows = []
    for series, name, scenario_key in entries:
        scenario = model.Scenario(*scenario_key)
        results = fs.results(scenario)
        which = "official" if series == "official" or scenario.is_official() else "scenario"
        last = results["year"].max()
        values = results[(results["area_code"] == area) & (results["year"] == last) & (results["series"] == which)]
        values = values.set_index("group")["value"]
        row = {
            t("foresight.saved_name", lang): name,
            t("foresight.saved_assumptions", lang): fs.describe(scenario, lang),
        }
        for group in model.GROUPS:
            row[f"{fs.group_label(group, lang)} {last}"] = fmt_number(values[group], fs.decimals(group), lang)
        rows.append(row)
    return pd.DataFrame(rows)


def compare_table(lang: str, area: str, ids: tuple[str, ...], current: model.Scenario) -> pd.DataFrame:
    return _compare_table(lang, area, _key(ids, current, lang))


@memo
def _compare_view(version: str, lang: str, area: str, group: str, entries: tuple) -> tuple[fs.Chart, pd.DataFrame]:
    frame = _compare(version, lang, area, group, entries)
    last = frame["year"].max()
    parts = [
        f"{r.label} {fmt_number(r.value, fs.decimals(group), lang)}" for r in frame[frame["year"] == last].itertuples()
    ]
    alt = t("foresight.compare_alt", lang, group=fs.group_label(group, lang), area=fs.area_name(area, lang), year=last,
            values="; ".join(parts))  # fmt: skip
    caption = source_caption(frame, lang) + " " + t("foresight.scenario_is_model", lang)
    chart = fs.Chart(_compare_figure(version, lang, area, group, entries), frame, caption, alt)
    return chart, _compare_table(lang, area, entries)


def compare_view(lang: str, area: str, group: str, ids: tuple[str, ...], current: model.Scenario
                 ) -> tuple[fs.Chart, pd.DataFrame]:  # fmt: skip
    """(chart of `group` in `area` per compared scenario, table of all groups in the last year)."""
    return _compare_view(data.version(), lang, area, group, _key(ids, current, lang))
