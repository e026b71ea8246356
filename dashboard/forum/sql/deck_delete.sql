DELETE FROM deck WHERE name = $name
