-- Region configuration the warehouse was built for (key/value).
SELECT key, value FROM meta_region
