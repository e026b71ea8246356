-- Freshness per source table: of the files and live answers loaded for it (meta_source_release), the one with
-- the newest period gives the publisher's update date and when the next period is due by the table's rule
-- (meta_release); the oldest period is over all of them. Comparing the due date with today is the read
-- side's job (the build reads no clock).
WITH ranked AS (
    SELECT r.*,
           row_number() OVER (PARTITION BY r.source_table
                              ORDER BY r.newest_period DESC, r.publisher_updated DESC NULLS LAST) AS newest_rank,
           min(r.oldest_period) OVER (PARTITION BY r.source_table) AS first_period
    FROM meta_source_release r
)
SELECT r.source_table, s.publisher, s.statistic_fi, s.statistic_sv, s.statistic_en, r.first_period AS oldest_period,
       r.newest_period, r.publisher_updated, r.is_preliminary, r.release_rhythm, r.next_period, r.next_release_due,
       m.rule_fi, m.rule_sv, m.rule_en
FROM ranked r
JOIN meta_source s USING (source_id)
LEFT JOIN meta_release m ON m.source_table = r.source_table
WHERE r.newest_rank = 1
ORDER BY r.newest_period DESC, r.source_table
