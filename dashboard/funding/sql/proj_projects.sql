-- Coordinator-entered projects.
SELECT * FROM proj_project ORDER BY project_id
