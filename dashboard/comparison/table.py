"""Kuntavertailu (municipality comparison) page: every indicator's latest value for the focus
municipalities and the comparison areas as a heatmap table with ranks and trend arrows, one theme at a time
(a spearhead's indicators, the others, or all of them), and small multiples of one indicator. The map is in
comparison_map.py.

Periods are respected: for each indicator one period is compared (the newest in which a focus municipality
has a value; compare_latest.sql), and an area without a value in that period shows "ei tietoa" rather than
an older figure. Ranks are among the focus municipalities, or among a national peer group (peers.py: the
group's median becomes a column, an indicator only the region has is not ranked); the colour shows them
only where a rank means better or worse (a rate with a direction in the catalogue) — head counts only
order places by size.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.comparison import peers as peer_groups
from dashboard.comparison.peers import MEDIAN, PeerGroup
from dashboard.core import queries
from dashboard.core.i18n import fmt_period, fmt_value, label, t
from dashboard.core.memo import memo
from dashboard.funding.views import spearhead_name
from dashboard.model import charts, derive
from dashboard.model.sourcing import source_caption
from dashboard.model.views import ChartView
from dashboard.overview.headlines import trend

EXCLUDED = frozenset({"population_projection"})  # a projection, not an observed value
DEFAULT_INDICATOR = "unemployment_rate"  # the figure the managers ask for first
SPEARHEADS = {"ennakointi": 0, "yrittajyys": 1, "edellakavijyys": 2}
# The heatmap's themes (URL values of kuntavertailu.teema): each spearhead's indicators, those of no
# spearhead, all. One theme at a time: the 594 cells of all 54 indicators took the browser ~350 ms to draw.
OTHER, ALL = "muut", "kaikki"
THEMES = (*SPEARHEADS, OTHER, ALL)
ARROWS = {"up": "↑", "down": "↓", "off": "→"}
TREND_COLORS = {"green": "#1a7f37", "red": "#b42318", "gray": "#4a4a4a"}
SCALE = [[0.0, "#f4a582"], [0.5, "#f7f7f7"], [1.0, "#92c5de"]]  # worst (orange) → best (blue): colour-blind safe
OWN = PeerGroup(peer_groups.OWN)
SHOWN = ["indicator_id", "indicator", "unit", "period", "area_code", "area_name", "value", "status", "rank",
         "ranked", "period_1y", "value_1y", "change", "trend", "is_derived", "source_table", "vintage"]  # fmt: skip


@dataclass(frozen=True)
class ComparisonChoices:
    """What the Kuntavertailu page's widgets offer, built once per data version and language (a warm rerun
    formats its options from these dicts instead of unpickling the catalogue once per option label)."""

    municipalities: tuple[str, ...]
    names: Mapping[str, str]  # area code → unique name (queries.area_names)
    indicators: tuple[str, ...]
    labels: dict[str, str]
    default_indicator: str
    yearly: frozenset[str]  # indicators with yearly data (a 3-year rolling mean makes sense)
    themes: tuple[str, ...]  # the heatmap's themes that have indicators, in THEMES order


@memo
def options(lang: str) -> ComparisonChoices:
    catalog = queries.indicators()
    ids = tuple(_ordered(list(dict.fromkeys(_latest_rows()["indicator_id"]))))
    return ComparisonChoices(
        municipalities=tuple(queries.focus_codes()), names=queries.area_names(lang), indicators=ids,
        labels={i: label(catalog.loc[i].to_dict(), lang) for i in ids},
        default_indicator=DEFAULT_INDICATOR if DEFAULT_INDICATOR in ids else ids[0],
        yearly=frozenset(i for i in ids if catalog.loc[i, "frequency"] == "year"),
        themes=tuple(theme for theme in THEMES if theme == ALL or theme in set(themes_of(pd.Series(ids)))),
    )  # fmt: skip


def themes_of(indicator_ids: pd.Series) -> pd.Series:
    """The heatmap theme of each indicator: its spearhead, or OTHER."""
    spearheads = indicator_ids.map(queries.indicators()["spearhead"])
    return spearheads.where(spearheads.isin(list(SPEARHEADS)), OTHER)


def theme_label(theme: str, lang: str) -> str:
    """A spearhead's name as the funding pages write it, or "Muut indikaattorit" / "Kaikki indikaattorit"."""
    return spearhead_name(theme, lang) if theme in SPEARHEADS else t(f"comparison.theme_{theme}", lang)


def _in_theme(rows: pd.DataFrame, theme: str) -> pd.DataFrame:
    return rows if theme == ALL else rows[themes_of(rows["indicator_id"]) == theme]


def in_focus_order(codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The chosen municipalities in the configured order, whatever order they were clicked in (stable columns
    and colours, and one cache entry per set)."""
    return tuple(c for c in options("fi").municipalities if c in set(codes))


def indicator_label(indicator: str, lang: str) -> str:
    return options(lang).labels.get(indicator) or label(queries.indicators().loc[indicator].to_dict(), lang)


def _ordered(ids: list[str]) -> list[str]:
    catalog = queries.indicators()
    return sorted(ids, key=lambda i: (SPEARHEADS.get(catalog.loc[i, "spearhead"], 9), catalog.loc[i, "label_fi"]))


def _latest_rows(peers: PeerGroup = OWN) -> pd.DataFrame:
    ids = [i for i in queries.indicators().index if i not in EXCLUDED]
    focus = queries.focus_codes()
    wanted = [*focus, *queries.comparison_codes()]
    wanted += [c for c in peers.codes if c not in set(wanted)]
    return queries.run("compare_latest", indicator_ids=ids, area_codes=wanted, focus_codes=focus)


@memo
def regional_only(peers: PeerGroup) -> tuple[str, ...]:
    """Indicators that no member of a national group outside the region has in the compared period."""
    if not peers.national:
        return ()
    rows = _latest_rows(peers)
    return tuple(i for i, part in rows.groupby("indicator_id", sort=False) if peer_groups.not_national(part, peers))


def regional_only_note(peers: PeerGroup, lang: str) -> str | None:
    """The sentence naming the indicators a national group cannot be compared on, or None."""
    found = regional_only(peers)
    if not found:
        return None
    ids = _ordered(list(found))
    region = queries.region()["region"]
    return t("comparison.not_national", lang, n=len(ids), region=queries.area_names(lang).get(region, region),
             indicators=", ".join(indicator_label(i, lang) for i in ids))  # fmt: skip


def scored(unit: str, higher_is_better: object) -> bool:
    """Whether a rank is good or bad news: a rate with a direction. Counts only order places by size."""
    return unit != "persons" and higher_is_better is not None and not pd.isna(higher_is_better)


def rank_table(rows: pd.DataFrame, catalog: pd.DataFrame, focus: list[str]) -> pd.DataFrame:
    """Adds rank (1 = best among the focus municipalities), ranked (how many had a value), change from a year
    earlier, trend ('up'/'down'/'off') and its colour, and score (0 worst … 1 best) where ranks mean good/bad."""
    parts = []
    for ind, part in rows.groupby("indicator_id", sort=False):
        entry = catalog.loc[ind]
        part = part.copy()
        in_focus = part["area_code"].isin(focus)
        part["rank"] = pd.array([pd.NA] * len(part), dtype="Int64")
        part.loc[in_focus, "rank"] = derive.ranks(part.loc[in_focus, "value"], entry["higher_is_better"])
        part["ranked"] = int(part.loc[in_focus, "value"].notna().sum())
        part["change"] = part["value"] - part["value_1y"]
        trends = [trend(c, entry["higher_is_better"]) for c in part["change"]]
        part["trend"], part["trend_color"] = [a for a, _ in trends], [c for _, c in trends]
        n = part["ranked"].iloc[0]
        if scored(entry["unit"], entry["higher_is_better"]) and n > 1:
            part["score"] = 1 - (part["rank"].to_numpy(dtype=float, na_value=float("nan")) - 1) / (n - 1)
        else:
            part["score"] = float("nan")
        part.loc[~in_focus, "score"] = float("nan")
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else rows


def rank_text(rank: int, ranked: int, lang: str) -> str:
    """'5./8' in Finnish, '5/8' in English and Swedish."""
    return t("comparison.rank", lang, rank=rank, n=ranked)


def value_text(value: float, status: object, unit: str, decimals: int, lang: str) -> str:
    """The figure as read, a suppression mark ('..', '.') where one was published, or 'ei tietoa'."""
    if pd.isna(value):
        return status if isinstance(status, str) and status else t("common.no_data", lang)
    return fmt_value(value, unit, decimals, lang)


def _with_median(rows: pd.DataFrame, peers: PeerGroup, regional: tuple[str, ...]) -> pd.DataFrame:
    """Unrank the indicators only the region has, and add the group's median (derived) as a column."""
    members = peer_groups.ranked_among(peers)
    rows.loc[rows["indicator_id"].isin(regional), ["rank", "score"]] = [pd.NA, float("nan")]
    medians = []
    for ind, part in rows.groupby("indicator_id", sort=False):
        inside = part[part["area_code"].isin(members)]
        national = ind not in regional
        medians.append({"indicator_id": ind, "area_code": MEDIAN, "period": part["period"].iloc[0],
                        "value": inside["value"].median() if national else float("nan"), "status": None,
                        "is_derived": True, "source_table": ",".join(sorted(set(inside["source_table"].dropna()))),
                        "vintage": inside["vintage"].dropna().max() if national else None,
                        "period_1y": part["period_1y"].iloc[0], "value_1y": float("nan"),
                        "ranked": part["ranked"].iloc[0], "change": float("nan"), "trend": "off",
                        "trend_color": "gray", "score": float("nan")})  # fmt: skip
    frame = pd.DataFrame(medians)
    frame["rank"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    return pd.concat([rows, frame], ignore_index=True)


def column_names(peers: PeerGroup, lang: str) -> dict[str, str]:
    """{code: column name}: the area names, and the group median's."""
    names = dict(queries.area_names(lang))
    if peers.national:
        names[MEDIAN] = peer_groups.median_name(peers, lang)
    return names


@memo
def _table(lang: str, peers: PeerGroup = OWN) -> pd.DataFrame:
    catalog = queries.indicators()
    rows = rank_table(_latest_rows(peers), catalog, peer_groups.ranked_among(peers))
    if peers.national:
        rows = _with_median(rows, peers, regional_only(peers))
    area_names = column_names(peers, lang)
    rows["indicator"] = rows["indicator_id"].map(lambda i: label(catalog.loc[i].to_dict(), lang))
    rows["unit"] = rows["indicator_id"].map(catalog["unit"])
    rows["area_name"] = rows["area_code"].map(lambda c: area_names.get(c, c))
    rows["text"] = [value_text(v, s, catalog.loc[i, "unit"], int(catalog.loc[i, "decimals"]), lang)
                    for v, s, i in zip(rows["value"], rows["status"], rows["indicator_id"])]  # fmt: skip
    order = {i: n for n, i in enumerate(_ordered(list(dict.fromkeys(rows["indicator_id"]))))}
    return rows.sort_values("indicator_id", key=lambda s: s.map(order), kind="stable", ignore_index=True)


def shown_columns(codes: list[str] | tuple[str, ...], peers: PeerGroup) -> list[str]:
    """The chosen municipalities, the comparison areas and (for a national group) the group's median."""
    return [*codes, *queries.comparison_codes(), *([MEDIAN] if peers.national else [])]


def table_rows(codes: list[str], lang: str, peers: PeerGroup = OWN) -> pd.DataFrame:
    """The long table (one row per indicator and area) for the chosen municipalities and the comparisons."""
    rows = _table(lang, peers)
    return rows[rows["area_code"].isin(shown_columns(codes, peers))]


def _row_label(indicator: str, unit: str, period: str, lang: str) -> str:
    unit_text = "%" if unit == "percent" else t(f"unit.{unit}", lang)
    # Head counts need no unit; some labels already name theirs ("Lainakanta, euroa/asukas").
    unit_part = "" if unit == "persons" or unit_text in indicator else f" ({unit_text})"
    return f"{indicator}{unit_part} · {fmt_period(period, lang)}"


def heatmap_view(codes: list[str], lang: str, peers: PeerGroup = OWN, theme: str = ALL) -> ChartView:
    return _heatmap_view(in_focus_order(codes), lang, peers, theme)


def wrap(text: str, width: int) -> str:
    """Break a label onto lines of at most `width` characters (<br>), at spaces and after hyphens."""
    lines = textwrap.wrap(text.replace("-", "- "), width, break_long_words=False) or [text]
    return "<br>".join(lines).replace("- ", "-")


@memo
def _heatmap_view(codes: tuple[str, ...], lang: str, peers: PeerGroup = OWN, theme: str = ALL) -> ChartView:
    catalog = queries.indicators()
    columns = shown_columns(codes, peers)
    area_names = column_names(peers, lang)
    rows = _in_theme(table_rows(list(codes), lang, peers), theme)
    # Units sit in the row labels, so the cells hold bare numbers and eleven columns fit the page.
    rows["row_label"] = [wrap(_row_label(i, u, p, lang), 34)
                         for i, u, p in zip(rows["indicator"], rows["unit"], rows["period"])]  # fmt: skip
    rows["column"] = rows["area_code"].map(lambda c: wrap(area_names.get(c, c), 11))
    y_order = list(dict.fromkeys(rows["row_label"]))
    x_order = [wrap(area_names.get(c, c), 11) for c in columns]
    z = rows.pivot(index="row_label", columns="column", values="score").reindex(index=y_order, columns=x_order)
    numbers = [
        value_text(v, s, "ratio", int(catalog.loc[i, "decimals"]), lang)
        for v, s, i in zip(rows["value"], rows["status"], rows["indicator_id"])
    ]  # fmt: skip
    # The cell's text sits on the heatmap trace itself (a text trace of its own took a third longer to draw),
    # its first line in the trend's colour.
    marks = [ARROWS[a] if pd.notna(v) and pd.notna(v1) else ""
             for a, v, v1 in zip(rows["trend"], rows["value"], rows["value_1y"])]  # fmt: skip
    ranks = [f"<br><span style='font-size:10px'>{rank_text(r, n, lang)}</span>" if pd.notna(r) else ""
             for r, n in zip(rows["rank"], rows["ranked"])]  # fmt: skip
    cell = [f"<span style='color:{TREND_COLORS[c]}'>{f'{x} {m}'.strip()}</span>{k}"
            for x, m, c, k in zip(numbers, marks, rows["trend_color"], ranks)]  # fmt: skip
    hover = [t("comparison.cell_hover", lang, area=a, indicator=i, period=fmt_period(p, lang), value=x,
               rank=rank_text(r, n, lang) if pd.notna(r) else "–", before=fmt_period(p1, lang),
               change=_change_text(c, u, lang))
             for a, i, p, x, r, n, p1, c, u in zip(rows["area_name"], rows["indicator"], rows["period"], rows["text"],
                                                   rows["rank"], rows["ranked"], rows["period_1y"], rows["change"],
                                                   rows["unit"])]  # fmt: skip

    def grid(values: list[str]) -> list[list[str]]:
        cells = rows.assign(cell=values).pivot(index="row_label", columns="column", values="cell")
        return cells.reindex(index=y_order, columns=x_order).fillna("").to_numpy().tolist()

    figure = go.Figure(go.Heatmap(z=z.to_numpy(dtype=float, na_value=float("nan")), x=x_order, y=y_order,
                                  colorscale=SCALE, zmin=0, zmax=1, showscale=False, xgap=2, ygap=2,
                                  text=grid(cell), texttemplate="%{text}", textfont={"size": 11},
                                  hovertext=grid(hover), hoverinfo="text"))  # fmt: skip
    scope = theme_label(theme, lang)
    if peers.national:
        title = t("comparison.heatmap_title_peers", lang, n=len(y_order), theme=scope,
                  group=peer_groups.group_label(peers.kind, lang, full=True))  # fmt: skip
    else:
        title = t("comparison.heatmap_title", lang, n=len(y_order), theme=scope)
    figure = charts.base_layout(figure, title, lang, height=44 * len(y_order) + 160)
    figure.update_layout(plot_bgcolor="#efefef", margin={"l": 10, "r": 10, "t": 120, "b": 10})
    # Fixed ranges: the cells fill the plot edge to edge, whatever the text in them.
    figure.update_xaxes(side="top", showgrid=False, tickangle=0, categoryorder="array", categoryarray=x_order,
                        tickfont={"size": 11}, range=[-0.5, len(x_order) - 0.5])  # fmt: skip
    figure.update_yaxes(showgrid=False, categoryorder="array", categoryarray=y_order, tickfont={"size": 11},
                        range=[len(y_order) - 0.5, -0.5])  # fmt: skip
    data = rows.assign(trend=rows["trend"].where(rows["change"].notna()))[SHOWN].reset_index(drop=True)
    alt = f"{scope}: {_heatmap_alt(rows, codes, lang)}"
    if peers.national:
        alt += " " + t("comparison.heatmap_alt_peers", lang, group=peer_groups.group_label(peers.kind, lang, full=True),
                       n=len(peer_groups.ranked_among(peers)))  # fmt: skip
    return ChartView(figure, data, source_caption(rows, lang), alt)


def _change_text(change: float, unit: str, lang: str) -> str:
    if pd.isna(change):
        return t("common.no_data", lang)
    if unit == "percent":
        return f"{fmt_value(change, 'ratio', 1, lang, signed=True)} {t('common.pp', lang)}"
    return fmt_value(change, unit, 1 if unit == "ratio" else 0, lang, signed=True)


def _heatmap_alt(rows: pd.DataFrame, codes: tuple[str, ...], lang: str) -> str:
    ranked = rows[rows["score"].notna() & rows["area_code"].isin(codes)]
    best = ranked[ranked["rank"] == 1]["area_name"].value_counts()
    worst = ranked[ranked["score"] == 0]["area_name"].value_counts()
    counts = {"n": rows["indicator_id"].nunique(), "areas": rows["area_code"].nunique()}
    if best.empty:
        return t("comparison.heatmap_alt_plain", lang, **counts)
    return t("comparison.heatmap_alt", lang, **counts, scored=ranked["indicator_id"].nunique(), best=best.index[0],
             best_n=int(best.iloc[0]), worst=worst.index[0] if not worst.empty else "–",
             worst_n=int(worst.iloc[0]) if not worst.empty else 0)  # fmt: skip


def table_view(codes: list[str], lang: str, peers: PeerGroup = OWN, theme: str = ALL) -> pd.DataFrame:
    """The heatmap as a plain table for reading and screen readers: one row per indicator, '↑ 3./8' marks."""
    return _table_view(in_focus_order(codes), lang, peers, theme)


@memo
def _table_view(codes: tuple[str, ...], lang: str, peers: PeerGroup = OWN, theme: str = ALL) -> pd.DataFrame:
    rows = _in_theme(table_rows(list(codes), lang, peers), theme)
    rows = rows.assign(cell=[
        f"{text} {ARROWS[a] if pd.notna(c) else ''}".strip() + (f" ({rank_text(r, n, lang)})" if pd.notna(r) else "")
        for text, a, c, r, n in zip(rows["text"], rows["trend"], rows["change"], rows["rank"], rows["ranked"])
    ])  # fmt: skip
    wide = rows.pivot(index=["indicator_id"], columns="area_code", values="cell")
    first = rows.drop_duplicates("indicator_id").set_index("indicator_id")
    out = pd.DataFrame({t("comparison.indicator_column", lang): first["indicator"],
                        t("common.period", lang): first["period"].map(lambda p: fmt_period(p, lang))})  # fmt: skip
    names = column_names(peers, lang)
    for code in shown_columns(codes, peers):
        out[names.get(code, code)] = wide[code]
    return out.reset_index(drop=True)
