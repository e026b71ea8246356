"""Source captions: 'Lähde: Tilastokeskus, Väestörakenne, 11re; tiedot 2019-10' for the rows shown, saying
which of them are derived and which periods are preliminary."""

from __future__ import annotations

import pandas as pd

from dashboard.core import i18n, queries
from dashboard.model import preliminary


def source_caption(rows: pd.DataFrame, lang: str) -> str:
    """Caption naming every source table and vintage among `rows` (columns source_table, vintage)."""
    meta = queries.sources().drop_duplicates("source_table").set_index("source_table")
    tables = sorted({t.strip() for value in rows["source_table"].dropna() for t in str(value).split(",")})
    parts = []
    for table in tables:
        if table in meta.index:
            m = meta.loc[table]
            statistic = m[f"statistic_{lang}"]
            parts.append(f"{m['publisher']}, {statistic}, {table}")
        else:
            parts.append(table)
    vintages = ", ".join(sorted({str(v) for v in rows["vintage"].dropna()}))
    caption = f"{i18n.t('common.source', lang)}: {'; '.join(parts)}; {i18n.t('common.data_as_of', lang)} {vintages}"
    if "is_derived" in rows and rows["is_derived"].any():
        caption += f". {i18n.t('common.derived', lang)}"
    note = preliminary.caption_note(rows, lang)
    return f"{caption}. {note}" if note else caption


def short_source(rows: pd.DataFrame, lang: str) -> str:
    """Compact form for small cards: 'Lähde: 11re, Sotkanet 127 · tiedot 2024-03 · johdettu'."""
    tables = sorted({t.strip() for value in rows["source_table"].dropna() for t in str(value).split(",")})
    vintages = ", ".join(sorted({str(v) for v in rows["vintage"].dropna()}))
    text = f"{i18n.t('common.source', lang)}: {', '.join(tables)} · {i18n.t('common.data_as_of', lang)} {vintages}"
    if "is_derived" in rows and rows["is_derived"].any():
        text += f" · {i18n.t('common.derived_short', lang)}"
    if preliminary.periods(rows):
        text += f" · {i18n.t('preliminary.word', lang)}"
    return text
