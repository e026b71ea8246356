-- Every register / web-page project with its attribution (non-partial areas and their basis) and source.
SELECT p.*, s.source_table, s.vintage, s.publisher,
       a.area_codes, a.bases, a.partial_areas
FROM fact_eu_project p
LEFT JOIN meta_source s ON s.source_id = p.source_id
LEFT JOIN (
    SELECT project_id,
           string_agg(area_code, ';' ORDER BY area_code) FILTER (WHERE NOT partial) AS area_codes,
           string_agg(DISTINCT basis, '; ' ORDER BY basis) AS bases,
           string_agg(area_code, ';' ORDER BY area_code) FILTER (WHERE partial) AS partial_areas
    FROM fact_eu_project_area GROUP BY project_id
) a USING (project_id)
ORDER BY p.project_id
