"""Input sources of the ETL: each module extracts one source into tidy frames (statfin, snapshot, ...)."""
