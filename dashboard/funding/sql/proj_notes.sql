SELECT * FROM proj_note ORDER BY project_id
