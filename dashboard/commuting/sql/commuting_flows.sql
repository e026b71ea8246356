-- Home × workplace commuting flows that start or end in one of the requested areas, in one year, with
-- both areas' names. Only a live fetch fills fact_commuting_flow; on the bundled snapshot this is empty.
SELECT f.home_area_code, h.name_fi AS home_name_fi, h.name_sv AS home_name_sv, h.name_en AS home_name_en,
       f.work_area_code, w.name_fi AS work_name_fi, w.name_sv AS work_name_sv, w.name_en AS work_name_en,
       f.year, f.persons, f.source_table, f.vintage
FROM fact_commuting_flow f
LEFT JOIN dim_area h ON h.area_code = f.home_area_code
LEFT JOIN dim_area w ON w.area_code = f.work_area_code
WHERE f.year = $year AND f.home_area_code <> f.work_area_code AND f.persons > 0
  AND (list_contains($area_codes, f.home_area_code) OR list_contains($area_codes, f.work_area_code))
ORDER BY f.persons DESC, f.home_area_code, f.work_area_code
