"""Yleiskuva: dated headline figures and population small multiples (data freshness: dashboard/info)."""
