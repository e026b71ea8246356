"""Editor forms of the projects page, part 3: scorecard targets and funding-position figures (allocations,
committed, paid, per-resident target levels), each stored with its source. Writes via projects_store."""

from __future__ import annotations

import streamlit as st

from dashboard.core import clock, queries
from dashboard.core.auth import User
from dashboard.core.i18n import label, t
from dashboard.funding import position, projects
from dashboard.funding import store as projects_store
from dashboard.funding import summary as funding
from dashboard.funding.forms import key, saved, show_error


def targets_tab(user: User, lang: str) -> None:
    meta = queries.region()
    catalog = queries.indicators()
    tagged = catalog[catalog["spearhead"].notna()].index.tolist()
    areas = [meta["subregion"], *queries.focus_codes()]
    st.markdown(f"**{t('funding_edit.targets', lang)}**")
    st.caption(t("funding_edit.targets_intro", lang))
    with st.form(key("target")):
        one, two = st.columns(2)
        indicator = one.selectbox(t("funding_score.col_indicator", lang), tagged,
                                  format_func=lambda i: label(catalog.loc[i].to_dict(), lang))  # fmt: skip
        area = two.selectbox(t("funding_score.area", lang), areas, format_func=lambda c: funding.area_name(c, lang))
        value = one.number_input(t("funding_score.col_target", lang), value=None, step=1.0)
        year = two.number_input(t("funding_edit.target_year", lang), value=None, step=1, min_value=2000, max_value=2100)
        source = st.text_input(t("funding_edit.target_source", lang))
        if st.form_submit_button(t("funding_edit.save", lang), type="primary"):
            if value is None:
                st.error(t("funding_edit.value_required", lang))
            else:
                projects_store.set_target(user, indicator, area, value, int(year) if year else None, source)
                saved(lang)
    targets = projects.store().targets
    if not targets.empty:
        st.dataframe(targets, hide_index=True)
        keys = list(zip(targets["indicator_id"], targets["area_code"]))
        one, two = st.columns([3, 1])
        chosen = one.selectbox(t("funding_edit.target_to_delete", lang), range(len(keys)), key=key("target_delete_id"),
                               format_func=lambda i: f"{keys[i][0]} / {keys[i][1]}")  # fmt: skip
        if two.button(t("funding_edit.delete", lang), key=key("target_delete")):
            projects_store.delete_target(user, *keys[chosen])
            saved(lang)
    allocations_form(user, lang)


def allocations_form(user: User, lang: str) -> None:
    meta = queries.region()
    st.markdown(f"**{t('funding_edit.allocations', lang)}**")
    st.caption(t("funding_edit.allocations_intro", lang))
    areas = [meta["region"], meta["subregion"], *queries.focus_codes()]
    with st.form(key("allocation"), clear_on_submit=True):
        one, two, three = st.columns(3)
        period = one.text_input(t("funding_pos.col_period", lang), value=position.PERIOD)
        fund = two.selectbox(t("funding.fund", lang), [*position.STRUCTURAL, "EAFRD", "all"],
                             format_func=lambda g: t("funding_edit.all_funds", lang) if g == "all"
                             else t(f"funding.fund_{g.lower()}", lang))  # fmt: skip
        area = three.selectbox(t("funding_pos.col_area", lang), areas, format_func=lambda c: funding.area_name(c, lang))
        measure = one.selectbox(t("funding_pos.col_measure", lang), list(projects_store.MEASURES),
                                format_func=lambda m: t(f"funding_pos.measure_{m}", lang))  # fmt: skip
        amount = two.number_input(t("funding_edit.amount", lang), value=None, step=1000.0)
        basis = three.selectbox(t("funding_pos.col_basis", lang), ["EU", "EU + valtio", "ei ilmoitettu"])
        as_of = one.date_input(t("funding_pos.col_as_of", lang), value=clock.today(), format="DD.MM.YYYY")
        url = two.text_input(t("funding_edit.source_url", lang))
        text = st.text_input(t("funding_edit.source_text", lang))
        if st.form_submit_button(t("funding_edit.save", lang), type="primary"):
            if amount is None:
                st.error(t("funding_edit.value_required", lang))
            else:
                try:
                    projects_store.add_allocation(user, period, fund, area, measure, amount, basis, as_of, url, text)
                    saved(lang)
                except projects_store.EditError as exc:
                    show_error(exc, lang)
    own = projects.store().allocations
    if not own.empty:
        st.dataframe(own, hide_index=True)
        one, two = st.columns([3, 1])
        chosen = one.selectbox(t("funding_edit.allocation_to_delete", lang), own["allocation_id"].tolist(),
                               key=key("allocation_delete_id"))  # fmt: skip
        if two.button(t("funding_edit.delete", lang), key=key("allocation_delete")):
            projects_store.delete_allocation(user, int(chosen))
            saved(lang)
