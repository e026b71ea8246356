"""Which scenario the foresight page shows, and how that changes: the open / reset / save / delete steps.

The page draws the widgets; this module owns their keys (the page's own, via `PageState`) and every
transition between "the controls as the user set them" and "a saved scenario opened by link":
- a link `?ennakointi.skenaario=<id>` (or `?skenaario=<id>` from before the page prefixes) presets the
  controls once; after that the controls are the user's, and the page says when they differ from it;
- "open" on a saved scenario puts its id into the URL (a shareable link) and its values into the controls;
- "reset" returns the controls to the official projection;
- a save opens the new scenario (and says so after the rerun); a delete closes it.

`session` and `params` are st.session_state and st.query_params in the app; tests pass plain dicts.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field

from dashboard.core.auth import User
from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.foresight import model, store
from dashboard.foresight import scenarios as fs
from dashboard.ui.components import plain

PAGE = "ennakointi"
LINK = "skenaario"
# Control -> URL key name on the page (the page prefix is added by PageState).
CONTROLS = {"net_migration": "nettomuutto", "profile": "muuttoprofiili", "fertility": "syntyvyys",
            "mortality": "kuolleisuus"}  # fmt: skip


@dataclass
class ScenarioSession:
    """The scenario controls of one script run of the foresight page."""

    state: PageState
    session: MutableMapping
    params: MutableMapping
    keys: dict[str, str] = field(init=False)  # control -> widget key
    link_key: str = field(init=False)
    link: str | None = field(init=False)  # the saved scenario's id the URL asks for
    opened: store.Saved | None = field(init=False)  # that scenario, when it exists

    def __post_init__(self) -> None:
        net, fertility, mortality = fs.NET_MIGRATION, fs.FERTILITY, fs.MORTALITY
        self.keys = {
            "net_migration": self.state.number(CONTROLS["net_migration"], net["min_value"], net["max_value"]),
            "profile": self.state.choice(CONTROLS["profile"], list(model.PROFILES), self.profile_label),
            "fertility": self.state.number(CONTROLS["fertility"], fertility["min_value"], fertility["max_value"]),
            "mortality": self.state.number(CONTROLS["mortality"], mortality["min_value"], mortality["max_value"]),
        }
        self.link_key = self.state.param(LINK)
        self.link = self.params.get(self.link_key) or None
        self.opened = store.get(self.link) if self.link else None
        if self.link and self.session.get(self._opened_key) != self.link:  # preset once per link
            self.session[self._opened_key] = self.link
            if self.opened is not None:
                self.session.update(self.values(self.opened.scenario))

    def profile_label(self, profile: str) -> str:
        """The migration profile selector's format_func (its labels are also what the URL holds)."""
        return t(f"foresight.profile_{profile}", self.state.lang)

    @property
    def _opened_key(self) -> str:
        return self.state.key("avattu")

    @property
    def _saved_key(self) -> str:
        return self.state.key("tallennettu")

    def values(self, scenario: model.Scenario) -> dict:
        """{widget key: value} that shows `scenario` in the controls."""
        return {self.keys["net_migration"]: int(scenario.net_migration), self.keys["profile"]: scenario.profile,
                self.keys["fertility"]: int(scenario.fertility),
                self.keys["mortality"]: float(scenario.mortality)}  # fmt: skip

    def open_saved(self, scenario_id: str) -> None:
        """Button callback: open a saved scenario here (its id into the URL, its values into the controls)."""
        item = store.get(scenario_id)
        if item is not None:
            self.params[self.link_key] = scenario_id
            self.session[self._opened_key] = scenario_id
            self.session.update(self.values(item.scenario))

    def reset(self) -> None:
        """Button callback: the controls back to the official projection."""
        self.session.update(self.values(model.Scenario()))

    def notices(self, scenario: model.Scenario, projection: str, lang: str) -> list[tuple[str, str]]:
        """(kind, text) to show under the controls: kind is "warning", "info" or "caption"."""
        if self.link and self.opened is None:
            return [("warning", t("foresight.link_unknown", lang))]
        if self.opened is None:
            return []
        item = self.opened
        out = [("info", t("foresight.opened", lang, name=plain(item.name), by=plain(item.created_by),
                          at=f"{item.created_at:%Y-%m-%d}"))]  # fmt: skip
        if item.scenario != scenario:
            out.append(("caption", t("foresight.opened_modified", lang)))
        if item.projection != projection:
            out.append(("caption", t("foresight.opened_other_projection", lang, saved=plain(item.projection),
                                     current=projection)))  # fmt: skip
        return out

    def save(self, user: User, name: str, description: str, scenario: model.Scenario, projection: str) -> str | None:
        """Save and open the scenario; None when saved (the page reruns), else the reason as a locale key."""
        try:
            new_id = store.save(user, name, description, scenario, projection)
        except store.SaveError as error:
            return str(error)
        self.session[self._opened_key] = new_id
        self.session[self._saved_key] = name.strip()  # said once, after the rerun
        self.params[self.link_key] = new_id
        return None

    def saved_message(self, lang: str) -> str | None:
        """ "Saved …" once after a save (markdown-safe), else None."""
        name = self.session.pop(self._saved_key, None)
        return t("foresight.saved_ok", lang, name=plain(name)) if name else None

    def delete(self, user: User) -> None:
        """Delete the opened scenario and close it (the page reruns)."""
        if self.opened is not None:
            store.delete(user, self.opened.scenario_id)
        self.params.pop(self.link_key, None)
