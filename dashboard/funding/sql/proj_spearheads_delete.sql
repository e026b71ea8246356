DELETE FROM proj_spearhead WHERE project_id = $project_id
