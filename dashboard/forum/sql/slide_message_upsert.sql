INSERT OR REPLACE INTO slide_message
VALUES ($deck_name, $slide_key, $lang, $text, $computed_text, $updated_by, $updated_at)
