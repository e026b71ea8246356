"""Kuntavertailu peer groups: whom the focus municipalities are ranked among.

Three groups: the region's own (focus) municipalities, as the page always did; every municipality of
Finland under PEER_THRESHOLD residents by the newest population figure (chosen in SQL,
compare_small_municipalities.sql); or a set chosen from all municipalities. With a national group the
ranks are among the group (the focus municipalities included), the heatmap gets the group's median and
this module draws the ranking of the chosen indicator: about 200 bars sorted by value, the focus
municipalities coloured and named, the median and quartiles as lines — not 200 lines of a time series.

Many indicators exist only for the region (the bundled commuting, key-figure and projection files cover
Keski-Suomi): an indicator that no group member outside the configured region has is "not national" and
is neither ranked nor given a median for such a group; the page says so. Medians and quartiles are derived.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.core import queries
from dashboard.core.i18n import fmt_period, fmt_value, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView

PEER_THRESHOLD = 10_000  # residents: "small municipalities" as the national comparison group
OWN, SMALL, CHOSEN = "oma", "pienet", "valitut"  # option values (the URL holds their labels)
GROUPS = (OWN, SMALL, CHOSEN)
MEDIAN = "vertailuryhman_mediaani"  # the pseudo-area code of the group median in tables (never a real code)
OTHER = "#c4c4c4"  # bars of group members outside the focus set
SHOWN = ["area_code", "area_name", "is_focus", "period", "value", "status", "rank", "ranked", "is_derived",
         "source_table", "vintage"]  # fmt: skip


@dataclass(frozen=True)
class PeerGroup:
    """The chosen group: `codes` empty means the focus municipalities alone (the page's own ranking)."""

    kind: str
    codes: tuple[str, ...] = ()

    @property
    def national(self) -> bool:
        return bool(self.codes)


@memo
def municipalities() -> tuple[str, ...]:
    """Every municipality of the classification, in Finnish alphabetical order (the chooser's options)."""
    names = queries.area_names("fi")
    codes = queries.run("compare_municipalities")["area_code"]
    return tuple(sorted(codes, key=lambda c: names.get(c, c)))


@memo
def small_municipalities() -> tuple[tuple[str, ...], str]:
    """(codes, population period): the municipalities under PEER_THRESHOLD residents in the newest year."""
    rows = queries.run("compare_small_municipalities", threshold=PEER_THRESHOLD)
    return tuple(rows["area_code"]), (rows["period"].iloc[0] if not rows.empty else "")


def group_label(kind: str, lang: str, full: bool = False) -> str:
    """The option's text, the threshold stated (a stable text: the URL holds it); `full` adds how many
    municipalities the group has by which year's population (titles, captions)."""
    if kind == SMALL:
        text = t("comparison.peer_small", lang, threshold=fmt_value(PEER_THRESHOLD, "persons", 0, lang))
        if full:
            codes, period = small_municipalities()
            text += " " + t("comparison.peer_small_count", lang, n=len(codes), period=fmt_period(period, lang))
        return text
    return t(f"comparison.peer_{'own' if kind == OWN else 'chosen'}", lang)


def group_note(peers: PeerGroup, lang: str) -> str | None:
    """Under the chooser: how many municipalities a national group ranks (the focus ones included)."""
    if not peers.national:
        return None
    if peers.kind == SMALL:
        return group_label(SMALL, lang, full=True)
    return t("comparison.peer_chosen_count", lang, n=len(ranked_among(peers)))


def group(kind: str, chosen: list[str] | tuple[str, ...]) -> PeerGroup:
    """The group for the page's choice; a chosen set with nothing chosen is the own group."""
    if kind == SMALL:
        return PeerGroup(SMALL, small_municipalities()[0])
    if kind == CHOSEN and chosen:
        wanted = set(chosen)
        return PeerGroup(CHOSEN, tuple(c for c in municipalities() if c in wanted))
    return PeerGroup(OWN)


def ranked_among(peers: PeerGroup) -> list[str]:
    """Who is ranked: the group and the focus municipalities (a focus municipality over the threshold is
    still ranked, against the group)."""
    focus = queries.focus_codes()
    return [*focus, *(c for c in peers.codes if c not in set(focus))] if peers.national else focus


@memo
def region_members() -> frozenset[str]:
    return frozenset(queries.run("compare_region_members", region=queries.region()["region"])["area_code"])


NATIONAL_SHARE = 0.5  # of the group's members outside the region with a value: below it, "not national"


def not_national(values: pd.DataFrame, peers: PeerGroup) -> bool:
    """True when the group has members outside the configured region and fewer than half of them have a
    value: the figure is the region's (`values`: area_code, value). Not "none of them": the files trimmed to
    Keski-Suomi also keep Kuhmoinen, in Keski-Suomi until 2021, so one outsider can have a value."""
    outside = set(peers.codes) - region_members()
    valued = set(values.loc[values["value"].notna(), "area_code"])
    return bool(outside) and len(valued & outside) < NATIONAL_SHARE * len(outside)


def median_name(peers: PeerGroup, lang: str) -> str:
    return t("comparison.peer_median", lang, n=len(ranked_among(peers)))


def ranking_view(indicator: str, period: str, codes: tuple[str, ...], peers: PeerGroup, lang: str) -> Block:
    return _ranking_view(indicator, period, codes, peers, lang)


@memo
def _ranking_view(indicator: str, period: str, codes: tuple[str, ...], peers: PeerGroup, lang: str) -> Block:
    from dashboard.comparison.table import indicator_label  # table imports this module

    entry = queries.indicators().loc[indicator]
    unit, decimals, better = entry["unit"], int(entry["decimals"]), entry["higher_is_better"]
    members = ranked_among(peers)
    names = queries.area_names(lang)
    rows = queries.run("compare_period_values", indicator_id=indicator, period=period, area_codes=members)
    data = pd.DataFrame({"area_code": members}).merge(rows, on="area_code", how="left")
    data = data.assign(area_name=data["area_code"].map(lambda c: names.get(c, c)), period=period,
                       is_focus=data["area_code"].isin(queries.focus_codes()))  # fmt: skip
    label_text, group_text = indicator_label(indicator, lang), group_label(peers.kind, lang, full=True)
    if not_national(data, peers):
        region = names.get(queries.region()["region"], queries.region()["region"])
        return Block(None, (t("comparison.ranking_not_national", lang, indicator=label_text, region=region,
                              period=fmt_period(period, lang)),))  # fmt: skip
    has = data[data["value"].notna()].copy()
    if has.empty:
        return Block(None, (t("comparison.map_no_data", lang, period=fmt_period(period, lang)),))
    has["rank"] = derive.ranks(has["value"], better)
    has["ranked"] = len(has)
    has = has.sort_values(["rank", "area_name"], kind="stable")
    notes = []
    missing = data[data["value"].isna()]
    if not missing.empty:
        listed = ", ".join(missing["area_name"].head(12)) + (" …" if len(missing) > 12 else "")
        notes.append(t("comparison.ranking_missing", lang, k=len(missing), n=len(data), areas=listed))
    q1, median, q3 = (float(has["value"].quantile(q)) for q in (0.25, 0.5, 0.75))
    unit_text = "%" if unit == "percent" else t(f"unit.{unit}", lang)
    colors = queries.area_colors()
    chosen = has["area_code"].isin(codes)
    bars = go.Bar(
        x=has["area_name"], y=has["value"], marker={"color": [colors.get(c, OTHER) if f else OTHER
                                                              for c, f in zip(has["area_code"], chosen)]},
        text=[f"{n} {r}." if f else "" for n, r, f in zip(has["area_name"], has["rank"], chosen)],
        textposition="outside", cliponaxis=False, showlegend=False,
        hovertext=[f"{n}: {fmt_value(v, unit, decimals, lang)} ({t('comparison.rank', lang, rank=r, n=len(has))})"
                   for n, v, r in zip(has["area_name"], has["value"], has["rank"])],
        hoverinfo="text",
    )  # fmt: skip
    title = t("comparison.ranking_title", lang, indicator=label_text, period=fmt_period(period, lang), unit=unit_text,
              n=len(has), group=group_text)  # fmt: skip
    figure = charts.base_layout(go.Figure(bars), title, lang, height=480)
    stats = ((median, "comparison.peer_median_line", "solid"), (q1, "comparison.peer_q1", "dash"),
             (q3, "comparison.peer_q3", "dash"))  # fmt: skip
    for value, key, dash in stats:
        figure.add_hline(y=value, line={"color": "#3b3b3b", "dash": dash, "width": 1.2},
                         annotation_text=f"{t(key, lang)} {fmt_value(value, unit, decimals, lang)}",
                         annotation_position="top left")  # fmt: skip
    # ~200 names do not fit under the bars: the chosen ones are written on theirs, every bar has a hover.
    figure.update_xaxes(showticklabels=False, title={"text": t("comparison.ranking_axis", lang)},
                        categoryorder="array", categoryarray=list(has["area_name"]))  # fmt: skip
    figure.update_yaxes(title={"text": unit_text}, tickformat=",~f")
    derived = pd.DataFrame([{"area_code": "", "area_name": f"{t(key, lang)} ({t('common.derived_short', lang)})",
                             "is_focus": False, "period": period, "value": value, "is_derived": True}
                            for value, key, _ in stats])  # fmt: skip
    shown = pd.concat([has.assign(is_derived=has["is_derived"].fillna(False))[SHOWN], derived], ignore_index=True)
    picked = has[chosen]
    alt = t("comparison.ranking_alt", lang, indicator=label_text, period=fmt_period(period, lang), group=group_text,
            n=len(has), total=len(data), median=fmt_value(median, unit, decimals, lang),
            q1=fmt_value(q1, unit, decimals, lang), q3=fmt_value(q3, unit, decimals, lang),
            chosen="; ".join(t("comparison.ranking_chosen", lang, area=n, value=fmt_value(v, unit, decimals, lang),
                                rank=t("comparison.rank", lang, rank=r, n=len(has)))
                             for n, v, r in zip(picked["area_name"], picked["value"], picked["rank"])) or "–")  # fmt: skip
    view = ChartView(figure, shown, source_caption(has, lang), alt, indicators=(indicator,))
    return Block(view, tuple(notes))
