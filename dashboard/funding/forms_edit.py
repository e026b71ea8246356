"""Editor forms of the projects page, part 2: a project's tags, KPIs and assignment; the coordinator's own
projects; scorecard targets and funding-position figures. Writes go through dashboard.funding.store."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core import queries
from dashboard.core.auth import User
from dashboard.core.i18n import label, t
from dashboard.funding import panels, projects
from dashboard.funding import store as projects_store
from dashboard.funding import summary as funding
from dashboard.funding import views as funding_views
from dashboard.funding.card import card
from dashboard.funding.forms import assignment_form, key, saved, show_error

NEW = "__new__"


def _editable() -> list[str]:
    meta = queries.region()
    frame = projects.catalogue()
    mine = projects.focus_related(frame, queries.focus_codes(), meta["subregion"], partial=True)
    mine |= (frame["origin"] == projects.COORDINATOR) | (frame["basis"] == projects.COORDINATOR)
    return frame[mine].sort_values("name")["project_id"].tolist()


def project_tab(user: User, lang: str) -> None:
    options = [NEW, *_editable()]
    chosen = st.selectbox(t("funding.choose_project", lang), options, key=key("edit_project"),
                          format_func=lambda p: t("funding_edit.new_project", lang) if p == NEW else funding_views.project_label(p))  # fmt: skip
    if chosen == NEW:
        own_project_form(user, {}, lang)
        return
    row = projects.catalogue().loc[chosen]
    st.caption(panels.project_line(card(chosen, lang), lang))
    tags_form(user, chosen, row, lang)
    kpi_forms(user, chosen, lang)
    if row["origin"] == projects.COORDINATOR:
        own_project_form(
            user, projects.store().projects.set_index("project_id").loc[chosen].to_dict() | {"project_id": chosen}, lang
        )
    else:
        st.markdown(f"**{t('funding_edit.assignment', lang)}**")
        assignment_form(user, chosen, lang, "project")


def tags_form(user: User, project_id: str, row: pd.Series, lang: str) -> None:
    catalog = queries.indicators()
    with st.form(key("tags")):
        st.markdown(f"**{t('funding_edit.tags', lang)}**")
        spearheads = st.multiselect(t("funding.spearhead", lang), list(projects.SPEARHEADS), default=row["spearheads"],
                                    format_func=lambda s: funding_views.spearhead_name(s, lang))  # fmt: skip
        linked = st.multiselect(t("funding_edit.indicators", lang), catalog.index.tolist(),
                                default=projects.links(project_id),
                                format_func=lambda i: label(catalog.loc[i].to_dict(), lang))  # fmt: skip
        note = st.text_area(t("funding_edit.note", lang), value=row["note"] if isinstance(row["note"], str) else "")
        if st.form_submit_button(t("funding_edit.save", lang), type="primary"):
            projects_store.set_tags(user, project_id, spearheads, linked, note)
            saved(lang)


def kpi_forms(user: User, project_id: str, lang: str) -> None:
    st.markdown(f"**{t('funding_impact.kpis', lang)}**")
    kpis = projects.kpis(project_id)
    if not kpis.empty:
        st.dataframe(kpis.drop(columns=["project_id"]), hide_index=True)
    with st.form(key("kpi_add"), clear_on_submit=True):
        one, two, three, four = st.columns(4)
        name = one.text_input(t("funding_impact.kpi", lang))
        unit = two.text_input(t("funding_impact.unit", lang))
        target = three.number_input(t("funding_impact.target", lang), value=None, step=1.0)
        achieved = four.number_input(t("funding_impact.achieved", lang), value=None, step=1.0)
        as_of = one.text_input(t("funding_impact.as_of", lang))
        source = st.text_input(t("funding_impact.kpi_source", lang))
        if st.form_submit_button(t("funding_edit.add_kpi", lang)):
            try:
                projects_store.add_kpi(user, project_id, name, unit, target, achieved, as_of, source)
                saved(lang)
            except projects_store.EditError as exc:
                show_error(exc, lang)
    if not kpis.empty:
        one, two = st.columns([3, 1])
        kpi_id = one.selectbox(t("funding_edit.kpi_to_delete", lang), kpis["kpi_id"].tolist(), key=key("kpi_delete_id"),
                               format_func=lambda k: kpis.set_index("kpi_id").loc[k, "name"])  # fmt: skip
        if two.button(t("funding_edit.delete", lang), key=key("kpi_delete")):
            projects_store.delete_kpi(user, int(kpi_id))
            saved(lang)


def own_project_form(user: User, current: dict, lang: str) -> None:
    """Create or edit a project that is in no register (Leader, national, municipal…)."""
    focus = queries.focus_codes()
    get = lambda k: current.get(k) if isinstance(current.get(k), str) else None  # noqa: E731
    with st.form(key("own_project")):
        st.markdown(f"**{t('funding_edit.own_project', lang)}**")
        one, two = st.columns(2)
        code = one.text_input(t("funding.col_code", lang), value=current.get("project_id", ""), disabled=bool(current))
        name = two.text_input(t("funding.col_name", lang), value=get("name") or "")
        fund = one.text_input(t("funding.field_fund", lang), value=get("fund") or "")
        groups = list(projects.FUND_GROUPS)
        group = two.selectbox(t("funding.fund", lang), groups, index=groups.index(current.get("fund_group", "unknown")),
                              format_func=lambda g: t(f"funding.fund_{g.lower()}", lang))  # fmt: skip
        period = one.text_input(t("funding.col_period", lang), value=get("programme_period") or "")
        implementer = two.text_input(t("funding.field_implementer", lang), value=get("implementer") or "")
        areas = st.multiselect(t("funding_edit.municipalities", lang), focus,
                               default=[c for c in projects.split(current.get("municipality_codes")) if c in focus],
                               format_func=lambda c: funding.area_name(c, lang))  # fmt: skip
        start = one.date_input(
            t("funding_edit.start", lang), value=_date(current.get("start_date")), format="DD.MM.YYYY"
        )
        end = two.date_input(t("funding_edit.end", lang), value=_date(current.get("end_date")), format="DD.MM.YYYY")
        granted = one.number_input(t("funding.granted", lang), value=_num(current.get("granted_eur")), step=1000.0)
        realised = two.number_input(t("funding.realised", lang), value=_num(current.get("realised_eur")), step=1000.0)
        as_stated = st.text_input(t("funding.col_as_stated", lang), value=get("funding_as_stated") or "")
        status = one.text_input(t("funding.field_status", lang), value=get("status") or "")
        url = two.text_input(t("funding_edit.source_url", lang), value=get("source_url") or "")
        summary = st.text_area(t("funding.field_summary", lang), value=get("summary") or "")
        if st.form_submit_button(t("funding_edit.save", lang), type="primary"):
            record = {"project_id": code, "name": name, "fund": fund or None, "fund_group": group,
                      "programme_period": period or None, "implementer": implementer or None,
                      "municipality_codes": ";".join(areas) or None, "start_date": start, "end_date": end,
                      "status": status or None, "granted_eur": granted, "realised_eur": realised,
                      "funding_as_stated": as_stated or None, "summary": summary or None, "source_url": url or None,
                      "notes": None}  # fmt: skip
            try:
                projects_store.save_project(user, record)
                saved(lang)
            except projects_store.EditError as exc:
                show_error(exc, lang)
    if current and st.button(t("funding_edit.delete_project", lang), key=key("own_delete")):
        projects_store.delete_project(user, current["project_id"])
        saved(lang)


def _date(value: object):
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
