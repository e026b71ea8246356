INSERT INTO deck_slide VALUES ($deck_name, $position, $chart_id, $params_json, $title, $commentary)
