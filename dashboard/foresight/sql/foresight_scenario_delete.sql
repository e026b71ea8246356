DELETE FROM foresight_scenario WHERE scenario_id = $scenario_id
