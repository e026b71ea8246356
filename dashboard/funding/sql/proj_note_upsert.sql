INSERT INTO proj_note VALUES ($project_id, $note, $updated_by, $updated_at)
ON CONFLICT (project_id) DO UPDATE SET note = excluded.note, updated_by = excluded.updated_by,
    updated_at = excluded.updated_at
