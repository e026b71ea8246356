SELECT position, chart_id, params_json, title, commentary
FROM deck_slide WHERE deck_name = $name ORDER BY position
