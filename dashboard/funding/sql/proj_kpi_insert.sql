INSERT INTO proj_kpi (project_id, name, unit, target_value, achieved_value, as_of, source, updated_by, updated_at)
VALUES ($project_id, $name, $unit, $target_value, $achieved_value, $as_of, $source, $updated_by, $updated_at)
