DELETE FROM proj_indicator_target WHERE indicator_id = $indicator_id AND area_code = $area_code
