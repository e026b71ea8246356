-- Years for which fact_commuting_flow holds home × workplace flows (none in the bundled snapshot).
SELECT DISTINCT year FROM fact_commuting_flow ORDER BY year
