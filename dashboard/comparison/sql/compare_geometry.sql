-- Boundaries (GeoJSON geometry) and label points of the requested areas, for the map.
SELECT area_code, geometry, label_lon, label_lat, source_table, vintage
FROM geo_area
WHERE list_contains($area_codes, area_code)
ORDER BY area_code
