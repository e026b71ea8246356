"""Työ ja elinkeinot page, income and education: median disposable income and the low-income rate (table
14ww, income year 2024) and the shares with a tertiary degree and without a post-basic degree (table 12bs,
31 December 2025) of the eight municipalities beside the sub-region, the region and the country.

On the work page because that is where the coordinators look for the livelihood and skills of the area's
people, next to unemployment, jobs and industries. Each figure keeps its own year. 14ww publishes the
sub-region and region rows; 12bs publishes the region and the country, and the sub-region's shares are
computed from its summed counts (marked derived, as the catalogue says).
"""

from __future__ import annotations

from dashboard.model.views import Block, Headline
from dashboard.population import newest

INDICATORS = ("median_disposable_income", "low_income_rate", "share_higher_education",
              "share_no_post_basic_education")  # fmt: skip
AT_YEAR_END = frozenset({"share_higher_education", "share_no_post_basic_education"})  # 12bs: 31 December


def cards(lang: str, area: str) -> tuple[Headline, ...]:
    return newest.cards(lang, area, INDICATORS, AT_YEAR_END)


def table(lang: str):
    """(shown, download, caption, notes): newest.table of income and education."""
    return newest.table(lang, INDICATORS, AT_YEAR_END)


def bars(lang: str, indicator_id: str, area: str) -> Block:
    return newest.bars_block(lang, indicator_id, area, False, AT_YEAR_END)
