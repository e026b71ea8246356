"""Työssäkäynti: commuting stocks, balance, employment area and flows."""
