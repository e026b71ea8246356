-- What the tidy tables hold: first and last year (the projection: its vintages), rows, source tables, and which
-- of the requested areas have rows.
SELECT 'population_age' AS part, min(year)::VARCHAR AS first, max(year)::VARCHAR AS last, count(*) AS rows,
       string_agg(DISTINCT source_table, ', ' ORDER BY source_table) AS tables,
       coalesce(list(DISTINCT area_code ORDER BY area_code) FILTER (WHERE list_contains($area_codes, area_code)), []) AS areas
FROM fact_population_age
UNION ALL
SELECT 'projection_age', min(projection), max(projection), count(*),
       string_agg(DISTINCT source_table, ', ' ORDER BY source_table),
       coalesce(list(DISTINCT area_code ORDER BY area_code) FILTER (WHERE list_contains($area_codes, area_code)), [])
FROM fact_projection_age
UNION ALL
SELECT 'jobs_industry', min(year)::VARCHAR, max(year)::VARCHAR, count(*),
       string_agg(DISTINCT source_table, ', ' ORDER BY source_table),
       coalesce(list(DISTINCT area_code ORDER BY area_code) FILTER (WHERE list_contains($area_codes, area_code)), [])
FROM fact_jobs_industry
UNION ALL
SELECT 'commuting_flow', min(year)::VARCHAR, max(year)::VARCHAR, count(*),
       string_agg(DISTINCT source_table, ', ' ORDER BY source_table),
       coalesce(list(DISTINCT home_area_code ORDER BY home_area_code)
                FILTER (WHERE list_contains($area_codes, home_area_code)), [])
FROM fact_commuting_flow
