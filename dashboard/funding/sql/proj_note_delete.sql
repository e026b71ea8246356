DELETE FROM proj_note WHERE project_id = $project_id
