"""Ennakointi (foresight): the official population projection beside a what-if scenario, the
service-need outlook, how well projections have held (with a back-test and the method note), and the
coordinator's saved scenarios. Every selection is in the URL; a saved scenario opens by ?skenaario=<id>.
"""

import streamlit as st

from dashboard.core import auth
from dashboard.core.i18n import t
from dashboard.foresight import accuracy as foresight_accuracy
from dashboard.foresight import data as foresight_data
from dashboard.foresight import model
from dashboard.foresight import scenarios as foresight
from dashboard.foresight import service as foresight_service
from dashboard.foresight import store as foresight_store
from dashboard.ui.components import chart_block, current_language, downloads

lang = current_language()
st.title(t("foresight.title", lang))
st.markdown(t("foresight.intro", lang))
if foresight_data.newest_projection() is None:  # e.g. a warehouse built for a region without one
    st.warning(t("foresight.no_projection", lang))
    st.stop()

KEYS = foresight.KEYS
controls = foresight.controls(lang)
# A saved scenario opened by link presets the controls once; after that the controls are the user's.
link = st.query_params.get("skenaario")
opened = foresight_store.get(link) if link else None
if link and st.session_state.get("_ennakointi_avattu") != link:
    st.session_state["_ennakointi_avattu"] = link
    if opened is not None:
        st.session_state.update(foresight.widget_values(opened.scenario))


def open_saved(scenario_id: str) -> None:
    """Open a saved scenario here: its id into the URL (so the link is shareable), its values into the controls."""
    item = foresight_store.get(scenario_id)
    if item is not None:
        st.query_params["skenaario"] = scenario_id
        st.session_state["_ennakointi_avattu"] = scenario_id
        st.session_state.update(foresight.widget_values(item.scenario))


def reset_controls() -> None:
    st.session_state.update(foresight.widget_values(model.Scenario()))


with st.container(border=True):
    st.header(t("foresight.assumptions", lang))
    st.caption(t("foresight.assumptions_intro", lang))
    left, profile_col, fertility_col, mortality_col = st.columns(4)
    net = left.slider(t("foresight.net_migration_label", lang), **foresight.NET_MIGRATION, key=KEYS["net_migration"],
                      bind="query-params", help=t("foresight.net_migration_help", lang))  # fmt: skip
    profile = profile_col.selectbox(t("foresight.profile_label", lang), list(model.PROFILES), key=KEYS["profile"],
                                    format_func=lambda p: t(f"foresight.profile_{p}", lang), bind="query-params",
                                    help=t("foresight.profile_help", lang))  # fmt: skip
    fertility = fertility_col.slider(t("foresight.fertility_label", lang), **foresight.FERTILITY,
                                     key=KEYS["fertility"], bind="query-params",
                                     help=t("foresight.fertility_help", lang))  # fmt: skip
    mortality = mortality_col.slider(t("foresight.mortality_label", lang), **foresight.MORTALITY,
                                     key=KEYS["mortality"], bind="query-params",
                                     help=t("foresight.mortality_help", lang))  # fmt: skip
    scenario = foresight.scenario(net, profile, fertility, mortality)
    st.caption(controls.migration_context)
    st.button(t("foresight.reset", lang), on_click=reset_controls, disabled=scenario.is_official())
    if link and opened is None:
        st.warning(t("foresight.link_unknown", lang))
    elif opened is not None:
        st.info(t("foresight.opened", lang, name=opened.name, by=opened.created_by, at=f"{opened.created_at:%Y-%m-%d}"))
        if opened.scenario != scenario:
            st.caption(t("foresight.opened_modified", lang))
        if opened.projection != controls.projection:
            st.caption(t("foresight.opened_other_projection", lang, saved=opened.projection,
                         current=controls.projection))  # fmt: skip

st.header(t("foresight.outlook_heading", lang))
group_col, area_col = st.columns(2)
group = group_col.selectbox(t("foresight.group_select", lang), list(model.GROUPS), key="ryhma", bind="query-params",
                            format_func=lambda g: foresight.group_label(g, lang))  # fmt: skip
area = area_col.selectbox(t("foresight.area_select", lang), controls.area_codes, key="kunta", bind="query-params",
                          format_func=controls.area_names.get)  # fmt: skip
outlook = foresight.outlook_chart(lang, group, scenario)
chart_block(outlook.figure, outlook.data, outlook.caption, outlook.alt, key="ennuste_ja_skenaario", lang=lang)
st.markdown(f"**{t('foresight.groups_heading', lang, area=controls.area_names[area])}**")
groups_table, groups_data = foresight_service.groups_view(lang, area, scenario)
st.dataframe(groups_table, hide_index=True)
downloads(groups_data, "ikaryhmat", lang)

st.header(t("foresight.service_heading", lang))
st.markdown(t("foresight.service_intro", lang))
year = st.radio(t("foresight.service_year", lang), controls.target_years, key="vuosi", horizontal=True,
                bind="query-params", index=len(controls.target_years) - 1)  # fmt: skip
service, service_table = foresight_service.service_view(lang, year, scenario)
chart_block(service.figure, service.data, service.caption, service.alt, key="palvelutarve", lang=lang)
st.dataframe(service_table, hide_index=True)

st.header(t("foresight.accuracy_heading", lang))
st.markdown(t("foresight.accuracy_intro", lang))
accuracy = foresight_accuracy.accuracy_view(lang)
chart = accuracy.chart
chart_block(chart.figure, chart.data, chart.caption, chart.alt, key="ennuste_vs_toteutunut", lang=lang)
st.markdown(f"**{t('foresight.errors_heading', lang)}**")
st.dataframe(accuracy.errors, hide_index=True)
downloads(accuracy.errors_data, "ennusteen_virheet", lang)

with st.container(border=True):
    st.header(t("foresight.note_heading", lang))
    st.markdown(accuracy.note)

st.header(t("foresight.saved_heading", lang))
st.caption(t("foresight.saved_intro", lang))
saved = foresight_store.saved()
if not saved:
    st.info(t("foresight.saved_none", lang))
else:
    link_column = t("foresight.saved_link", lang)
    st.dataframe(foresight_store.saved_table(lang), hide_index=True, column_config={
        link_column: st.column_config.LinkColumn(link_column, display_text=t("foresight.open_link", lang))})  # fmt: skip
    for column, item in zip(st.columns(min(len(saved), 4)) * len(saved), saved):
        column.button(t("foresight.open_saved", lang, name=item.name), key=f"avaa_{item.scenario_id}",
                      on_click=open_saved, args=(item.scenario_id,))  # fmt: skip
    names = {item.scenario_id: item.name for item in saved}
    chosen = st.multiselect(t("foresight.compare_select", lang), list(names), key="vertaa", bind="query-params",
                            format_func=lambda i: names.get(i, i))  # fmt: skip
    if chosen:
        compared, compare_table = foresight_store.compare_view(lang, area, group, tuple(chosen), scenario)
        chart_block(compared.figure, compared.data, compared.caption, compared.alt, key="skenaariovertailu", lang=lang)
        st.dataframe(compare_table, hide_index=True)

# Last on the page: require_editor stops the script for viewers, and nothing after it may be skipped.
with st.expander(t("foresight.save_heading", lang), expanded=auth.current_user().is_editor):
    st.caption(t("foresight.save_intro", lang))
    user = auth.require_editor(lang)  # viewers stop here: everything below writes to the store
    with st.form("tallenna_skenaario", clear_on_submit=True):
        name = st.text_input(t("foresight.save_name", lang), max_chars=foresight_store.NAME_MAX)
        description = st.text_area(t("foresight.save_description", lang), max_chars=foresight_store.DESCRIPTION_MAX)
        if st.form_submit_button(t("foresight.save_button", lang), type="primary"):
            try:
                new_id = foresight_store.save(user, name, description, scenario, controls.projection)
            except foresight_store.SaveError as error:
                st.error(t(str(error), lang))
            else:
                st.session_state["_ennakointi_avattu"] = new_id
                st.session_state["_ennakointi_tallennettu"] = name.strip()  # shown after the rerun below
                st.query_params["skenaario"] = new_id
                st.rerun()
    if st.session_state.get("_ennakointi_tallennettu"):
        st.success(t("foresight.saved_ok", lang, name=st.session_state.pop("_ennakointi_tallennettu")))
    if opened is not None and st.button(t("foresight.delete_button", lang)):
        foresight_store.delete(user, opened.scenario_id)
        del st.query_params["skenaario"]
        st.rerun()
