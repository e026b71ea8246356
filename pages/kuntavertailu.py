"""Kuntavertailu (municipality comparison): every indicator's latest value with ranks and trend arrows, one
indicator on a map of the region, and the same indicator over time as small multiples."""

import streamlit as st

from dashboard.comparison import map as comparison_map
from dashboard.comparison import multiples as comparison_multiples
from dashboard.comparison import table as comparison
from dashboard.core.i18n import fmt_period, t
from dashboard.core.links import PageState
from dashboard.ui import selectors
from dashboard.ui.components import current_language, view_block

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
smooth = st.toggle(t("comparison.smooth", lang), key=state.flag("liukuva"), bind="query-params",
                   disabled=indicator not in opts.yearly, help=t("comparison.smooth_help", lang))  # fmt: skip
selectors.notices(state)

if not codes:
    st.info(t("comparison.pick_one", lang))
    st.stop()

st.markdown(f"## {t('comparison.table_heading', lang)}\n\n{t('comparison.table_intro', lang)}")
view = comparison.heatmap_view(codes, lang)
view_block(view, "kuntavertailu_taulukko", lang)
with st.expander(t("comparison.as_table", lang)):
    st.dataframe(comparison.table_view(codes, lang), hide_index=True)

st.header(t("comparison.map_heading", lang))
view = comparison_map.map_view(indicator, period, codes, lang)
if view is None:
    st.info(t("comparison.map_no_data", lang, period=fmt_period(period, lang)))
else:
    view_block(view, "kuntavertailu_kartta", lang)

st.header(t("comparison.multiples_heading", lang))
block = comparison_multiples.multiples_view(indicator, codes, smooth, lang)
if block.notes:
    st.caption("\n\n".join(block.notes))
if block.view is not None:
    view_block(block.view, "kuntavertailu_pienet", lang)  # with any dated notes on the series
