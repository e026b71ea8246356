DELETE FROM deck_slide WHERE deck_name = $name
