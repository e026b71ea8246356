"""Saved foresight scenarios: the coordinator names and saves a scenario's assumptions in the app's own
store (never in the warehouse); anyone can reopen one by link (?skenaario=<id>) and compare saved
scenarios side by side. Only assumptions are stored: figures are recomputed from the current data.

Writes go through `state.write` (audited) and check the editor role themselves, so a page that forgot
its guard still could not let a viewer save.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import i18n, warehouse
from dashboard.core import store as state
from dashboard.core.auth import User
from dashboard.core.i18n import fmt_number, t
from dashboard.core.memo import memo
from dashboard.foresight import charts as fcharts
from dashboard.foresight import data, model
from dashboard.foresight import scenarios as fs
from dashboard.model.sourcing import source_caption

NAME_MAX = 80
LINK_KEY = "ennakointi.skenaario"  # the page's own URL key (PageState prefix); ?skenaario= is adopted
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


@memo
def saved() -> tuple[Saved, ...]:
    """Every saved scenario, newest first (read from the store once per store revision)."""
    rows = state.query("foresight_scenarios")
    return tuple(
        Saved(r.scenario_id, r.name, r.description or "",
              fs.scenario(r.net_migration, r.profile, r.fertility, r.mortality), r.projection, r.data_version,
              r.created_at, r.created_by)
        for r in rows.itertuples()
    )  # fmt: skip


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
    scenario = fs.scenario(
        scenario.net_migration, scenario.profile, scenario.fertility, scenario.mortality
    )  # stored values are the clamped, validated ones
    scenario_id = secrets.token_hex(4)
    record = {"scenario_id": scenario_id, "name": name, "description": description, **asdict(scenario),
              "projection": projection, "data_version": warehouse.version(), "created_at": datetime.now(UTC),
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
    return f"ennakointi?{LINK_KEY}={quote(scenario_id)}{suffix}"


def _entries(ids: tuple[str, ...], current: model.Scenario, lang: str) -> tuple[tuple[str, str, model.Scenario], ...]:
    """(series id, label, scenario): the official projection, the scenario on screen, the chosen saved ones."""
    chosen = [s for s in saved() if s.scenario_id in ids]
    entries = [("official", fs.series_names(lang)["official"], model.Scenario())]
    if not current.is_official() and all(s.scenario != current for s in chosen):
        entries.append(("current", t("foresight.current_scenario", lang), current))
    return tuple(entries + [(s.scenario_id, s.name, s.scenario) for s in chosen])


def _compare(area: str, group: str, entries: tuple) -> pd.DataFrame:
    """Long frame series, label, year, value of `group` in `area`, one series per compared scenario."""
    frames = []
    for series, name, scenario in entries:
        results = fs.results(scenario)
        mine = results[(results["area_code"] == area) & (results["group"] == group)]
        rows = mine[mine["series"] == ("official" if series == "official" else "scenario")]
        if rows.empty:  # a saved scenario without changes is the official projection
            rows = mine[mine["series"] == "official"]
        frames.append(rows.assign(series=series, label=name, is_derived=True))
    return pd.concat(frames, ignore_index=True)


def _compare_figure(lang: str, area: str, group: str, frame: pd.DataFrame) -> go.Figure:
    years = data.official().years
    title = t("foresight.compare_title", lang, group=fs.group_label(group, lang), area=fs.area_name(area, lang),
              unit=fs.unit(group, lang), first=years[0], last=years[-1])  # fmt: skip
    return fcharts.compare_lines(frame, title, fs.unit(group, lang), lang, decimals=fs.decimals(group))


def _compare_table(lang: str, area: str, entries: tuple) -> pd.DataFrame:
    """One row per compared scenario: its assumptions and every age group in the last projection year."""
    rows = []
    for series, name, scenario in entries:
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


@memo
def compare_view(lang: str, area: str, group: str, ids: tuple[str, ...], current: model.Scenario
                 ) -> tuple[fs.Chart, pd.DataFrame]:  # fmt: skip
    """(chart of `group` in `area` per compared scenario, table of all groups in the last year).

    Scenario names are the editors' text: the text alternative carries them as typed (the page escapes it
    where it writes HTML) and the figure's legend carries them escaped (Plotly reads labels as HTML)."""
    entries = _entries(tuple(ids), current, lang)
    frame = _compare(area, group, entries)
    last = frame["year"].max()
    parts = [
        f"{r.label} {fmt_number(r.value, fs.decimals(group), lang)}" for r in frame[frame["year"] == last].itertuples()
    ]
    alt = t("foresight.compare_alt", lang, group=fs.group_label(group, lang), area=fs.area_name(area, lang), year=last,
            values="; ".join(parts))  # fmt: skip
    caption = source_caption(frame, lang) + " " + t("foresight.scenario_is_model", lang)
    chart = fs.Chart(_compare_figure(lang, area, group, frame), frame, caption, alt)
    return chart, _compare_table(lang, area, entries)
