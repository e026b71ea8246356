"""Diat ja merkinnät (editors): compose and save decks; add and remove dated notes on indicators."""

import streamlit as st

from dashboard.core import auth, queries
from dashboard.core.i18n import LANGUAGE_NAMES, LANGUAGES, t
from dashboard.core.links import PageState
from dashboard.forum import annotations, decks, meetings_form, slide_messages
from dashboard.forum import presentation as forum
from dashboard.ui import selectors
from dashboard.ui.components import current_language, plain, store_notice

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

st.header(t("forum.messages", lang))
st.caption(t("forum.messages_help", lang))
left, right = st.columns([3, 1])
number = left.selectbox(t("forum.slide", lang), range(1, len(deck.slides) + 1), key=state.key(f"viesti_{name}"),
                        format_func=lambda n: f"{n}. {deck.slides[n - 1].title or deck.slides[n - 1].chart_id}")  # fmt: skip
message_lang = right.selectbox(t("forum.message_language", lang), LANGUAGES, index=LANGUAGES.index(lang),
                               format_func=LANGUAGE_NAMES.get, key=state.key("viesti_kieli"))  # fmt: skip
message = forum.slide_view(deck, number, message_lang).message
store_notice(lang, editor=True)
if message is None:
    st.info(t("forum.chart_unavailable", lang, chart=plain(deck.slides[number - 1].chart_id)))
else:
    if message.changed:
        st.warning(t("forum.message_changed", lang, text=plain(message.computed)))
    else:
        st.caption(t("forum.message_computed", lang, text=plain(message.computed)))
    if message.edited:
        st.caption(
            t("forum.message_edited_by", lang, who=plain(message.edited_by), text=plain(message.computed_at_edit))
        )
    text_key = state.key(f"viesti_{name}_{number}_{message_lang}")
    text = st.text_area(t("forum.message_text", lang), value=message.text, max_chars=slide_messages.MAX_TEXT,
                        key=text_key)  # fmt: skip
    save_column, reset_column = st.columns(2)
    if save_column.button(t("forum.message_save", lang), type="primary", key=state.key("viesti_tallenna")):
        try:
            slide_messages.save(deck, number, message_lang, text, message.computed, user.name)
            st.success(t("forum.message_saved", lang))
        except slide_messages.MessageError as exc:
            st.error(t("forum.message_not_saved", lang, reason=plain(exc)))
    if message.edited and reset_column.button(t("forum.message_reset", lang), key=state.key("viesti_palauta")):
        slide_messages.reset(deck, number, message_lang, user.name)
        st.session_state.pop(text_key, None)
        st.rerun()

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
