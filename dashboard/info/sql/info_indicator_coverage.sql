-- Per catalogue indicator: every period with a value (any area), and which of the requested areas (the focus
-- municipalities, sub-region, region and country) have any value: what "what the data lacks" is computed from.
SELECT i.indicator_id, i.label_fi, i.label_sv, i.label_en, i.frequency, i.source_table,
       coalesce(list(DISTINCT f.period ORDER BY f.period) FILTER (WHERE f.value IS NOT NULL), []) AS periods,
       coalesce(list(DISTINCT f.area_code ORDER BY f.area_code)
                FILTER (WHERE f.value IS NOT NULL AND list_contains($area_codes, f.area_code)), []) AS areas
FROM dim_indicator i
LEFT JOIN fact_indicator f USING (indicator_id)
GROUP BY ALL
ORDER BY i.indicator_id
