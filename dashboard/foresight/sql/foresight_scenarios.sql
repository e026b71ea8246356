-- Saved foresight scenarios, newest first.
SELECT scenario_id, name, description, net_migration, profile, fertility, mortality, projection, data_version,
       created_at, created_by
FROM foresight_scenario
ORDER BY created_at DESC, scenario_id
