-- Projects and funding (issue 4): what the coordinator adds to the official registers. The registers
-- themselves are warehouse sources (fact_eu_project); nothing here is touched by a rebuild. Every write
-- goes through state.write (audit_log: who, when, before, after).

-- Projects missing from the registers (Leader, national, municipal…), typed in or imported from the CSV
-- template. Amounts only as stated by the coordinator; empty stays empty.
CREATE TABLE proj_project (
    project_id          VARCHAR PRIMARY KEY,   -- the project code the coordinator gave
    name                VARCHAR NOT NULL,
    fund                VARCHAR,               -- as stated
    fund_group          VARCHAR NOT NULL,      -- ERDF | ESF | JTF | EAFRD | national | municipal | unknown
    programme_period    VARCHAR,
    implementer         VARCHAR,
    municipality_codes  VARCHAR,               -- 'KU729;KU931'
    start_date          DATE,
    end_date            DATE,
    status              VARCHAR,
    granted_eur         DOUBLE,
    realised_eur        DOUBLE,
    funding_as_stated   VARCHAR,
    summary             VARCHAR,
    source_url          VARCHAR,
    notes               VARCHAR,
    origin              VARCHAR NOT NULL,      -- 'form' or 'template:<sha256 prefix>'
    updated_by          VARCHAR NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);

-- The coordinator's municipality assignment of a register project (registers have no location), or
-- "not ours". Replaces the register's name match where present.
CREATE TABLE proj_assignment (
    project_id   VARCHAR PRIMARY KEY,          -- fact_eu_project.project_id
    area_codes   VARCHAR,                      -- 'KU729;KU931'; NULL when not_ours
    not_ours     BOOLEAN NOT NULL,
    note         VARCHAR,
    assigned_by  VARCHAR NOT NULL,
    assigned_at  TIMESTAMP NOT NULL
);

-- Spearhead tags (ennakointi | yrittajyys | edellakavijyys), notes and linked outcome indicators of any
-- project (register or coordinator's).
CREATE TABLE proj_spearhead (
    project_id  VARCHAR NOT NULL,
    spearhead   VARCHAR NOT NULL,
    PRIMARY KEY (project_id, spearhead)
);
CREATE TABLE proj_note (
    project_id  VARCHAR PRIMARY KEY,
    note        VARCHAR NOT NULL,
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE TABLE proj_indicator_link (
    project_id    VARCHAR NOT NULL,
    indicator_id  VARCHAR NOT NULL,            -- dim_indicator.indicator_id
    PRIMARY KEY (project_id, indicator_id)
);

-- Project KPIs: target and achieved value, with where the figure comes from.
CREATE SEQUENCE proj_kpi_seq;
CREATE TABLE proj_kpi (
    kpi_id          BIGINT PRIMARY KEY DEFAULT nextval('proj_kpi_seq'),
    project_id      VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,          -- e.g. 'Uudet työpaikat'
    unit            VARCHAR,                   -- e.g. 'työpaikkaa', 'yritystä', '€'
    target_value    DOUBLE,
    achieved_value  DOUBLE,
    as_of           VARCHAR,                   -- date or period the achieved value refers to
    source          VARCHAR,                   -- report, page or document
    updated_by      VARCHAR NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

-- Scorecard targets: a target value per catalogue indicator and area, set by an editor.
CREATE TABLE proj_indicator_target (
    indicator_id  VARCHAR NOT NULL,
    area_code     VARCHAR NOT NULL,
    target_value  DOUBLE NOT NULL,
    target_year   INTEGER,
    source        VARCHAR,                     -- strategy, decision or document the target comes from
    updated_by    VARCHAR NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (indicator_id, area_code)
);

-- Funding-position figures the coordinator enters, always with their source: allocations, committed and
-- paid amounts, targets. Shown beside (never instead of) the shipped facts.
CREATE SEQUENCE proj_allocation_seq;
CREATE TABLE proj_allocation (
    allocation_id     BIGINT PRIMARY KEY DEFAULT nextval('proj_allocation_seq'),
    programme_period  VARCHAR NOT NULL,        -- e.g. '2021-2027'
    fund              VARCHAR NOT NULL,        -- ERDF | ESF | JTF | EAFRD | all
    area_code         VARCHAR NOT NULL,        -- MK13, SK138, KU729 …
    measure           VARCHAR NOT NULL,        -- allocation | committed | paid | target_per_resident
    amount            DOUBLE NOT NULL,
    unit              VARCHAR NOT NULL,        -- EUR | EUR/resident/year
    basis             VARCHAR,                 -- EU | EU + state | not stated
    as_of             DATE,
    source_url        VARCHAR NOT NULL,
    source_text       VARCHAR,
    updated_by        VARCHAR NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

-- Template imports written into proj_project (the file itself is archived under data/raw/eu_funds/).
CREATE TABLE proj_import (
    sha256         VARCHAR NOT NULL,
    original_name  VARCHAR,
    rows           INTEGER NOT NULL,
    imported_by    VARCHAR NOT NULL,
    imported_at    TIMESTAMP NOT NULL
);
