"""Yleiskuva: headline figures, population small multiples, data freshness."""
