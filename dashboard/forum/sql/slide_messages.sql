-- The edited key messages of one deck in one language.
SELECT slide_key, text, computed_text, updated_by, updated_at
FROM slide_message WHERE deck_name = $deck_name AND lang = $lang ORDER BY slide_key
