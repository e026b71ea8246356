-- Slide decks composed by the coordinator (issue 6). A slide = one chart id with its selections.
CREATE TABLE deck (
    name        VARCHAR PRIMARY KEY,
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE TABLE deck_slide (
    deck_name    VARCHAR NOT NULL REFERENCES deck (name),
    position     INTEGER NOT NULL,
    chart_id     VARCHAR NOT NULL,
    params_json  VARCHAR NOT NULL,   -- the chart's selections, e.g. {"kunta": "KU729"}
    title        VARCHAR NOT NULL,
    commentary   VARCHAR NOT NULL,
    PRIMARY KEY (deck_name, position)
);
