-- Every forum meeting, newest first.
SELECT id, meeting_date, title, deck_name, minutes_url, updated_by, updated_at
FROM forum_meeting ORDER BY meeting_date DESC, id DESC
