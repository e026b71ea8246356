-- Every annotation, newest event first.
SELECT id, indicator_id, area_code, event_date, text, created_by, created_at
FROM annotation ORDER BY event_date DESC, id DESC
