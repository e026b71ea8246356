INSERT INTO proj_spearhead VALUES ($project_id, $spearhead) ON CONFLICT DO NOTHING
