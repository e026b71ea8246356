INSERT INTO proj_assignment VALUES ($project_id, $area_codes, $not_ours, $note, $assigned_by, $assigned_at)
ON CONFLICT (project_id) DO UPDATE SET area_codes = excluded.area_codes, not_ours = excluded.not_ours,
    note = excluded.note, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at
