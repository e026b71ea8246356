-- Jobs (workplaces) by industry, TOL 2008 section letter, for a list of areas, every year held.
SELECT area_code, year, industry_code, industry_fi, industry_sv, industry_en, jobs, is_derived, source_table, vintage
FROM fact_jobs_industry
WHERE list_contains($area_codes, area_code)
ORDER BY area_code, year, industry_code
