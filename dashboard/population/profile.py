"""Väestö page, the newest year: age structure (mean age, shares under 15 and 65+, table 11ra, counted on
31 December) and vital events (births, deaths, natural increase, inter-municipal and international net
migration, table 121w) of the eight municipalities beside the sub-region, the region and the country.

The age figures of the sub-region and the region are the rows 11ra publishes, not sums of ours. The event
counts of the sub-region and the region are sums of the member municipalities (121w publishes no such
rows; marked derived). The bars show events per 1 000 residents, so areas of different size compare;
the table keeps the counts.
"""

from __future__ import annotations

from dashboard.model.views import Block, Headline
from dashboard.population import newest

AGE = ("mean_age", "share_under_15", "share_aged_65_plus")
EVENTS = ("live_births", "deaths", "natural_increase", "net_migration", "net_international_migration")
AT_YEAR_END = frozenset(AGE)  # stocks on 31 December; the events are counted over the year


def age_cards(lang: str, area: str) -> tuple[Headline, ...]:
    return newest.cards(lang, area, AGE, AT_YEAR_END)


def event_cards(lang: str, area: str) -> tuple[Headline, ...]:
    return newest.cards(lang, area, EVENTS)


def age_table(lang: str):
    """(shown, download, caption, notes): newest.table of the age figures."""
    return newest.table(lang, AGE, AT_YEAR_END)


def event_table(lang: str):
    """(shown, download, caption, notes): newest.table of the vital events (counts)."""
    return newest.table(lang, EVENTS)


def age_bars(lang: str, indicator_id: str, area: str) -> Block:
    return newest.bars_block(lang, indicator_id, area, False, AT_YEAR_END)


def event_bars(lang: str, indicator_id: str, area: str) -> Block:
    return newest.bars_block(lang, indicator_id, area, True)
