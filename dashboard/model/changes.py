"""A headline card's change against the same period one or five years earlier, for every page's cards.

Like with like: a monthly figure is compared with the same month a year earlier, a yearly one with the year
before (the periods come from the `latest` query). When that figure is missing, the card says so instead of
reaching for another period; a change that involves a preliminary figure says that too. Arrow and colour
are decided from the number, never from formatted text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.core.i18n import fmt_period, fmt_value, t

AT_YEAR_END = frozenset({"population"})  # counted on 31 December (catalogue: "Väestö 31.12."): dated so


def trend(change: float | None, higher_is_better: bool | None) -> tuple[str, str]:
    """(arrow, colour) for a change: the arrow follows the sign, the colour whether that is good news."""
    if change is None or pd.isna(change) or change == 0:
        return "off", "gray"
    arrow = "up" if change > 0 else "down"
    if higher_is_better is None or pd.isna(higher_is_better):
        return arrow, "gray"
    return arrow, "green" if (change > 0) == bool(higher_is_better) else "red"


def when(indicator_id: str, period: str, lang: str) -> str:
    """The date a figure is for, as a manager reads it: '31.12.2025' for a year-end stock, '6/2026', '2017'."""
    if indicator_id in AT_YEAR_END and len(period) == 4:
        return t("change.year_end", lang, year=period)
    return fmt_period(period, lang)


@dataclass(frozen=True)
class Change:
    """A card's change: the delta text (None when the earlier figure is missing), its arrow and colour, and
    the note naming what it is compared with ('vrt. 2024 (ennakkotieto)') or that it is missing."""

    delta: str | None
    arrow: str
    color: str
    note: str
    value: float | None = None  # the change as a number


def change_text(diff: float, previous: float, unit: str, decimals: int, lang: str) -> str:
    """'−342 (−1,3 %)' for a count, '+0,4 %-yks.' for a rate (a change of a rate is in percentage points)."""
    if unit == "percent":
        return f"{fmt_value(diff, 'ratio', decimals, lang, signed=True)} {t('common.pp', lang)}"
    text = fmt_value(diff, unit, decimals, lang, signed=True)
    if previous:
        text += f" ({fmt_value(100 * diff / previous, 'percent', 1, lang, signed=True)})"
    return text


def compare(value: float, previous: float | None, previous_period: str | None, unit: str, decimals: int,
            higher_is_better: bool | None, lang: str, previous_preliminary: bool = False,
            dated: Callable[[str], str] | None = None) -> Change:  # fmt: skip
    """The change from `previous` (the figure of `previous_period`) to `value`; `dated` writes a period
    (default fmt_period)."""
    dated = dated or (lambda period: fmt_period(period, lang))
    shown = dated(previous_period) if isinstance(previous_period, str) else "–"
    if previous is None or pd.isna(previous):
        return Change(None, "off", "gray", t("change.missing", lang, period=shown))
    diff = value - previous
    arrow, color = trend(diff, higher_is_better)
    note = t("change.versus_preliminary" if previous_preliminary else "change.versus", lang, period=shown)
    return Change(change_text(diff, previous, unit, decimals, lang), arrow, color, note, diff)


def from_latest(row: pd.Series, unit: str, decimals: int, higher_is_better: bool | None, lang: str,
                years: int = 1) -> Change:  # fmt: skip
    """compare() for a row of the `latest` query, against one (`years=1`) or five years earlier."""
    suffix = f"_{years}y"
    return compare(row["value"], row[f"value{suffix}"], row[f"period{suffix}"], unit, decimals, higher_is_better,
                   lang, bool(row.get(f"preliminary{suffix}", False)),
                   lambda period: when(row["indicator_id"], period, lang))  # fmt: skip
