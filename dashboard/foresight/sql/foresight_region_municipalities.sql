-- Municipalities of a region (through their sub-regions), for region-wide statistics.
SELECT m.area_code
FROM dim_area m JOIN dim_area s ON m.parent_code = s.area_code
WHERE m.level = 'municipality' AND s.parent_code = $region
ORDER BY m.area_code
