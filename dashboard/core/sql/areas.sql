-- Areas with data, focus municipalities first, then comparison areas, then the rest.
SELECT a.area_code, a.name_fi, a.name_sv, a.name_en, a.level, a.parent_code, a.is_focus, a.sort_order
FROM dim_area a
WHERE a.area_code IN (SELECT DISTINCT area_code FROM fact_indicator)
ORDER BY a.sort_order
