"""Read side of Sydänsuomen tilannekuva: queries, charts, i18n, formatting. Never imports `etl`."""
