-- Register files imported through the app or the CLI, newest first.
SELECT import_no, kind, original_name, rows, rows_loaded, archived_at, sha256
FROM meta_eu_import ORDER BY import_no DESC
