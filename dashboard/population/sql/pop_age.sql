-- Population by age group (fact_population_age) for a list of areas, every year.
SELECT area_code, year, age_group, population, is_derived, source_table, vintage
FROM fact_population_age
WHERE list_contains($area_codes, area_code)
ORDER BY area_code, year, age_group
