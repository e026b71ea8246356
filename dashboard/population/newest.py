"""The newest year of a few indicators across the focus municipalities and their comparison areas
(sub-region, region, whole country): cards for one area, one table of every area, and bars comparing them.

Shared by Väestö (age structure and vital events), Työ ja elinkeinot (income and education) and Ennakointi
(where the areas stand now). Every figure is the warehouse's own for that indicator's newest year: the
sub-region, region and country rows as published where the source publishes them (11ra, 14ww, 12bs), sums
of the members where the catalogue marks a count additive (flagged derived). Each indicator keeps its own
year; an area without a value in that year says "no data", never shows an older figure.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.core import queries
from dashboard.core.i18n import fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive
from dashboard.model.sourcing import short_source, source_caption
from dashboard.model.views import Block, ChartView, Headline

COLUMNS = ["indicator_id", "area_code", "period", "value", "status", "is_derived", "source_table", "vintage"]
SHOWN = ["area_code", "area_name", "indicator_id", "indicator", "measure", "period", "value", "status", "is_derived",
         "source_table", "vintage"]  # fmt: skip


# --- pure ----------------------------------------------------------------------------------------------


def newest_rows(frame: pd.DataFrame, indicator_ids: Sequence[str], codes: Sequence[str]) -> pd.DataFrame:
    """One row per (indicator, area) for each indicator's newest period with a value in any of `codes`.

    An area without a value in that period gets a row with value NaN (and the published status, if any):
    it is shown as missing, not with an older figure. Indicators without any value are left out."""
    frame = frame[frame["area_code"].isin(codes) & frame["indicator_id"].isin(indicator_ids)]
    parts = []
    for indicator_id in indicator_ids:
        rows = frame[frame["indicator_id"] == indicator_id]
        known = rows.dropna(subset=["value"])
        if known.empty:
            continue
        period = known["period"].max()
        rows = rows[rows["period"] == period].set_index("area_code").reindex(list(codes))
        rows = rows.assign(indicator_id=indicator_id, period=period, is_derived=rows["is_derived"].fillna(False))
        parts.append(rows.rename_axis("area_code").reset_index())
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def extremes(values: pd.Series) -> tuple[object, object] | None:
    """(index of the highest, index of the lowest) of the known values, or None when there are none."""
    known = values.dropna()
    return None if known.empty else (known.idxmax(), known.idxmin())


# --- warehouse -----------------------------------------------------------------------------------------


def area_codes() -> list[str]:
    """The focus municipalities, then the comparison areas (sub-region, region, country)."""
    return list(dict.fromkeys([*queries.focus_codes(), *queries.comparison_codes()]))


@memo
def newest(indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """newest_rows of the warehouse for every area of area_codes()."""
    codes = area_codes()
    held = [i for i in indicator_ids if i in queries.indicators().index]
    frames = [queries.series(i, codes) for i in held]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    return newest_rows(frame, held, codes)


def _entry(indicator_id: str) -> pd.Series:
    return queries.indicators().loc[indicator_id]


def period_text(indicator_id: str, period: str, lang: str, at_year_end: frozenset[str] = frozenset()) -> str:
    """'31.12.2025' for a stock counted at the year's end, else the period as written ('2025')."""
    return t("common.at_year_end", lang, year=period) if indicator_id in at_year_end else period


def is_signed(entry: pd.Series) -> bool:
    """A net flow (catalogue `signed`): shown with its sign, +24 and −10."""
    return bool(entry.get("signed")) if pd.notna(entry.get("signed")) else False


def value_text(row: pd.Series, lang: str) -> str:
    entry = _entry(row["indicator_id"])
    if pd.isna(row["value"]):
        return t("common.no_data", lang)
    return fmt_value(row["value"], entry["unit"], int(entry["decimals"]), lang, signed=is_signed(entry))


# --- views ---------------------------------------------------------------------------------------------


@memo
def cards(lang: str, area: str, indicator_ids: tuple[str, ...], at_year_end: frozenset[str] = frozenset()
          ) -> tuple[Headline, ...]:  # fmt: skip
    """One card per indicator for `area`: its newest value with the date, and the whole country's beside it."""
    data = newest(indicator_ids)
    names = queries.area_names(lang)
    country = queries.region()["country"]
    out = []
    for indicator_id, rows in data.groupby("indicator_id", sort=False):
        rows = rows.set_index("area_code")
        row, entry = rows.loc[area], _entry(indicator_id)
        when = period_text(indicator_id, row["period"], lang, at_year_end)
        caption = names[area]
        if area != country and country in rows.index:
            caption += f" · {names[country]} {value_text(rows.loc[country], lang)}"
        out.append(Headline(indicator_id, f"{label(entry.to_dict(), lang)} {when}", value_text(row, lang), None,
                            "gray", "off", caption, short_source(rows.loc[[area]], lang)))  # fmt: skip
    return tuple(out)


@memo
def table(lang: str, indicator_ids: tuple[str, ...], at_year_end: frozenset[str] = frozenset()
          ) -> tuple[pd.DataFrame, pd.DataFrame, str, tuple[str, ...]]:  # fmt: skip
    """(table as shown: one row per area, one column per indicator with its own date; the same figures long
    for download; the source caption; notes on derived and missing figures)."""
    data = newest(indicator_ids)
    names = queries.area_names(lang)
    codes = area_codes()
    shown = pd.DataFrame({t("common.area", lang): [names[c] for c in codes]})
    derived, missing = [], []
    for indicator_id, rows in data.groupby("indicator_id", sort=False):
        rows = rows.set_index("area_code").reindex(codes)
        entry = _entry(indicator_id)
        title = f"{label(entry.to_dict(), lang)} {period_text(indicator_id, rows['period'].dropna().iloc[0], lang, at_year_end)}"
        texts = []
        for code, row in rows.iterrows():
            text = value_text(row, lang)
            if pd.isna(row["value"]):
                missing.append(f"{names[code]} ({label(entry.to_dict(), lang)})")
            elif row["is_derived"]:
                text += " *"
                derived.append(names[code])
            texts.append(text)
        shown[title] = texts
    notes = []
    if derived:
        notes.append(t("common.derived_cells", lang, areas=", ".join(dict.fromkeys(derived))))
    if missing:
        notes.append(t("common.missing_cells", lang, cells=", ".join(missing)))
    download = _long(data, lang)
    return shown, download, source_caption(data.dropna(subset=["value"]), lang), tuple(notes)


def _long(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    names, catalog = queries.area_names(lang), queries.indicators()
    out = data.assign(area_name=data["area_code"].map(names),
                      indicator=data["indicator_id"].map(lambda i: label(catalog.loc[i].to_dict(), lang)),
                      measure=data["indicator_id"].map(lambda i: t(f"unit.{catalog.loc[i, 'unit']}", lang)))  # fmt: skip
    return out[SHOWN].reset_index(drop=True)


@memo
def bars_block(lang: str, indicator_id: str, area: str, per_1000: bool = False,
               at_year_end: frozenset[str] = frozenset()) -> Block:  # fmt: skip
    """The indicator's newest year for every municipality, the sub-region, the region and the country as
    horizontal bars (the selected area named in the text alternative first). `per_1000`: a count shown per
    1 000 residents of the same area and year (derived), so areas of different size compare."""
    data = newest((indicator_id,))
    if data.empty:
        return Block(None, (t("common.no_data", lang),))
    entry = _entry(indicator_id)
    unit, decimals = entry["unit"], int(entry["decimals"])
    name = label(entry.to_dict(), lang)
    notes = []
    if per_1000:
        population = queries.series("population", area_codes())
        data = derive.per_1000(data, population).assign(is_derived=True)
        unit, decimals = "ratio", 1
        measure = t("common.per_1000", lang)
        notes.append(t("common.per_1000_note", lang, year=data["period"].iloc[0]))
    else:
        measure = t(f"unit.{entry['unit']}", lang)
    names = queries.area_names(lang)
    colors = queries.area_colors()
    when = period_text(indicator_id, data["period"].iloc[0], lang, at_year_end)
    title = f"{name} {when}" + (f" ({measure})" if per_1000 or unit not in ("persons",) else "")
    ordered = data.iloc[::-1]  # horizontal_bars draws bottom to top: municipalities first from the top
    signed = is_signed(entry)
    texts = [fmt_value(v, unit, decimals, lang, signed=signed) if pd.notna(v) else t("common.no_data", lang)
             for v in ordered["value"]]  # fmt: skip
    fig = charts.horizontal_bars(ordered["area_code"].map(names), ordered["value"], texts,
                                 [colors.get(c, charts.NEUTRALS[0]) for c in ordered["area_code"]], title,
                                 measure, lang)  # fmt: skip
    fig.update_traces(name=name)  # the download and the hover name what the bars are
    if unit == "percent" or decimals:
        fig.update_xaxes(tickformat=",.0f")
    lacking = data[data["value"].isna()]["area_code"].map(names).tolist()
    if lacking:
        notes.append(t("common.missing_areas", lang, areas=", ".join(lacking)))
    shown = _long(data, lang).assign(measure=measure)
    alt = _alt(data, area, name, when, unit, decimals, signed, lang)
    view = ChartView(fig, shown, source_caption(shown, lang), alt, (indicator_id,), tuple(data["area_code"]), "")
    return Block(view, tuple(notes))


def _alt(data: pd.DataFrame, area: str, name: str, when: str, unit: str, decimals: int, signed: bool,
         lang: str) -> str:  # fmt: skip
    """'Keski-ikä 31.12.2025: <area> 52,2, <comparisons> …; of the municipalities highest A 54,0, lowest B 49,2.'"""
    names = queries.area_names(lang)
    values = data.set_index("area_code")["value"]

    def text(code: str) -> str:
        value = values.get(code)
        shown = t("common.no_data", lang) if pd.isna(value) else fmt_value(value, unit, decimals, lang, signed=signed)
        return f"{names[code]} {shown}"

    first = [area, *[c for c in queries.comparison_codes() if c != area]]
    parts = ", ".join(text(c) for c in first if c in values.index)
    focus = values[values.index.isin(queries.focus_codes())]
    ends = extremes(focus)
    if ends is None:
        return f"{name} {when}: {parts}."
    return t("common.bars_alt", lang, subject=f"{name} {when}", areas=parts, high=text(ends[0]), low=text(ends[1]))
