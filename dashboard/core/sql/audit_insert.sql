INSERT INTO audit_log (changed_at, actor, action, entity, entity_id, before_json, after_json)
VALUES ($changed_at, $actor, $action, $entity, $entity_id, $before_json, $after_json)
