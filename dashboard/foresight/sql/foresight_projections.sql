-- Official projections in the warehouse that cover the focus municipalities (e.g. '2019' = table 128v,
-- '2024' = 14wx), with their years. A projection with rows only for other areas (the bundled 128v covers
-- Keski-Suomi) is not one of this region's: the page then says there is none.
SELECT p.projection, min(p.year) AS first_year, max(p.year) AS last_year,
       string_agg(DISTINCT p.source_table, ',') AS source_table,
       (SELECT max(m.vintage) FROM meta_source m WHERE m.source_table = any_value(p.source_table)) AS vintage
FROM fact_projection_age p
WHERE list_contains($focus_codes, p.area_code)
GROUP BY p.projection
ORDER BY p.projection
