-- Actual population by published age band (0-17, 18-24, …, 75-) for the given areas, every year.
SELECT b.area_code, b.year, b.age_group, b.population, b.is_derived, b.source_table, b.vintage
FROM fact_population_age b
WHERE list_contains($area_codes, b.area_code)
ORDER BY b.area_code, b.year, b.age_group
