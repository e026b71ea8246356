"""Kuntavertailu (municipality comparison), in three parts chosen above them (one drawn at a time): the
latest value of one theme's indicators (a spearhead's, the others or all) with ranks and trend arrows among
a peer group (the region's own municipalities, Finland's small ones or a chosen set) and one indicator
ranked in the peer group; the indicator on a map of
the region or of Finland; the same indicator over time as small multiples."""

import functools

import streamlit as st

from dashboard.comparison import map as comparison_map
from dashboard.comparison import multiples as comparison_multiples
from dashboard.comparison import peers
from dashboard.comparison import table as comparison
from dashboard.core.i18n import fmt_period, t
from dashboard.core.links import PageState
from dashboard.ui import selectors
from dashboard.ui.components import block_view, current_language, view_block

# The page's parts (URL values: their ids or their labels), drawn one at a time.
SECTIONS = {"taulukko": "comparison.table_heading", "kartta": "comparison.map_heading",
            "aikasarjat": "comparison.multiples_heading"}  # fmt: skip

lang = current_language()
state = PageState("kuntavertailu", lang)
opts = comparison.options(lang)
names, labels = opts.names.get, opts.labels.get
st.title(t("comparison.title", lang))
st.markdown(t("comparison.intro", lang))

left, middle, right = st.columns([3, 3, 2])
codes = left.multiselect(t("comparison.municipalities", lang), opts.municipalities, default=opts.municipalities,
                         key=state.choices("kunnat", opts.municipalities, names), bind="query-params",
                         format_func=names)  # fmt: skip
indicator = middle.selectbox(t("comparison.indicator", lang), opts.indicators,
                             index=opts.indicators.index(opts.default_indicator),
                             key=state.choice("indikaattori", opts.indicators, labels), bind="query-params",
                             format_func=labels)  # fmt: skip
periods = comparison_map.period_choices(indicator)  # the chosen indicator's own periods


def period_text(period: str) -> str:
    return fmt_period(period, lang)


period = right.selectbox(t("comparison.period", lang), periods, index=len(periods) - 1,
                         key=state.choice("vuosi", periods, period_text), bind="query-params",
                         format_func=period_text, help=t("comparison.period_help", lang))  # fmt: skip
group_text = functools.partial(peers.group_label, lang=lang)
left, middle, right = st.columns([3, 3, 2])
kind = left.radio(t("comparison.peer_group", lang), peers.GROUPS, key=state.choice("vertailuryhma", peers.GROUPS, group_text),
                  bind="query-params", format_func=group_text, help=t("comparison.peer_group_help", lang))  # fmt: skip
chosen = []
if kind == peers.CHOSEN:
    everyone = peers.municipalities()
    chosen = middle.multiselect(t("comparison.peer_municipalities", lang), everyone,
                                key=state.choices("vertailukunnat", everyone, names), bind="query-params",
                                format_func=names, placeholder=t("comparison.peer_pick", lang))  # fmt: skip
scope_text = comparison_map.scope_labels(lang).get
scope = right.radio(t("comparison.map_scope", lang), comparison_map.SCOPES, format_func=scope_text,
                    key=state.choice("kartta", comparison_map.SCOPES, scope_text), bind="query-params")  # fmt: skip
group = peers.group(kind, chosen)
if note := peers.group_note(group, lang):
    left.caption(note)
smooth = st.toggle(t("comparison.smooth", lang), key=state.flag("liukuva"), bind="query-params",
                   disabled=indicator not in opts.yearly, help=t("comparison.smooth_help", lang))  # fmt: skip
theme_text = functools.partial(comparison.theme_label, lang=lang)
theme_key = state.choice("teema", opts.themes, theme_text)
parts = selectors.Parts(state, SECTIONS)
selectors.notices(state)
if kind == peers.CHOSEN and not chosen:
    st.info(t("comparison.peer_pick", lang))

if not codes:
    st.info(t("comparison.pick_one", lang))
    st.stop()

part = parts.choose()
if part == "taulukko":
    st.markdown(f"## {t('comparison.table_heading', lang)}\n\n{t('comparison.table_intro', lang)}")
    not_national = comparison.regional_only_note(group, lang)
    if not_national:
        st.caption(f":material/info: {not_national}")
    theme = st.radio(t("comparison.theme", lang), opts.themes, key=theme_key, bind="query-params", horizontal=True,
                     format_func=theme_text, help=t("comparison.theme_help", lang), persist_state="page")  # fmt: skip
    view = comparison.heatmap_view(codes, lang, group, theme)
    view_block(view, "kuntavertailu_taulukko", lang)
    # Drawn only while open: a closed expander's table was a quarter of the page switch in the browser.
    as_table = st.expander(t("comparison.as_table", lang), key=state.key("taulukkona"), on_change="rerun")
    if as_table.open:
        as_table.dataframe(comparison.table_view(codes, lang, group, theme), hide_index=True)
    if group.national:
        st.header(t("comparison.ranking_heading", lang))
        block_view(peers.ranking_view(indicator, period, comparison.in_focus_order(codes), group, lang),
                   "kuntavertailu_vertailuryhma", lang)  # fmt: skip
elif part == "kartta":
    st.header(t("comparison.map_heading", lang))
    view = comparison_map.map_view(indicator, period, codes, lang, scope)
    if view is None:
        st.info(t("comparison.map_no_data", lang, period=fmt_period(period, lang)))
    else:
        view_block(view, "kuntavertailu_kartta", lang)
else:
    st.header(t("comparison.multiples_heading", lang))
    block = comparison_multiples.multiples_view(indicator, codes, smooth, lang)
    if block.notes:
        st.caption("\n\n".join(block.notes))
    if block.view is not None:
        view_block(block.view, "kuntavertailu_pienet", lang)  # with any dated notes on the series
