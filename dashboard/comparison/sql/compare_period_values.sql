-- One indicator in one period for the requested areas (a peer group's ranking).
SELECT f.area_code, f.value, f.status, f.is_derived, f.source_table, f.vintage
FROM fact_indicator f
WHERE f.indicator_id = $indicator_id AND f.period = $period AND list_contains($area_codes, f.area_code)
ORDER BY f.area_code
