SELECT * FROM proj_allocation ORDER BY programme_period, area_code, fund, measure, allocation_id
