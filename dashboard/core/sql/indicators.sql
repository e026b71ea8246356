-- The catalogue, with what the warehouse actually holds for each indicator.
SELECT i.*, c.first_period, c.last_period, c.areas, c.vintages
FROM dim_indicator i
LEFT JOIN (
    SELECT indicator_id, min(period) AS first_period, max(period) AS last_period,
           count(DISTINCT area_code) AS areas, string_agg(DISTINCT vintage, ', ' ORDER BY vintage) AS vintages
    FROM fact_indicator GROUP BY indicator_id
) c USING (indicator_id)
ORDER BY i.indicator_id
