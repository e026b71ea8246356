-- The municipalities of a region (municipality → sub-region → region), with names and the focus flag.
SELECT m.area_code, m.name_fi, m.name_sv, m.name_en, m.is_focus, m.parent_code AS subregion_code
FROM dim_area m
JOIN dim_area s ON s.area_code = m.parent_code
WHERE m.level = 'municipality' AND s.parent_code = $region
ORDER BY m.sort_order
