INSERT INTO proj_import VALUES ($sha256, $original_name, $rows, $imported_by, $imported_at)
