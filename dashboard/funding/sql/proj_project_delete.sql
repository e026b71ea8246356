DELETE FROM proj_project WHERE project_id = $project_id
