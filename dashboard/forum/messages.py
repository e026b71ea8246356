"""Key messages: one sentence per chart slide, computed from the slide's own chart data (the ChartView's
frame), so the sentence always says what the chart shows: the newest value and its date (marked when
preliminary), the change in a year, the fastest mover among the focus municipalities when the chart
shows them, and the region and the country when the chart shows them.

One pure function per chart kind, each taking the frame and a `Context` (language, area names, focus
municipalities, the indicator catalogue's units); `computed` picks the kind by chart id and falls back to
the first sentence of the chart's text alternative (built from the same data) for charts without one.
Numbers are never made up: a part the frame cannot support (no value a year earlier, no focus
municipalities on the chart) is left out of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.core.i18n import NBSP, fmt_number, fmt_percent, fmt_period, t
from dashboard.model.views import ChartView


@dataclass(frozen=True)
class Unit:
    label: dict  # {lang: label}
    unit: str  # persons | percent | ratio | eur …
    decimals: int
    additive: bool  # municipalities' values may be summed into the sub-region's


@dataclass(frozen=True)
class Context:
    lang: str
    names: Mapping[str, str]  # area code → unique name in `lang`
    focus: tuple[str, ...]  # the region's own municipalities (dim_area.is_focus), configured order
    subregion: str
    region: str
    country: str
    units: Mapping[str, Unit]  # indicator id → its unit

    def label(self, indicator: str, lower: bool = True) -> str:
        """The indicator's name in the sentence's language, lower-cased for use inside a sentence."""
        unit = self.units.get(indicator)
        text = (unit.label.get(self.lang) or unit.label.get("fi")) if unit else indicator
        return text[:1].lower() + text[1:] if lower else text


def _words(ctx: Context, key: str, **values: object) -> str:
    return t(f"forum.message.{key}", ctx.lang, **values)


def _value(ctx: Context, value: float, unit: Unit | None) -> str:
    if unit is not None and unit.unit == "percent":
        return fmt_percent(value, unit.decimals, ctx.lang)
    if unit is not None and unit.unit == "eur":
        return f"{fmt_number(value, unit.decimals, ctx.lang)}{NBSP}€"
    return fmt_number(value, unit.decimals if unit else 0, ctx.lang)


def _period(ctx: Context, period: str, preliminary: bool) -> str:
    shown = fmt_period(str(period), ctx.lang)
    return _words(ctx, "preliminary", period=shown) if preliminary else shown


def year_before(period: str) -> str:
    """'2025' → '2024', '2026-06' → '2025-06': the comparable period a year earlier."""
    period = str(period)
    return f"{int(period[:4]) - 1}{period[4:]}"


def base_period(periods: list[str], period: str) -> str | None:
    """The period `period` is compared with: a year earlier, else the newest earlier one of the same month
    (monthly series are compared like with like), else None."""
    earlier = sorted(p for p in periods if p < period and p[4:] == period[4:])
    if year_before(period) in earlier:
        return year_before(period)
    return earlier[-1] if earlier else None


def change(new: float, old: float, unit: Unit | None) -> tuple[float, str]:
    """(change, how): percentage points for rates, per cent for positive counts, else the difference."""
    if unit is not None and unit.unit == "percent":
        return new - old, "points"
    if old > 0 and new >= 0:
        return 100 * (new - old) / old, "percent"
    return new - old, "difference"


def _change_text(ctx: Context, amount: float, how: str, unit: Unit | None) -> str:
    if how == "percent":
        return fmt_percent(amount, 1, ctx.lang, signed=True)
    if how == "points":
        return _words(ctx, "points", value=fmt_number(amount, 1, ctx.lang, signed=True))
    return fmt_number(amount, unit.decimals if unit else 0, ctx.lang, signed=True)


def _series_of(frame: pd.DataFrame, indicator: str | None) -> pd.DataFrame:
    rows = frame if indicator is None or "indicator_id" not in frame else frame[frame["indicator_id"] == indicator]
    rows = rows[rows["value"].notna()]
    if "is_preliminary" not in rows:
        rows = rows.assign(is_preliminary=False)
    return rows.assign(period=rows["period"].astype(str))


def _point(rows: pd.DataFrame, area: str, period: str) -> tuple[float, bool] | None:
    hit = rows[(rows["area_code"] == area) & (rows["period"] == period)]
    return None if hit.empty else (float(hit["value"].iloc[0]), bool(hit["is_preliminary"].iloc[0]))


def _subject(rows: pd.DataFrame, ctx: Context, unit: Unit | None, order: tuple[str, ...]) -> pd.DataFrame:
    """The series the sentence is about: the sub-region's when shown; else, for a count over the focus
    municipalities only, their sum for the periods where all of them have a value (that is the
    sub-region's figure); else the chart's first area. Returned as rows of one area code."""
    shown = list(dict.fromkeys([*order, *rows["area_code"]]))
    if ctx.subregion in shown:
        return rows[rows["area_code"] == ctx.subregion]
    focus_shown = [a for a in shown if a in ctx.focus]
    if unit is not None and unit.additive and len(focus_shown) > 1 and len(focus_shown) == len(shown):
        grouped = rows.groupby("period").agg(value=("value", "sum"), n=("value", "size"),
                                             is_preliminary=("is_preliminary", "any")).reset_index()  # fmt: skip
        total = grouped[grouped["n"] == len(focus_shown)]
        return total.assign(area_code=ctx.subregion)[["area_code", "period", "value", "is_preliminary"]]
    return rows[rows["area_code"] == shown[0]] if shown else rows.iloc[0:0]


def _fastest(rows: pd.DataFrame, ctx: Context, unit: Unit | None, period: str, base: str,
             falling: bool) -> str | None:  # fmt: skip
    """'nopeimmin väheni <kunta> (−3,1 %)': the focus municipality on the chart that moved most in the
    subject's direction from `base` to `period`; None with fewer than two to compare."""
    moves = []
    for area in ctx.focus:
        new, old = _point(rows, area, period), _point(rows, area, base)
        if new is not None and old is not None:
            amount, how = change(new[0], old[0], unit)
            moves.append((amount, how, area))
    if len(moves) < 2:
        return None
    amount, how, area = min(moves) if falling else max(moves)
    return _words(ctx, "fastest_down" if falling else "fastest_up", area=ctx.names.get(area, area),
                  change=_change_text(ctx, amount, how, unit), n=len(moves))  # fmt: skip


def _comparisons(rows: pd.DataFrame, ctx: Context, unit: Unit | None, subject: str, period: str) -> str | None:
    """'vrt. Keski-Suomi 15,8 %, koko maa 12,8 %': the region and the country when the chart shows them,
    at the subject's period, or their own newest (dated) when they have none for it."""
    parts = []
    for area in (ctx.subregion, ctx.region, ctx.country):
        if area == subject or area not in set(rows["area_code"]):
            continue
        own = rows[rows["area_code"] == area].sort_values("period")
        hit = _point(rows, area, period)
        if hit is not None:
            parts.append(f"{ctx.names.get(area, area)} {_value(ctx, hit[0], unit)}")
        elif not own.empty:
            last = own.iloc[-1]
            when = _period(ctx, last["period"], bool(last["is_preliminary"]))
            parts.append(f"{ctx.names.get(area, area)} {_value(ctx, float(last['value']), unit)} ({when})")
    return _words(ctx, "compare", areas=", ".join(parts)) if parts else None


def series_message(frame: pd.DataFrame, ctx: Context, indicators: tuple[str, ...] = (),
                   areas: tuple[str, ...] = ()) -> str | None:  # fmt: skip
    """A time series of areas (one indicator, or the first of several): '<seutukunta>: väkiluku
    26 387 (2025), −1,3 % vuodessa; nopeimmin väheni …; vrt. …'. Further indicators of one area are named
    with their newest value ('alueella asuva työllinen työvoima 10 032'). None for an indicator outside
    the catalogue (no unit to write it with)."""
    present = list(dict.fromkeys(frame["indicator_id"])) if "indicator_id" in frame else indicators[:1]
    wanted = [i for i in indicators if i in present] or list(present)
    if not wanted or wanted[0] not in ctx.units:
        return None
    first = wanted[0]
    unit = ctx.units[first]
    rows = _series_of(frame, first if "indicator_id" in frame else None)
    subject_rows = _subject(rows, ctx, unit, areas).sort_values("period")
    if subject_rows.empty:
        return None
    last = subject_rows.iloc[-1]
    subject, period = str(last["area_code"]), str(last["period"])
    parts = [_words(ctx, "head", area=ctx.names.get(subject, subject), label=ctx.label(first),
                    value=_value(ctx, float(last["value"]), unit),
                    period=_period(ctx, period, bool(last["is_preliminary"])))]  # fmt: skip
    base = base_period(list(subject_rows["period"]), period)
    if base is not None:
        old = subject_rows[subject_rows["period"] == base]
        amount, how = change(float(last["value"]), float(old["value"].iloc[0]), unit)
        moved = _change_text(ctx, amount, how, unit)
        parts[0] += ", " + (_words(ctx, "in_a_year", change=moved) if base == year_before(period)
                            else _words(ctx, "since", change=moved, period=fmt_period(base, ctx.lang)))  # fmt: skip
        fastest = _fastest(rows, ctx, unit, period, base, amount < 0)
        parts += [fastest] if fastest else []
    for other in wanted[1:]:
        hit = _point(_series_of(frame, other), subject, period)
        if hit is not None and other in ctx.units:
            parts.append(f"{ctx.label(other)} {_value(ctx, hit[0], ctx.units[other])}")
    compared = _comparisons(rows, ctx, unit, subject, period)
    parts += [compared] if compared else []
    return "; ".join(parts) + "."


def bars_by_area_message(frame: pd.DataFrame, ctx: Context, column: str, indicator: str) -> str | None:
    """Bars of one value by area in one period: 'Pendelöinnin tase 2017: suurin <kunta A> +43, pienin
    <kunta B> −305; positiivinen 3 alueella 8:sta.'"""
    rows = frame[frame[column].notna()]
    if rows.empty:
        return None
    unit = ctx.units.get(indicator)
    top, bottom = rows.loc[rows[column].idxmax()], rows.loc[rows[column].idxmin()]

    def shown(row: pd.Series) -> str:
        return f"{ctx.names.get(row['area_code'], row['area_name'])} {fmt_number(row[column], 0, ctx.lang, True)}"

    text = _words(ctx, "bars_head", label=ctx.label(indicator, lower=False), period=fmt_period(str(rows["period"].iloc[0])),
                  top=shown(top), bottom=shown(bottom))  # fmt: skip
    positive = int((rows[column] > 0).sum())
    if unit is None or unit.unit == "persons":
        text += "; " + _words(ctx, "bars_positive", n=positive, total=len(rows))
    return text + "."


def age_message(frame: pd.DataFrame, ctx: Context, areas: tuple[str, ...] = ()) -> str | None:
    """Age groups' shares by area: the share aged 65 or over (groups starting at 65 or later) of the
    chart's area, with the region and the country beside it."""
    older = frame[frame["age_group"].str.extract(r"^(\d+)", expand=False).astype(float) >= 65]
    if older.empty:
        return None
    shares = older.groupby("area_code", sort=False)["share"].sum()
    order = [a for a in dict.fromkeys([*areas, *frame["area_code"]]) if a in shares.index]
    subject = order[0]
    period = str(frame["period"].iloc[0])
    others = [f"{ctx.names.get(a, a)} {fmt_percent(shares[a], 1, ctx.lang)}" for a in order[1:]]
    text = _words(ctx, "age_head", area=ctx.names.get(subject, subject), period=period,
                  share=fmt_percent(shares[subject], 1, ctx.lang))  # fmt: skip
    return text + ("; " + _words(ctx, "compare", areas=", ".join(others)) if others else "") + "."


def projection_message(frame: pd.DataFrame, ctx: Context) -> str | None:
    """The official projection: the sub-region's newest actual population and the projection's last year,
    with the change between them, and the focus municipality projected to fall (or grow) the most."""
    rows = frame[frame["value"].notna()]
    subject = ctx.subregion if ctx.subregion in set(rows["area_code"]) else str(rows["area_code"].iloc[0])
    own = rows[rows["area_code"] == subject]
    actual, official = own[own["series"] == "actual"], own[own["series"] == "official"]
    if actual.empty or official.empty:
        return None
    now, then = actual.loc[actual["year"].idxmax()], official.loc[official["year"].idxmax()]
    amount = 100 * (then["value"] - now["value"]) / now["value"]
    text = _words(ctx, "projection_head", area=ctx.names.get(subject, subject),
                  now=fmt_number(now["value"], 0, ctx.lang), now_year=int(now["year"]),
                  then=fmt_number(then["value"], 0, ctx.lang), then_year=int(then["year"]),
                  change=fmt_percent(amount, 1, ctx.lang, signed=True))  # fmt: skip
    moves = []
    for area in ctx.focus:
        a = rows[(rows["area_code"] == area) & (rows["series"] == "actual") & (rows["year"] == now["year"])]
        o = rows[(rows["area_code"] == area) & (rows["series"] == "official") & (rows["year"] == then["year"])]
        if not a.empty and not o.empty and a["value"].iloc[0] > 0:
            moves.append((100 * (o["value"].iloc[0] - a["value"].iloc[0]) / a["value"].iloc[0], area))
    if len(moves) > 1:
        falling = amount < 0
        move, area = min(moves) if falling else max(moves)
        text += "; " + _words(ctx, "fastest_down" if falling else "fastest_up", area=ctx.names.get(area, area),
                              change=fmt_percent(move, 1, ctx.lang, signed=True), n=len(moves))  # fmt: skip
    return text + "."


def funding_message(frame: pd.DataFrame, ctx: Context, label_column: str) -> str | None:
    """Funding by fund: granted in total (a derived sum of the rows shown), the projects, the largest fund."""
    rows = frame[frame["granted_eur"].notna()]
    if rows.empty:
        return None
    top = rows.loc[rows["granted_eur"].idxmax()]
    total = rows["granted_eur"].sum()
    return _words(ctx, "funding_head", total=f"{fmt_number(total, 0, ctx.lang)}{NBSP}€",
                  projects=int(frame["projects"].sum()), fund=top[label_column],
                  amount=f"{fmt_number(top['granted_eur'], 0, ctx.lang)}{NBSP}€") + "."  # fmt: skip


_SENTENCE_END = re.compile(r"(?<!\bvrt)(?<!\bjfr)(?<!\bcf)(?<!\besim)(?<!\s)[.;] ", re.IGNORECASE)


def first_sentence(text: str) -> str:
    """The first sentence (or clause before ';') of a text alternative, which is written from the chart's
    data; abbreviations ('vrt.') and decimal points do not end it."""
    text = " ".join(text.split())
    end = _SENTENCE_END.search(text)
    return text if end is None else text[: end.start()] + "."


Kind = Callable[[ChartView, Context], str | None]
KINDS: dict[str, Kind] = {
    "age_structure": lambda v, c: age_message(v.data, c, v.areas),
    "commuting_balance": lambda v, c: bars_by_area_message(v.data, c, "commuting_balance", "commuting_balance"),
    "projection_official": lambda v, c: projection_message(v.data, c),
    "funding_by_fund": lambda v, c: funding_message(v.data, c, v.data.columns[1]),
}
SERIES_COLUMNS = {"area_code", "period", "value"}


def message_for(chart_id: str, view: ChartView, ctx: Context) -> str:
    """The computed key message of a slide showing `view` (chart `chart_id`); '' when nothing can be said."""
    kind = KINDS.get(chart_id)
    if kind is None and view.time_axis and set(view.data.columns) >= SERIES_COLUMNS:
        kind = lambda v, c: series_message(v.data, c, v.indicators, v.areas)  # noqa: E731
    text = kind(view, ctx) if kind is not None and not view.data.empty else None
    return text or first_sentence(view.alt_text)
