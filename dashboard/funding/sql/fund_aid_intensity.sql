-- Maximum investment-aid intensity by aid area and company size (NULL = no aid allowed).
SELECT period, tukialue, company_size, max_aid_pct, source_url, notes
FROM fact_aid_intensity ORDER BY period DESC, tukialue, max_aid_pct DESC NULLS LAST
