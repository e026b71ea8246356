INSERT INTO proj_allocation (programme_period, fund, area_code, measure, amount, unit, basis, as_of, source_url,
    source_text, updated_by, updated_at)
VALUES ($programme_period, $fund, $area_code, $measure, $amount, $unit, $basis, $as_of, $source_url, $source_text,
    $updated_by, $updated_at)
