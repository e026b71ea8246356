"""ETL for Sydänsuomen tilannekuva: sources → raw archive + snapshot → validated DuckDB warehouse.

Never imports `dashboard`; the contract between the two is `etl/sql/schema.sql` and `dim_indicator`.
"""
