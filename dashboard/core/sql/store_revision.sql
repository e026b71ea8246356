-- Changes as a number: bumps on every audited write, so caches of user-entered data can key on it.
SELECT coalesce(max(id), 0) AS revision FROM audit_log
