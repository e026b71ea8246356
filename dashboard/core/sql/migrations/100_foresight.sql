-- Foresight (Ennakointi): scenarios the coordinator names and saves. Only the assumptions are stored;
-- the figures are recomputed from the current warehouse when a scenario is opened.
CREATE TABLE foresight_scenario (
    scenario_id    VARCHAR PRIMARY KEY,      -- short random id, used in links (?skenaario=<id>)
    name           VARCHAR NOT NULL UNIQUE,
    description    VARCHAR,
    net_migration  DOUBLE NOT NULL,          -- extra net migrants a year, all focus municipalities together
    profile        VARCHAR NOT NULL,         -- age profile of that migration (dashboard.foresight_model.PROFILES)
    fertility      DOUBLE NOT NULL,          -- % of the official projection's implied level
    mortality      DOUBLE NOT NULL,          -- extra annual improvement of death rates, % a year
    projection     VARCHAR NOT NULL,         -- official projection it was saved against, e.g. '2019'
    data_version   VARCHAR NOT NULL,         -- warehouse file it was saved against
    created_at     TIMESTAMP NOT NULL,
    created_by     VARCHAR NOT NULL
);
