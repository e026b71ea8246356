INSERT INTO annotation (indicator_id, area_code, event_date, text, created_by, created_at)
VALUES ($indicator_id, $area_code, $event_date, $text, $created_by, $created_at)
