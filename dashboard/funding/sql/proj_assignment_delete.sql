DELETE FROM proj_assignment WHERE project_id = $project_id
