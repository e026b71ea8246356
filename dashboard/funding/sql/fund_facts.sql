-- Stated facts (allocations, special position, Leader), with the source each figure came from.
SELECT f.*, s.vintage
FROM fact_eu_fact f LEFT JOIN meta_source s USING (source_id)
ORDER BY f.fact_id
