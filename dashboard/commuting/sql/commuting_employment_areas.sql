-- Employment areas (työllisyysalueet, 2026) of the requested municipalities, and every member of those areas.
SELECT e.area_code, a.name_fi AS area_name_fi, a.name_sv AS area_name_sv, a.name_en AS area_name_en,
       a.is_focus, e.employment_area_code, e.name_fi, e.name_sv, e.name_en, e.source_table, e.vintage
FROM dim_employment_area e
JOIN dim_area a USING (area_code)
WHERE e.employment_area_code IN (
    SELECT employment_area_code FROM dim_employment_area WHERE list_contains($area_codes, area_code)
)
ORDER BY e.employment_area_code, a.sort_order
