-- The short trends of a municipality card: for each indicator, the periods up to the municipality's own
-- newest one, the last $years years of a yearly series or the last $months months of a monthly one, for the
-- municipality and its comparison areas (a comparison area's later periods are left out: the lines end together).
WITH wanted AS (
    SELECT f.indicator_id, f.area_code, f.period, f.value, f.is_derived, f.is_preliminary, f.source_table,
           f.vintage, i.frequency
    FROM fact_indicator f JOIN dim_indicator i USING (indicator_id)
    WHERE list_contains($indicator_ids, f.indicator_id) AND list_contains($area_codes, f.area_code)
      AND f.value IS NOT NULL
), newest AS (
    SELECT indicator_id, max(period) AS newest FROM wanted WHERE area_code = $own GROUP BY ALL
)
SELECT w.indicator_id, w.area_code, w.period, w.value, w.is_derived, w.is_preliminary, w.source_table, w.vintage,
       w.frequency
FROM wanted w JOIN newest n USING (indicator_id)
WHERE w.period <= n.newest
  AND CASE WHEN w.frequency = 'month'
           THEN w.period > strftime(strptime(n.newest, '%Y-%m') - to_months(CAST($months AS INTEGER)), '%Y-%m')
           ELSE CAST(w.period AS INTEGER) > CAST(n.newest AS INTEGER) - $years END
ORDER BY w.indicator_id, w.area_code, w.period
