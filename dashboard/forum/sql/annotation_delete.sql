DELETE FROM annotation WHERE id = $id
