"""Kuntavertailu: latest values with ranks, the map and small multiples."""
