-- For each indicator, the newest period in which any of the focus municipalities has a value, and every
-- requested area's value in that same period and one year (or twelve months) earlier: a comparison table
-- never sets one area's 2022 against another's 2016. Areas without a value get a row with NULLs.
WITH wanted AS (
    SELECT f.*, i.frequency
    FROM fact_indicator f JOIN dim_indicator i USING (indicator_id)
    WHERE list_contains($indicator_ids, f.indicator_id) AND list_contains($area_codes, f.area_code)
), target AS (
    SELECT indicator_id, max(period) AS period, any_value(frequency) AS frequency
    FROM wanted
    WHERE list_contains($focus_codes, area_code) AND value IS NOT NULL
    GROUP BY indicator_id
), grid AS (
    SELECT t.indicator_id, t.period, a.area_code,
           CASE WHEN t.frequency = 'month'
               THEN strftime(strptime(t.period, '%Y-%m') - INTERVAL 1 YEAR, '%Y-%m')
               ELSE CAST(CAST(t.period AS INTEGER) - 1 AS VARCHAR) END AS period_1y
    FROM target t CROSS JOIN (SELECT unnest($area_codes) AS area_code) a
)
SELECT g.indicator_id, g.area_code, g.period, w.value, w.status, w.is_derived, w.source_table, w.vintage,
       g.period_1y, p.value AS value_1y
FROM grid g
LEFT JOIN wanted w ON w.indicator_id = g.indicator_id AND w.area_code = g.area_code AND w.period = g.period
LEFT JOIN wanted p ON p.indicator_id = g.indicator_id AND p.area_code = g.area_code AND p.period = g.period_1y
ORDER BY g.indicator_id, g.area_code
