-- Warehouse schema: the contract between etl/ (writer) and dashboard/ (reader).
-- Codes follow PxWeb: KU729 municipality, SK138 sub-region, MK13 region, SSS whole country.

-- Areas: all municipalities, sub-regions and regions of the current (2026) division, plus SSS.
CREATE TABLE dim_area (
    area_code      VARCHAR PRIMARY KEY,
    name_fi        VARCHAR NOT NULL,
    name_sv        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    level          VARCHAR NOT NULL CHECK (level IN ('municipality', 'subregion', 'region', 'country')),
    parent_code    VARCHAR,            -- municipality → sub-region → region → SSS
    is_focus       BOOLEAN NOT NULL,   -- one of region.toml's focus municipalities
    sort_order     INTEGER NOT NULL    -- focus municipalities first (alphabetical), then comparisons
);

-- Employment areas (työllisyysalueet, 2026 classification): which one each municipality belongs to.
-- A table of its own rather than columns on dim_area, so dim_area's column list stays as it was.
CREATE TABLE dim_employment_area (
    area_code             VARCHAR PRIMARY KEY REFERENCES dim_area (area_code),  -- a municipality
    employment_area_code  VARCHAR NOT NULL,   -- e.g. '27'
    name_fi               VARCHAR NOT NULL,   -- e.g. 'Pohjoinen Keski-Suomi'
    name_sv               VARCHAR NOT NULL,
    name_en               VARCHAR NOT NULL,
    source_table          VARCHAR NOT NULL,
    vintage               VARCHAR NOT NULL
);

-- The indicator catalogue (etl/catalog.toml), one row per indicator id.
CREATE TABLE dim_indicator (
    indicator_id     VARCHAR PRIMARY KEY,
    label_fi         VARCHAR NOT NULL,
    label_sv         VARCHAR NOT NULL,
    label_en         VARCHAR NOT NULL,
    unit             VARCHAR NOT NULL,   -- unit code, localised by the dashboard: persons, percent, ratio
    decimals         INTEGER NOT NULL,
    frequency        VARCHAR NOT NULL CHECK (frequency IN ('year', 'month')),
    description_fi   VARCHAR NOT NULL,
    description_sv   VARCHAR NOT NULL,
    description_en   VARCHAR NOT NULL,
    source_table     VARCHAR NOT NULL,
    source_name      VARCHAR NOT NULL,   -- statistic, e.g. "Väestörakenne"
    publisher        VARCHAR NOT NULL,
    licence          VARCHAR NOT NULL,
    higher_is_better BOOLEAN,            -- NULL = neither (e.g. population)
    spearhead        VARCHAR,            -- ennakointi | yrittajyys | edellakavijyys | NULL
    additive         BOOLEAN NOT NULL,   -- counts that sum to sub-region / region totals
    derivation       VARCHAR,            -- how a derived indicator is computed; NULL when published
    release_rhythm   VARCHAR,            -- yearly | monthly: how often its source table is released
                                         -- (per table: meta_release; per loaded file: meta_source_release)
    source_name_sv   VARCHAR,            -- the statistic in Swedish and English (the catalogue requires
    source_name_en   VARCHAR,            -- them; nullable so older fixtures without them still load)
    signed           BOOLEAN             -- a count that can be negative (net flows): shown with its sign
);

-- Indicator values. period is 'YYYY' or 'YYYY-MM'. value NULL with a status ('..', '.') = not published.
CREATE TABLE fact_indicator (
    indicator_id  VARCHAR NOT NULL REFERENCES dim_indicator (indicator_id),
    area_code     VARCHAR NOT NULL REFERENCES dim_area (area_code),
    period        VARCHAR NOT NULL,
    value         DOUBLE,
    status        VARCHAR,
    is_derived    BOOLEAN NOT NULL,      -- computed by our code (sum of members, ratio), not published
    is_preliminary BOOLEAN NOT NULL DEFAULT FALSE,  -- preliminary figure (e.g. 11lj); a final one replaces it,
                                         -- and a sum or ratio with any preliminary input is preliminary
    source_table  VARCHAR NOT NULL,
    vintage       VARCHAR NOT NULL,      -- data release / fetch date of the source, e.g. '2019-10'
    PRIMARY KEY (indicator_id, area_code, period)
);

-- Population by age group (annual). age_group codes: '0-17', '18-24', ..., '75-'.
CREATE TABLE fact_population_age (
    area_code     VARCHAR NOT NULL REFERENCES dim_area (area_code),
    year          INTEGER NOT NULL,
    age_group     VARCHAR NOT NULL,
    population    DOUBLE,
    is_derived    BOOLEAN NOT NULL,
    source_table  VARCHAR NOT NULL,
    vintage       VARCHAR NOT NULL,
    PRIMARY KEY (area_code, year, age_group)
);

-- Official population projections by single-year age (age 100 = 100 and over), both sexes.
CREATE TABLE fact_projection_age (
    projection    VARCHAR NOT NULL,      -- projection vintage, e.g. '2019' (table 128v), '2024' (14wx)
    area_code     VARCHAR NOT NULL REFERENCES dim_area (area_code),
    year          INTEGER NOT NULL,
    age           INTEGER NOT NULL,
    population    DOUBLE,
    is_derived    BOOLEAN NOT NULL,
    source_table  VARCHAR NOT NULL,
    PRIMARY KEY (projection, area_code, year, age)
);

-- Jobs (workplaces) by industry, TOL 2008 letter (A..X).
CREATE TABLE fact_jobs_industry (
    area_code      VARCHAR NOT NULL REFERENCES dim_area (area_code),
    year           INTEGER NOT NULL,
    industry_code  VARCHAR NOT NULL,
    industry_fi    VARCHAR,
    industry_sv    VARCHAR,            -- etl/tol2008.toml [industry_sv]
    industry_en    VARCHAR NOT NULL,
    jobs           DOUBLE,
    is_derived     BOOLEAN NOT NULL,
    source_table   VARCHAR NOT NULL,
    vintage        VARCHAR NOT NULL,
    PRIMARY KEY (area_code, year, industry_code)
);

-- Commuting flows between two areas (only filled by a live fetch of 115n/115p with
-- area of residence × area of workplace; the bundled snapshot has in/out totals only).
CREATE TABLE fact_commuting_flow (
    home_area_code  VARCHAR NOT NULL,
    work_area_code  VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    persons         DOUBLE,
    source_table    VARCHAR NOT NULL,
    vintage         VARCHAR NOT NULL,
    PRIMARY KEY (home_area_code, work_area_code, year)
);

-- One row per input source the build read: what it is, how fresh, where from.
CREATE TABLE meta_source (
    source_id      VARCHAR PRIMARY KEY,
    origin         VARCHAR NOT NULL CHECK (origin IN ('snapshot', 'live')),
    publisher      VARCHAR NOT NULL,
    statistic_fi   VARCHAR NOT NULL,
    statistic_en   VARCHAR NOT NULL,
    statistic_sv   VARCHAR NOT NULL,
    source_table   VARCHAR NOT NULL,
    licence        VARCHAR NOT NULL,
    attribution    VARCHAR NOT NULL,
    vintage        VARCHAR NOT NULL,
    coverage       VARCHAR NOT NULL,     -- e.g. '1972–2018'
    via            VARCHAR,              -- intermediary (repository) for snapshot files
    file           VARCHAR,
    sha256         VARCHAR,
    rows_loaded    BIGINT NOT NULL
);

-- Release rhythm of each source table (etl/catalog.toml [release.*]), for freshness and "overdue".
-- Yearly tables: period YYYY is due in month release_month (day release_day) of YYYY + release_year_offset.
-- Monthly tables: period YYYY-MM is due release_lag_days after the end of that month.
CREATE TABLE meta_release (
    source_table         VARCHAR PRIMARY KEY,   -- '11re', '12r5', …
    statistic_fi         VARCHAR NOT NULL,
    release_rhythm       VARCHAR NOT NULL CHECK (release_rhythm IN ('yearly', 'monthly')),
    release_month        INTEGER,               -- yearly: 1..12
    release_day          INTEGER,               -- yearly: day of that month (typical, not a promise)
    release_year_offset  INTEGER,               -- yearly: 1 = the year after the period
    release_lag_days     INTEGER,               -- monthly: days after the end of the month
    preliminary          BOOLEAN NOT NULL,      -- the table publishes preliminary figures
    rule_fi              VARCHAR NOT NULL,      -- the rule in words, e.g. 'vuosittain huhtikuussa'
    rule_sv              VARCHAR NOT NULL,
    rule_en              VARCHAR NOT NULL
);

-- Freshness of every loaded statistics file or live table: newest period loaded, the publisher's update
-- date, and when the next period is due by meta_release's rule. The read side compares next_release_due
-- with today to say "overdue" (the build never reads a clock for this, so two builds of the same
-- inputs agree).
CREATE TABLE meta_source_release (
    source_id          VARCHAR PRIMARY KEY,    -- meta_source.source_id
    source_table       VARCHAR NOT NULL,
    newest_period      VARCHAR NOT NULL,       -- 'YYYY' or 'YYYY-MM', the newest period with a value
    oldest_period      VARCHAR NOT NULL,
    publisher_updated  DATE,                   -- table update date (json `updated`, PROVENANCE); NULL = unknown
    is_preliminary     BOOLEAN NOT NULL,
    release_rhythm     VARCHAR,                -- NULL when meta_release has no rule for the table
    next_period        VARCHAR,                -- the period after newest_period
    next_release_due   DATE                    -- when next_period is due by the rule; NULL without a rule
);

-- Region configuration the warehouse was built for (region.toml), as key/value.
CREATE TABLE meta_region (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);

-- Build history. Carried over from the previous warehouse on every build.
CREATE TABLE meta_load_run (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    status       VARCHAR NOT NULL,       -- ok | failed
    rows         BIGINT,
    message      VARCHAR
);

-- Boundaries (generalised 1:4.5M, WGS84) and label points, for maps. geometry = a GeoJSON geometry object.
CREATE TABLE geo_area (
    area_code     VARCHAR PRIMARY KEY REFERENCES dim_area (area_code),
    geometry      VARCHAR NOT NULL,
    label_lon     DOUBLE,
    label_lat     DOUBLE,
    source_table  VARCHAR NOT NULL,
    vintage       VARCHAR NOT NULL
);

-- ===== EU funding and projects (issue 4; etl/sources/eu_funds.py, eu_facts.py) =====================
-- Official registers (EURA 2007/2014 lists, EURA 2021 exports, Kohesio CSV) and the hand-compiled list
-- of projects from public web pages. Amounts exactly as published; empty = not stated (then
-- funding_as_stated carries the page's own words). What the coordinator adds lives in the app's store.
CREATE TABLE fact_eu_project (
    project_id             VARCHAR PRIMARY KEY,  -- register code, 'kohesio:Q…', or 'web-NN' (web-page list)
    project_code           VARCHAR,              -- code as published; NULL when the source shows none
    register               VARCHAR NOT NULL,     -- eura2007 | eura2014 | eura2021 | kohesio | curated_web
    source_id              VARCHAR NOT NULL,     -- meta_source.source_id, or 'upload:<sha256 prefix>'
    source_line            INTEGER,              -- line in the source file (header = 1)
    programme_period       VARCHAR,              -- 'YYYY-YYYY' when stated
    period_as_stated       VARCHAR,
    fund                   VARCHAR,              -- as stated
    fund_group             VARCHAR NOT NULL,     -- ERDF | ESF | JTF | EAFRD | national | municipal | unknown
    name                   VARCHAR NOT NULL,
    programme_section      VARCHAR,
    priority_axis          VARCHAR,
    authority              VARCHAR,
    status                 VARCHAR,
    start_date             DATE,
    end_date               DATE,
    start_year             INTEGER,              -- from start_date, or a page that gives only a year
    end_year               INTEGER,
    dates_as_stated        VARCHAR,
    implementer            VARCHAR,
    business_id            VARCHAR,
    partners               VARCHAR,
    granted_eu_state       DOUBLE,               -- "Myönnetty EU- ja valtion rahoitus" (EU + state), EUR
    realised_eu_state      DOUBLE,               -- "Toteutunut EU- ja valtion rahoitus", EUR, at download time
    planned_public_total   DOUBLE,
    realised_public_total  DOUBLE,
    total_budget           DOUBLE,               -- total (eligible) cost where the source gives it
    eu_contribution        DOUBLE,               -- EU money only (Kohesio, some web pages)
    municipal_funding      DOUBLE,
    funding_as_stated      VARCHAR,              -- verbatim text where no exact figure is given
    summary                VARCHAR,
    location_as_stated     VARCHAR,
    region_authority       BOOLEAN,              -- decided by an authority of the configured region
    in_region              BOOLEAN NOT NULL,     -- the region's project by authority, NUTS3 or attribution
    match_hint             VARCHAR,              -- e.g. an organisation name hinting at the area
    source_url             VARCHAR,
    source_url_2           VARCHAR,
    page_date_shown        VARCHAR,
    notes                  VARCHAR
);

-- Which areas a register project is attributed to, and on what basis (registers have no location):
-- implementer_name / project_name / implementer_org_witas (shipped lists' match), *_rule (name rule),
-- register_location, kohesio_lau, web_page (…). partial = the page says only part of it is here.
CREATE TABLE fact_eu_project_area (
    project_id  VARCHAR NOT NULL REFERENCES fact_eu_project (project_id),
    area_code   VARCHAR NOT NULL REFERENCES dim_area (area_code),
    basis       VARCHAR NOT NULL,
    partial     BOOLEAN NOT NULL,
    PRIMARY KEY (project_id, area_code)
);

-- Stated facts: allocations, special position, Leader frames. value only for a single stated number.
CREATE TABLE fact_eu_fact (
    fact_id          VARCHAR PRIMARY KEY,
    topic            VARCHAR NOT NULL,
    area             VARCHAR,
    area_codes       VARCHAR,              -- as written in the source file, e.g. 'MK13', 'MK13 minus SK138'
    period           VARCHAR,
    fund             VARCHAR,
    value            DOUBLE,
    value_text       VARCHAR,              -- the value column as written ('79.5', '1.9 / 0.3')
    unit             VARCHAR,
    value_as_stated  VARCHAR NOT NULL,     -- the page's own sentence
    basis            VARCHAR,              -- EU funding | EU + state | not stated …
    source_url       VARCHAR NOT NULL,
    page_date_shown  VARCHAR,
    notes            VARCHAR,
    source_id        VARCHAR NOT NULL
);

-- Regional aid area (tukialue) of each municipality per period.
CREATE TABLE fact_aid_area (
    area_code        VARCHAR NOT NULL REFERENCES dim_area (area_code),
    period           VARCHAR NOT NULL,
    tukialue         VARCHAR NOT NULL,
    basis_as_stated  VARCHAR NOT NULL,
    source_url       VARCHAR NOT NULL,
    page_date_shown  VARCHAR,
    PRIMARY KEY (area_code, period)
);

-- Maximum investment-aid intensity by aid area and company size; NULL = no aid allowed.
CREATE TABLE fact_aid_intensity (
    period        VARCHAR NOT NULL,
    tukialue      VARCHAR NOT NULL,
    company_size  VARCHAR NOT NULL,
    max_aid_pct   DOUBLE,
    source_url    VARCHAR NOT NULL,
    notes         VARCHAR,
    PRIMARY KEY (period, tukialue, company_size)
);

-- Uploaded register files the build loaded (data/raw/eu_funds/manifest.jsonl), in import order.
CREATE TABLE meta_eu_import (
    import_no      INTEGER PRIMARY KEY,
    sha256         VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    file           VARCHAR NOT NULL,
    original_name  VARCHAR,
    rows           BIGINT,
    rows_loaded    BIGINT NOT NULL,
    archived_at    TIMESTAMP
);
