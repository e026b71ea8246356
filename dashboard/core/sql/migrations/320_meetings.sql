-- Regional forum meetings (issue 16): when the forum met, what it was shown and where its minutes are.
-- The newest meeting on or before today is the default baseline of "Mitä on muuttunut".
CREATE SEQUENCE forum_meeting_seq;
CREATE TABLE forum_meeting (
    id            BIGINT PRIMARY KEY DEFAULT nextval('forum_meeting_seq'),
    meeting_date  DATE NOT NULL,
    title         VARCHAR NOT NULL,
    deck_name     VARCHAR,               -- the deck shown (decks.deck_names()); NULL = not recorded
    minutes_url   VARCHAR,               -- http(s) link to the minutes; validated, shown as text/link
    updated_by    VARCHAR NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
