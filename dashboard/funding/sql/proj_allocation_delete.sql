DELETE FROM proj_allocation WHERE allocation_id = $allocation_id
