INSERT INTO proj_indicator_link VALUES ($project_id, $indicator_id) ON CONFLICT DO NOTHING
