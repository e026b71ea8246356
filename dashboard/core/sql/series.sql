-- One indicator for a list of areas, every period; is_preliminary marks a figure a final one will replace.
SELECT f.indicator_id, f.area_code, f.period, f.value, f.status, f.is_derived, f.is_preliminary, f.source_table, f.vintage
FROM fact_indicator f
WHERE f.indicator_id = $indicator_id AND list_contains($area_codes, f.area_code)
ORDER BY f.area_code, f.period
