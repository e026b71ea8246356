SELECT * FROM proj_kpi ORDER BY project_id, kpi_id
