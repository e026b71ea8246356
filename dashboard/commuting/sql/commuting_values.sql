-- Several indicators for a list of areas, every period (the commuting page's series and stocks).
SELECT f.indicator_id, f.area_code, f.period, f.value, f.status, f.is_derived, f.source_table, f.vintage
FROM fact_indicator f
WHERE list_contains($indicator_ids, f.indicator_id) AND list_contains($area_codes, f.area_code)
ORDER BY f.indicator_id, f.area_code, f.period
