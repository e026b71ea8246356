INSERT INTO proj_project VALUES ($project_id, $name, $fund, $fund_group, $programme_period, $implementer,
    $municipality_codes, $start_date, $end_date, $status, $granted_eur, $realised_eur, $funding_as_stated,
    $summary, $source_url, $notes, $origin, $updated_by, $updated_at)
ON CONFLICT (project_id) DO UPDATE SET name = excluded.name, fund = excluded.fund,
    fund_group = excluded.fund_group, programme_period = excluded.programme_period,
    implementer = excluded.implementer, municipality_codes = excluded.municipality_codes,
    start_date = excluded.start_date, end_date = excluded.end_date, status = excluded.status,
    granted_eur = excluded.granted_eur, realised_eur = excluded.realised_eur,
    funding_as_stated = excluded.funding_as_stated, summary = excluded.summary, source_url = excluded.source_url,
    notes = excluded.notes, origin = excluded.origin, updated_by = excluded.updated_by,
    updated_at = excluded.updated_at
