SELECT project_id, indicator_id FROM proj_indicator_link ORDER BY project_id, indicator_id
