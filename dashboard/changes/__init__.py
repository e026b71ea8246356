"""Mitä on muuttunut (what changed since the last forum): releases, unusual moves, project events, the funding
position then and now, and dated notes since a baseline date — rules.py (pure), report.py (the items),
links.py (permalinks), deck.py (the presentation's and the review's text slides)."""
