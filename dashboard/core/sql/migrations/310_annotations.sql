-- Dated notes on an indicator and area ("tehtaan lakkautus", "hanke alkoi"), drawn on time series (issue 6).
CREATE SEQUENCE annotation_seq;
CREATE TABLE annotation (
    id            BIGINT PRIMARY KEY DEFAULT nextval('annotation_seq'),
    indicator_id  VARCHAR NOT NULL,
    area_code     VARCHAR NOT NULL,
    event_date    DATE NOT NULL,
    text          VARCHAR NOT NULL,
    created_by    VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
