"""Preliminary figures (Statistics Finland's 11lj, until the final table replaces them): which periods of the
rows shown are preliminary, in the words a caption, a text alternative, a hover text and a card use.

Pure pandas and locale text. The warehouse replaces a preliminary row with the final figure when one
arrives, so a rebuild drops the mark by itself; nothing here decides what is preliminary.
"""

from __future__ import annotations

import pandas as pd

from dashboard.core.i18n import fmt_period, t


def flags(rows: pd.DataFrame) -> pd.Series:
    """True for the rows that hold a preliminary value (a gap is never preliminary)."""
    if "is_preliminary" not in rows:
        return pd.Series(False, index=rows.index)
    marked = rows["is_preliminary"].fillna(False).astype(bool)
    return marked & rows["value"].notna() if "value" in rows else marked


def periods(rows: pd.DataFrame) -> list[str]:
    """The distinct periods with a preliminary value, oldest first (none for rows without periods)."""
    if "period" not in rows:
        return []
    return sorted(set(rows.loc[flags(rows), "period"].astype(str)))


def _next(period: str) -> str:
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:])
        return f"{year + month // 12}-{month % 12 + 1:02d}"
    return str(int(period) + 1)


def period_text(found: list[str], lang: str) -> str:
    """'2024', '1/2024–1/2025' (a run of consecutive periods), or '2019, 2022–2024'."""
    runs: list[list[str]] = []
    for period in sorted(found):
        if runs and _next(runs[-1][-1]) == period:
            runs[-1].append(period)
        else:
            runs.append([period])
    return ", ".join(
        fmt_period(run[0], lang) if len(run) == 1 else f"{fmt_period(run[0], lang)}–{fmt_period(run[-1], lang)}"
        for run in runs
    )


def caption_note(rows: pd.DataFrame, lang: str) -> str:
    """'Ennakkotieto (avoin ympyrä): 2024; …' for a chart caption, or '' when nothing shown is preliminary."""
    found = periods(rows)
    return t("preliminary.caption", lang, periods=period_text(found, lang)) if found else ""


def alt_sentence(rows: pd.DataFrame, lang: str) -> str:
    """' Ennakkotietoja: 2024.' to end a text alternative with, or ''."""
    found = periods(rows)
    return " " + t("preliminary.alt", lang, periods=period_text(found, lang)) if found else ""


def hover_suffix(lang: str) -> str:
    """What a preliminary point's hover text ends with: ' (ennakkotieto)'."""
    return f" ({t('preliminary.word', lang)})"
