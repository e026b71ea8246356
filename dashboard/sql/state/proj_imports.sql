SELECT * FROM proj_import ORDER BY imported_at DESC
