-- Regional aid area of the requested municipalities, every period.
SELECT area_code, period, tukialue, basis_as_stated, source_url, page_date_shown
FROM fact_aid_area WHERE list_contains($area_codes, area_code)
ORDER BY period, area_code
