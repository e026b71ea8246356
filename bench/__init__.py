"""Benchmarks for `make bench` (report: docs/benchmarks.md): page reruns against a floor page, cold renders,
browser time until the charts show, ETL build cost, scale to 308 municipalities, deck export, scenario.

Never part of the pytest suite: timings are reported, not asserted, because they depend on the machine.
"""
