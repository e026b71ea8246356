"""Tietolähteet and the accessibility statement: catalogue, inputs, attributions, build history; data
freshness per source (freshness.py, also on Yleiskuva) and what the data lacks (missing.py)."""
