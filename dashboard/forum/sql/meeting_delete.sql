DELETE FROM forum_meeting WHERE id = $id
