"""Knows no feature: the warehouse, the app store, the one memo, auth, i18n, links, accessibility repairs."""
