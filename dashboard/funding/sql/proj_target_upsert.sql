INSERT INTO proj_indicator_target VALUES ($indicator_id, $area_code, $target_value, $target_year, $source,
    $updated_by, $updated_at)
ON CONFLICT (indicator_id, area_code) DO UPDATE SET target_value = excluded.target_value,
    target_year = excluded.target_year, source = excluded.source, updated_by = excluded.updated_by,
    updated_at = excluded.updated_at
