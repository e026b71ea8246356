-- Latest changes first.
SELECT id, changed_at, actor, action, entity, entity_id, before_json, after_json
FROM audit_log ORDER BY id DESC LIMIT $limit
