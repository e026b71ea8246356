-- Register files imported into the warehouse, with when they were archived.
SELECT sha256, kind, original_name, archived_at FROM meta_eu_import ORDER BY import_no
