-- Every warehouse build recorded (the build history carried from build to build).
SELECT run_id, started_at, finished_at, status, rows, message FROM meta_load_run ORDER BY started_at DESC
