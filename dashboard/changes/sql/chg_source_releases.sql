-- Every loaded statistics file and live table with its newest period, publisher's update date and name.
SELECT r.source_id, r.source_table, r.newest_period, r.oldest_period, r.publisher_updated,
       s.statistic_fi, s.statistic_sv, s.statistic_en
FROM meta_source_release r
LEFT JOIN meta_source s USING (source_id)
ORDER BY r.source_table, r.source_id
