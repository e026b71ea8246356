DELETE FROM proj_indicator_link WHERE project_id = $project_id
