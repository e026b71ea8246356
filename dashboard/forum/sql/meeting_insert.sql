INSERT INTO forum_meeting (meeting_date, title, deck_name, minutes_url, updated_by, updated_at)
VALUES ($meeting_date, $title, $deck_name, $minutes_url, $updated_by, $updated_at)
