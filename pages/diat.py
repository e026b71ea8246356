"""Diat ja merkinnät (editors): compose and save decks; add and remove dated notes on indicators."""

import streamlit as st

from dashboard.core import auth, queries
from dashboard.core.i18n import t
from dashboard.core.links import PageState
from dashboard.forum import annotations, decks, meetings_form
from dashboard.forum import presentation as forum
from dashboard.ui import selectors
from dashboard.ui.components import current_language, plain

lang = current_language()
user = auth.require_editor(lang)  # before anything is read or written
st.title(t("forum.editor_title", lang))
state = PageState("diat", lang)
names = decks.deck_names()
deck_key = state.choice("muokattava", names)
selectors.notices(state)  # quotes the link's value: shown as text

st.header(t("forum.decks", lang))
name = st.selectbox(t("forum.deck", lang), names, key=deck_key)
new_name = st.text_input(t("forum.save_as", lang), value=name, max_chars=80)
choices = forum.chart_choices(lang)
deck = decks.load_deck(name, lang)
missing = forum.unavailable_titles(deck, set(choices))
if missing:
    st.info(t("forum.slides_skipped", lang, titles=plain(", ".join(missing))))
rows = st.data_editor(
    forum.slides_table(deck, set(choices)), num_rows="dynamic", key=state.key(f"diat_{name}"),
    column_config={
        "chart": st.column_config.SelectboxColumn(t("forum.chart", lang), options=list(choices), required=True),
        "title": st.column_config.TextColumn(t("forum.title", lang), max_chars=200),
        "commentary": st.column_config.TextColumn(t("forum.commentary", lang), max_chars=decks.MAX_TEXT),
        "params": st.column_config.TextColumn(t("forum.params", lang), help=t("forum.params_help", lang)),
    },
)  # fmt: skip
st.caption(" · ".join(f"{cid} = {title}" for cid, title in choices.items()))
if st.button(t("forum.save", lang), type="primary", key=state.key("tallenna")):
    try:
        decks.save_deck(forum.deck_from_table(new_name, rows), user.name, set(choices))
        st.success(t("forum.saved", lang, name=plain(new_name.strip())))
    except decks.DeckError as exc:
        st.error(t("forum.not_saved", lang, reason=plain(exc)))

st.header(t("forum.notes", lang))
indicators = queries.indicators()
areas = queries.area_names(lang)
with st.form(state.key("merkinta"), clear_on_submit=True):
    left, middle, right = st.columns(3)
    indicator = left.selectbox(t("forum.indicator", lang), list(indicators.index),
                               format_func=lambda i: indicators.loc[i, f"label_{lang}"])  # fmt: skip
    area = middle.selectbox(t("forum.area", lang), list(areas), format_func=areas.get)
    when = right.date_input(t("forum.date", lang), format="DD.MM.YYYY")
    text = st.text_input(t("forum.note_text", lang), max_chars=annotations.MAX_TEXT)
    if st.form_submit_button(t("forum.add_note", lang)):
        try:
            annotations.add(indicator, area, when, text, user.name)
            st.success(t("forum.note_added", lang))
        except annotations.AnnotationError as exc:
            st.error(str(exc))
notes = annotations.all_annotations()
st.dataframe(notes, hide_index=True)
if not notes.empty:
    remove = st.selectbox(t("forum.remove_note", lang), [None, *notes["id"].tolist()], key=state.key("poistettava"),
                          format_func=lambda i: "–" if i is None else forum.note_label(notes, i))  # fmt: skip
    if remove is not None and st.button(t("forum.remove", lang), key=state.key("poista")):
        annotations.delete(int(remove), user.name)
        st.rerun()

meetings_form.section(user, state, lang)  # forum meetings: the default baseline of "Mitä on muuttunut"
