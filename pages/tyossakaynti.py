"""Työssäkäynti (commuting), in three parts chosen below the municipalities and years (one drawn at a time,
URL key tyossakaynti.osio): commuting per municipality over time and the balance with job self-sufficiency
in the end year; what the data says about flows — one municipality's stocks, and the real flows once a live
fetch brings them; the employment area and its job centres. Every selection is in the URL."""

import streamlit as st

from dashboard.commuting import area as commuting_area
from dashboard.commuting import balance as commuting
from dashboard.commuting import flows as commuting_flows
from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.ui import selectors
from dashboard.ui.components import block_view, current_language

# The page's parts (URL values: their ids or their labels), each with its heading.
SECTIONS = {"aikasarja": "commuting.section_series", "virrat": "commuting.section_flows",
            "tyollisyysalue": "commuting.section_area"}  # fmt: skip

lang = current_language()
state = PageState("tyossakaynti", lang)
opts = commuting.options(lang)
names, labels, mode_label = opts.names.get, opts.labels.get, commuting.mode_label(lang)
keys = {
    "kunnat": state.choices("kunnat", opts.municipalities, names),
    "indikaattori": state.choice("indikaattori", opts.indicators, labels),
    "vuodet": state.choices("vuodet", opts.years),
    "vertailu": state.choices("vertailu", opts.comparisons, names),
    "tila": state.choice("tila", commuting.MODES, mode_label),
    "liukuva": state.flag("liukuva"),
    "kunta": state.choice("kunta", opts.municipalities, names),
}
parts = selectors.Parts(state, SECTIONS)
st.title(t("commuting.title", lang))
st.markdown(t("commuting.intro", lang))
flow_years = commuting_flows.flow_years()
if flow_years:
    st.info(t("commuting.matrix_available", lang, years=f"{flow_years[0]}–{flow_years[-1]}"))
else:
    st.info(t("commuting.no_matrix", lang))
selectors.notices(state)

# What every part uses: the municipalities and the years (the balance, stocks and area show the end year).
left, right = st.columns([3, 2])
codes = left.multiselect(t("commuting.municipalities", lang), opts.municipalities, default=opts.municipalities,
                         key=keys["kunnat"], bind="query-params", format_func=names)  # fmt: skip
period = right.select_slider(t("commuting.years", lang), opts.years, value=(opts.years[0], opts.years[-1]),
                             key=keys["vuodet"], bind="query-params")  # fmt: skip
year = period[1]

part = parts.choose()
if not codes:
    st.info(t("commuting.pick_one", lang))
    st.stop()

st.header(parts.label(part))
if part == "aikasarja":
    left, right = st.columns([2, 3])
    indicator = left.selectbox(t("commuting.indicator", lang), opts.indicators, key=keys["indikaattori"],
                               bind="query-params", format_func=labels, persist_state="page")  # fmt: skip
    comparisons = right.multiselect(t("commuting.comparisons", lang), opts.comparisons, default=opts.comparisons,
                                    key=keys["vertailu"], bind="query-params", format_func=names,
                                    persist_state="page")  # fmt: skip
    left, right = st.columns([2, 3])
    mode = left.radio(t("commuting.mode", lang), commuting.MODES, key=keys["tila"], bind="query-params",
                      horizontal=True, format_func=mode_label, help=t("commuting.mode_help", lang),
                      disabled=indicator not in opts.indexable, persist_state="page")  # fmt: skip
    smooth = right.toggle(t("commuting.smooth", lang), key=keys["liukuva"], bind="query-params",
                          help=t("commuting.smooth_help", lang), persist_state="page")  # fmt: skip
    block_view(commuting.series_view(indicator, codes, comparisons, period, mode, smooth, lang),
               "tyossakaynti_aikasarja", lang)  # fmt: skip
    # Heading and introduction as one element each section: fewer elements, a faster rerun.
    st.markdown(f"### {t('commuting.balance_heading', lang, year=year)}\n\n{t('commuting.balance_intro', lang)}")
    block_view(commuting.balance_view(codes, comparisons, year, lang), "pendeloinnin_tase", lang)
elif part == "virrat":
    st.markdown(f"### {t('commuting.stocks_heading', lang)}\n\n{t('commuting.stocks_intro', lang)}")
    code = st.selectbox(t("commuting.municipality", lang), opts.municipalities, key=keys["kunta"],
                        bind="query-params", format_func=names, persist_state="page")  # fmt: skip
    block_view(commuting_flows.stocks_view(code, year, lang), "tyossakaynti_varannot", lang)
    if flow_years:
        st.subheader(t("commuting.flows_heading", lang))
        block_view(commuting_flows.flow_view(year, codes, lang), "tyomatkavirrat", lang)
else:
    members = "\n".join(f"- {line}" for line in commuting_area.membership_lines(year, lang))
    st.markdown(f"### {t('commuting.area_heading', lang)}\n\n{members}\n\n{t('commuting.area_intro', lang)}")
    block_view(commuting_area.area_view(year, lang), "tyollisyysalue", lang)
    st.dataframe(commuting_area.area_table(year, lang), hide_index=True)
    st.caption(t("commuting.area_note", lang))
