DELETE FROM proj_kpi WHERE kpi_id = $kpi_id
