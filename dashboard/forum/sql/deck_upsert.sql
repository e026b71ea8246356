INSERT OR REPLACE INTO deck VALUES ($name, $updated_by, $updated_at)
