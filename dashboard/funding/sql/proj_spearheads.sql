SELECT project_id, spearhead FROM proj_spearhead ORDER BY project_id, spearhead
