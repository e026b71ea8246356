UPDATE proj_kpi SET name = $name, unit = $unit, target_value = $target_value, achieved_value = $achieved_value,
    as_of = $as_of, source = $source, updated_by = $updated_by, updated_at = $updated_at
WHERE kpi_id = $kpi_id
