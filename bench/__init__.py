"""Benchmarks for `make bench`: page rerun cost as a ratio to a floor page, cold renders, ETL build.

Never part of the pytest suite: timings are reported, not asserted, because they depend on the machine.
"""
