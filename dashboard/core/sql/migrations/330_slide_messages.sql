-- Key messages of deck slides as edited by the coordinator (issue 16 point 3), per deck, slide and language.
-- computed_text is the sentence the data gave when the edit was saved: when today's computed sentence
-- differs, the editor and the deck editor page show both (the data has changed since the edit).
CREATE TABLE slide_message (
    deck_name      VARCHAR NOT NULL,
    slide_key      VARCHAR NOT NULL,   -- chart id + selections + occurrence (forum.slide_messages.slide_key)
    lang           VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    computed_text  VARCHAR NOT NULL,
    updated_by     VARCHAR NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (deck_name, slide_key, lang)
);
