-- One official projection by single-year age (100 = 100 and over) for the given areas, every year.
SELECT p.area_code, p.year, p.age, p.population, p.is_derived, p.source_table,
       (SELECT max(m.vintage) FROM meta_source m WHERE m.source_table = p.source_table) AS vintage
FROM fact_projection_age p
WHERE p.projection = $projection AND list_contains($area_codes, p.area_code)
ORDER BY p.area_code, p.year, p.age
