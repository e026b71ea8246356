-- Published (not derived) yearly and monthly series of the given areas, with the unit, for the
-- unusual-move rule; projections (future periods) are left out.
SELECT f.indicator_id, f.area_code, f.period, f.value, f.vintage, f.is_preliminary, i.unit
FROM fact_indicator f
JOIN dim_indicator i USING (indicator_id)
WHERE list_contains($area_codes, f.area_code) AND NOT f.is_derived
  AND f.indicator_id <> 'population_projection' AND f.period <= $newest_period
ORDER BY f.indicator_id, f.area_code, f.period
