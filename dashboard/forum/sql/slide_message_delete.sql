DELETE FROM slide_message WHERE deck_name = $deck_name AND slide_key = $slide_key AND lang = $lang
