INSERT INTO foresight_scenario (scenario_id, name, description, net_migration, profile, fertility, mortality,
                                projection, data_version, created_at, created_by)
VALUES ($scenario_id, $name, $description, $net_migration, $profile, $fertility, $mortality,
        $projection, $data_version, $created_at, $created_by)
