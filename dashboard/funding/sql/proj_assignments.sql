-- The coordinator's municipality assignments and "not ours" marks.
SELECT * FROM proj_assignment ORDER BY project_id
