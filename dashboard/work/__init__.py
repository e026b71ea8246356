"""Työ ja elinkeinot: unemployment, jobs, industries."""
