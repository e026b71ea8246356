-- Newest period of published (non-derived) data per source table, with the source's vintage.
SELECT s.statistic_fi, s.statistic_en, s.statistic_sv, s.publisher, s.source_table, s.origin, s.vintage,
       max(f.period) AS newest_period, min(f.period) AS first_period
FROM meta_source s
JOIN fact_indicator f ON f.source_table = s.source_table AND NOT f.is_derived
GROUP BY ALL
ORDER BY newest_period DESC, s.source_table
