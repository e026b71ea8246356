-- The municipalities of Finland with fewer than $threshold residents by the newest population figure:
-- the newest year in which municipalities have a population value (the same year for all of them).
WITH newest AS (
    SELECT max(f.period) AS period
    FROM fact_indicator f JOIN dim_area a USING (area_code)
    WHERE f.indicator_id = 'population' AND a.level = 'municipality' AND f.value IS NOT NULL
)
SELECT f.area_code, f.value AS population, f.period
FROM fact_indicator f
JOIN dim_area a USING (area_code)
JOIN newest n ON f.period = n.period
WHERE f.indicator_id = 'population' AND a.level = 'municipality' AND f.value < $threshold
ORDER BY a.sort_order, f.area_code
