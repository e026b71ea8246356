-- Rows per series and year of a warehouse, for the shrink check (etl/shrink.py): every indicator of
-- fact_indicator, and the tidy tables as a whole. year is NULL for tables without one.
SELECT 'fact_indicator ' || indicator_id AS series, substr(period, 1, 4) AS year, count(*) AS rows
FROM fact_indicator GROUP BY ALL
UNION ALL SELECT 'fact_population_age', year::VARCHAR, count(*) FROM fact_population_age GROUP BY ALL
UNION ALL SELECT 'fact_projection_age', year::VARCHAR, count(*) FROM fact_projection_age GROUP BY ALL
UNION ALL SELECT 'fact_jobs_industry', year::VARCHAR, count(*) FROM fact_jobs_industry GROUP BY ALL
UNION ALL SELECT 'fact_commuting_flow', year::VARCHAR, count(*) FROM fact_commuting_flow GROUP BY ALL
UNION ALL SELECT 'fact_eu_project', NULL, count(*) FROM fact_eu_project
UNION ALL SELECT 'fact_eu_fact', NULL, count(*) FROM fact_eu_fact
UNION ALL SELECT 'geo_area', NULL, count(*) FROM geo_area
