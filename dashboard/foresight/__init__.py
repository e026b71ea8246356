"""Ennakointi: official projection, scenarios, back-test, service-need outlook, saved scenarios."""
