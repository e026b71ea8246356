"""Aluefoorumi: presentation mode — one slide at a time, large type, keyboard navigation, permalinks
(?aluefoorumi.esitys=<deck>&aluefoorumi.dia=<n>&aluefoorumi.kontrasti=true; ?esitys=…&dia=… still open)."""

import streamlit as st

from dashboard.changes import deck as changes_deck
from dashboard.core import clock
from dashboard.core.i18n import t
from dashboard.forum import decks
from dashboard.forum import presentation as forum
from dashboard.forum.session import Presentation
from dashboard.ui.chart_element import plotly_chart
from dashboard.ui.components import current_language, deck_downloads, plain

lang = current_language()
names = decks.deck_names()
here = Presentation(lang, names)
top = st.columns([2, 1, 1])
deck_name = top[0].selectbox(t("forum.deck", lang), names, key=here.deck_key, bind="query-params")
high_contrast = top[1].toggle(t("forum.high_contrast", lang), key=here.contrast_key, bind="query-params")
sidebar = top[2].toggle(t("forum.show_sidebar", lang), key=here.sidebar_key, bind="query-params")
deck = decks.load_deck(deck_name, lang)
intro = changes_deck.intro_slides(deck, clock.today(), lang)  # the built-in deck opens with what changed
total = len(deck.slides) + len(intro)
slide_key, slide_binding = here.slides(total)
for warning in here.warnings(deck_name, total):
    st.warning(warning)
st.markdown(forum.presentation_css(high_contrast, sidebar), unsafe_allow_html=True)

previous, position, following = st.columns([1, 2, 1])
number = position.number_input(t("forum.slide", lang), min_value=1, max_value=total, key=slide_key,
                               bind=slide_binding, label_visibility="collapsed")  # fmt: skip
slide, lines = changes_deck.slide_view(deck, intro, int(number), lang)
previous.button(t("forum.previous", lang), on_click=here.step, args=(-1, total), shortcut="left",
                disabled=slide.number == 1, width="stretch", key=here.state.key("edellinen"))  # fmt: skip
following.button(t("forum.next", lang), on_click=here.step, args=(1, total), shortcut="right", type="primary",
                 disabled=slide.number == slide.total, width="stretch", key=here.state.key("seuraava"))  # fmt: skip

st.markdown(forum.progress_html(slide), unsafe_allow_html=True)
st.header(plain(slide.title))
if slide.message is not None:
    st.markdown(forum.message_html(slide), unsafe_allow_html=True)
if lines:
    st.markdown(changes_deck.lines_markdown(lines))
elif slide.view is None:
    st.info(t("forum.chart_unavailable", lang, chart=plain(slide.chart_id)))
else:
    plotly_chart(forum.projector_figure(slide, deck, high_contrast, lang), here.state.key("kuva"), lang)
    st.caption(slide.view.caption)
    st.markdown(forum.alt_html(slide), unsafe_allow_html=True)
    with st.expander(t("common.text_alternative", lang)):  # the same sentence, for those who see the screen
        st.markdown(plain(slide.view.alt_text))
if slide.commentary:
    st.markdown(forum.commentary_html(slide), unsafe_allow_html=True)

deck_downloads(deck, lang)
