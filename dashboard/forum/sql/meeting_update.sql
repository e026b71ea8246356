UPDATE forum_meeting
SET meeting_date = $meeting_date, title = $title, deck_name = $deck_name, minutes_url = $minutes_url,
    updated_by = $updated_by, updated_at = $updated_at
WHERE id = $id
