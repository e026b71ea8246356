SELECT * FROM proj_indicator_target ORDER BY indicator_id, area_code
