-- The municipalities of a region (municipality → sub-region → region): the pool the peer group comes from.
SELECT m.area_code, m.is_focus
FROM dim_area m
JOIN dim_area s ON s.area_code = m.parent_code
WHERE m.level = 'municipality' AND s.parent_code = $region
ORDER BY m.sort_order
