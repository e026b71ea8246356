"""Väestö: population, age structure, migration and natural increase."""
