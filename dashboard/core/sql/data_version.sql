-- The build that produced this warehouse. Its meta_load_run holds the earlier runs plus its own, which
-- started last: so the newest run is this warehouse's own (run_id = the id in its file name wh-<id>.duckdb).
SELECT run_id
FROM meta_load_run
WHERE status = 'ok'
ORDER BY started_at DESC
LIMIT 1
