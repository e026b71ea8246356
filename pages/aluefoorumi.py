"""Aluefoorumi: presentation mode — one slide at a time, large type, keyboard navigation, permalinks."""

import streamlit as st

from dashboard.core import links
from dashboard.core.i18n import t
from dashboard.forum import decks
from dashboard.forum import presentation as forum
from dashboard.ui.components import current_language, deck_downloads

lang = current_language()
top = st.columns([2, 1])
deck_unknown = links.rejected("esitys", decks.deck_names())  # a stale or mistyped link: say which deck is shown
deck_name = top[0].selectbox(t("forum.deck", lang), decks.deck_names(), key="esitys", bind="query-params")
high_contrast = top[1].toggle(t("forum.high_contrast", lang), key="kontrasti", bind="query-params")
deck = decks.load_deck(deck_name, lang)
if deck_unknown:
    st.warning(t("security.link_deck_unknown", lang, deck=deck_name))
st.markdown(forum.presentation_css(high_contrast), unsafe_allow_html=True)


def step(delta: int) -> None:
    """Arrow keys and buttons: callbacks run before the widgets, so they may set the slide number."""
    st.session_state["dia"] = max(1, min(len(deck.slides), st.session_state.get("dia", 1) + delta))


if links.rejected_number("dia", 1, len(deck.slides)):
    st.warning(t("security.link_slide_unknown", lang, total=len(deck.slides)))
previous, position, following = st.columns([1, 2, 1])
number = position.number_input(t("forum.slide", lang), min_value=1, max_value=len(deck.slides), key="dia",
                               bind=links.number_binding("dia"), label_visibility="collapsed")  # fmt: skip
slide = forum.slide_view(deck, int(number), lang)
previous.button(t("forum.previous", lang), on_click=step, args=(-1,), shortcut="left", disabled=slide.number == 1,
                width="stretch")  # fmt: skip
following.button(t("forum.next", lang), on_click=step, args=(1,), shortcut="right", type="primary",
                 disabled=slide.number == slide.total, width="stretch")  # fmt: skip

st.markdown(f"<p class='slide-progress' aria-live='polite'>{slide.number} / {slide.total}</p>",
            unsafe_allow_html=True)  # fmt: skip
st.header(slide.title)
if slide.view is None:
    st.info(t("forum.chart_unavailable", lang, chart=slide.chart_id))
else:
    st.plotly_chart(forum.projector_figure(slide, deck, high_contrast), key="slide_chart",
                    config={"displaylogo": False})  # fmt: skip
    st.caption(slide.view.caption)
    st.markdown(f"<p class='sr-only' role='note'>{forum.escape(slide.view.alt_text)}</p>", unsafe_allow_html=True)
    with st.expander(t("common.text_alternative", lang)):  # the same sentence, for those who see the screen
        st.write(slide.view.alt_text)
if slide.commentary:
    st.markdown(f"<p class='slide-commentary'>{forum.escape(slide.commentary)}</p>", unsafe_allow_html=True)

deck_downloads(deck, lang)
