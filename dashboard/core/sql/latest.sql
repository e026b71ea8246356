-- The latest period with data for each (indicator, area) among the requested ones, with the value one
-- and five years (or twelve and sixty months) earlier, for headline figures and trend arrows. period_1y and
-- period_5y name the period compared with even when it has no value (so a card can say which one is
-- missing); is_preliminary / preliminary_1y / preliminary_5y say when a figure is preliminary.
WITH wanted AS (
    SELECT f.*, i.frequency
    FROM fact_indicator f JOIN dim_indicator i USING (indicator_id)
    WHERE list_contains($indicator_ids, f.indicator_id) AND list_contains($area_codes, f.area_code)
      AND f.value IS NOT NULL
), latest AS (
    SELECT indicator_id, area_code, max(period) AS period FROM wanted GROUP BY ALL
), earlier AS (
    SELECT w.*,
        CASE WHEN w.frequency = 'month' THEN strftime(strptime(w.period, '%Y-%m') - INTERVAL 1 YEAR, '%Y-%m')
             ELSE CAST(CAST(w.period AS INTEGER) - 1 AS VARCHAR) END AS wanted_1y,
        CASE WHEN w.frequency = 'month' THEN strftime(strptime(w.period, '%Y-%m') - INTERVAL 5 YEAR, '%Y-%m')
             ELSE CAST(CAST(w.period AS INTEGER) - 5 AS VARCHAR) END AS wanted_5y
    FROM latest l JOIN wanted w USING (indicator_id, area_code, period)
)
SELECT w.indicator_id, w.area_code, w.period, w.value, w.is_derived, w.is_preliminary, w.source_table, w.vintage,
       w.frequency, p1.value AS value_1y, w.wanted_1y AS period_1y, coalesce(p1.is_preliminary, FALSE) AS preliminary_1y,
       p5.value AS value_5y, w.wanted_5y AS period_5y, coalesce(p5.is_preliminary, FALSE) AS preliminary_5y
FROM earlier w
LEFT JOIN wanted p1 ON p1.indicator_id = w.indicator_id AND p1.area_code = w.area_code AND p1.period = w.wanted_1y
LEFT JOIN wanted p5 ON p5.indicator_id = w.indicator_id AND p5.area_code = w.area_code AND p5.period = w.wanted_5y
ORDER BY w.indicator_id, w.area_code
