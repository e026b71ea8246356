"""Ennakointi (foresight): the assumptions of a what-if scenario above four parts, drawn one at a time
(URL key ennakointi.osio): the official population projection beside the scenario (the chosen area beside
the region total, or every area side by side); the service-need
outlook with the age structure it starts from (published mean age and shares, the share 65+ against the
projection); how well projections have held (with a back-test and the method note); the coordinator's saved
scenarios. Every selection is in the URL (keys `ennakointi.*`); a saved scenario opens by
?ennakointi.skenaario=<id>.
"""

import streamlit as st

from dashboard.core import auth
from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.foresight import accuracy as foresight_accuracy
from dashboard.foresight import baseline as foresight_baseline
from dashboard.foresight import data as foresight_data
from dashboard.foresight import model
from dashboard.foresight import scenarios as foresight
from dashboard.foresight import service as foresight_service
from dashboard.foresight import store as foresight_store
from dashboard.foresight.session import ScenarioSession
from dashboard.ui import selectors
from dashboard.ui.components import chart_block, current_language, downloads, figures_table, plain

# The page's parts below the assumptions (URL values: their ids or their headings), drawn one at a time.
SECTIONS = {"ennuste": "foresight.outlook_heading", "palvelutarve": "foresight.service_heading",
            "osuvuus": "foresight.accuracy_heading", "tallennetut": "foresight.saved_heading"}  # fmt: skip

lang = current_language()
st.title(t("foresight.title", lang))
st.markdown(t("foresight.intro", lang))
if foresight_data.newest_projection() is None:  # e.g. a warehouse built for a region without one
    st.warning(t("foresight.no_projection", lang))
    st.stop()

state = PageState("ennakointi", lang)
session = ScenarioSession(state, st.session_state, st.query_params)
keys = session.keys
controls = foresight.controls(lang)
saved = foresight_store.saved()
saved_names = {item.scenario_id: item.name for item in saved}


def group_label(group: str) -> str:
    return foresight.group_label(group, lang)


def saved_name(scenario_id: str) -> str:
    return saved_names.get(scenario_id, scenario_id)


group_key = state.choice("ryhma", model.GROUPS, group_label)
area_key = state.choice("kunta", controls.area_codes, controls.area_names.get)
year_key, compare_key = state.choice("vuosi", controls.target_years), state.choices("vertaa", saved_names, saved_name)
parts = selectors.Parts(state, SECTIONS)
selectors.notices(state)  # quotes the link's value: shown as text

with st.container(border=True):
    st.header(t("foresight.assumptions", lang))
    st.caption(t("foresight.assumptions_intro", lang))
    left, profile_col, fertility_col, mortality_col = st.columns(4)
    net = left.slider(t("foresight.net_migration_label", lang), **foresight.NET_MIGRATION, key=keys["net_migration"],
                      bind="query-params", help=t("foresight.net_migration_help", lang))  # fmt: skip
    profile = profile_col.selectbox(t("foresight.profile_label", lang), list(model.PROFILES), key=keys["profile"],
                                    format_func=session.profile_label, bind="query-params",
                                    help=t("foresight.profile_help", lang))  # fmt: skip
    fertility = fertility_col.slider(t("foresight.fertility_label", lang), **foresight.FERTILITY,
                                     key=keys["fertility"], bind="query-params",
                                     help=t("foresight.fertility_help", lang))  # fmt: skip
    mortality = mortality_col.slider(t("foresight.mortality_label", lang), **foresight.MORTALITY,
                                     key=keys["mortality"], bind="query-params",
                                     help=t("foresight.mortality_help", lang))  # fmt: skip
    scenario = foresight.scenario(net, profile, fertility, mortality)
    st.caption(controls.migration_context)
    st.button(t("foresight.reset", lang), on_click=session.reset, disabled=scenario.is_official())
    for kind, text in session.notices(scenario, controls.projection, lang):
        getattr(st, kind)(text)


def group_and_area() -> tuple[str, str]:
    """The age group and area of the outlook and of the saved scenarios' comparison: one pair of widgets (the
    same keys) in both parts, so a choice made in one holds in the other."""
    group_col, area_col = st.columns(2)
    group = group_col.selectbox(t("foresight.group_select", lang), list(model.GROUPS), key=group_key,
                                bind="query-params", format_func=group_label, persist_state="page")  # fmt: skip
    area = area_col.selectbox(t("foresight.area_select", lang), controls.area_codes, key=area_key,
                              bind="query-params", format_func=controls.area_names.get, persist_state="page")  # fmt: skip
    return group, area


part = parts.choose()
st.header(parts.label(part))
if part == "ennuste":
    group, area = group_and_area()
    every = st.toggle(t("foresight.outlook_every", lang), key=state.flag("kaikki"), bind="query-params",
                      help=t("foresight.outlook_every_help", lang))  # fmt: skip
    outlook = foresight.outlook_chart(lang, group, scenario, foresight.shown_areas(area, every))
    chart_block(outlook.figure, outlook.data, outlook.caption, outlook.alt, key="ennuste_ja_skenaario", lang=lang)
    st.markdown(f"**{t('foresight.groups_heading', lang, area=controls.area_names[area])}**")
    groups_table, groups_data = foresight_service.groups_view(lang, area, scenario)
    st.dataframe(groups_table, hide_index=True)
    downloads(groups_data, "ikaryhmat", lang)
elif part == "palvelutarve":
    st.markdown(t("foresight.service_intro", lang))
    year = st.radio(t("foresight.service_year", lang), controls.target_years, key=year_key, horizontal=True,
                    bind="query-params", index=len(controls.target_years) - 1, persist_state="page")  # fmt: skip
    service, service_table = foresight_service.service_view(lang, year, scenario)
    chart_block(service.figure, service.data, service.caption, service.alt, key="palvelutarve", lang=lang)
    st.dataframe(service_table, hide_index=True)
    figures_table(t("foresight.baseline_heading", lang), foresight_baseline.baseline(lang), "lahtotilanne", lang)
elif part == "osuvuus":
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
else:
    st.caption(t("foresight.saved_intro", lang))
    if not saved:
        st.info(t("foresight.saved_none", lang))
    else:
        link_column = t("foresight.saved_link", lang)
        st.dataframe(foresight_store.saved_table(lang), hide_index=True, column_config={
            link_column: st.column_config.LinkColumn(link_column, display_text=t("foresight.open_link", lang))})  # fmt: skip
        for column, item in zip(st.columns(min(len(saved), 4)) * len(saved), saved):
            column.button(t("foresight.open_saved", lang, name=plain(item.name)),
                          key=state.key(f"avaa_{item.scenario_id}"), on_click=session.open_saved,
                          args=(item.scenario_id,))  # fmt: skip
        chosen = st.multiselect(t("foresight.compare_select", lang), list(saved_names), key=compare_key,
                                bind="query-params", format_func=saved_name, persist_state="page")  # fmt: skip
        if chosen:
            group, area = group_and_area()
            compared, compare_table = foresight_store.compare_view(lang, area, group, tuple(chosen), scenario)
            chart_block(compared.figure, compared.data, compared.caption, compared.alt, key="skenaariovertailu",
                        lang=lang)  # fmt: skip
            st.dataframe(compare_table, hide_index=True)

# Last on the page: require_editor stops the script for viewers, and nothing after it may be skipped. Its
# content runs only while it is open (open for editors at first): most visitors never open it.
saving = st.expander(t("foresight.save_heading", lang), expanded=auth.current_user().is_editor,
                     key=state.key("tallennus"), on_change="rerun")  # fmt: skip
if saving.open:
    with saving:
        st.caption(t("foresight.save_intro", lang))
        user = auth.require_editor(lang)  # viewers stop here: everything below writes to the store
        with st.form(state.key("tallenna"), clear_on_submit=True):
            name = st.text_input(t("foresight.save_name", lang), max_chars=foresight_store.NAME_MAX)
            description = st.text_area(t("foresight.save_description", lang), max_chars=foresight_store.DESCRIPTION_MAX)
            if st.form_submit_button(t("foresight.save_button", lang), type="primary"):
                problem = session.save(user, name, description, scenario, controls.projection)
                if problem:
                    st.error(t(problem, lang))
                else:
                    st.rerun()
        if message := session.saved_message(lang):
            st.success(message)
        if session.opened is not None and st.button(t("foresight.delete_button", lang), key=state.key("poista")):
            session.delete(user)
            st.rerun()
