-- Every input the current warehouse was built from.
SELECT source_id, origin, publisher, statistic_fi, statistic_en, statistic_sv, source_table, licence, attribution,
       vintage, coverage, via, file, rows_loaded
FROM meta_source
ORDER BY origin DESC, source_table, source_id
