"""Kuntavertailu map: one indicator in one period for every municipality of the region — or of all Finland
(`FINLAND`) — the chosen focus municipalities outlined and named, from the boundaries in the warehouse
(geo_area, NLS 1:4.5M). Municipalities without a value (most of Finland for the indicators the bundled data
has only for the region) are grey and counted in the text alternative.

No internet: the map uses plotly's geo subplot with the GeoJSON boundaries only, base layers off, so no tiles
and no world topojson are needed. Plotly.js 3.8 still fetches its world topojson when the *first* trace of a
geo subplot has a `locationmode` (a choropleth with GeoJSON gets 'geojson-id'), and draws nothing when the
fetch fails; the label trace (Scattergeo with lon/lat, no locationmode) therefore goes first. The e2e test
checks that the municipalities are drawn.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go

from dashboard.comparison.table import in_focus_order, indicator_label
from dashboard.core import queries
from dashboard.core.i18n import fmt_period, fmt_value, t
from dashboard.core.memo import memo
from dashboard.model import charts
from dashboard.model.sourcing import source_caption
from dashboard.model.views import ChartView

REGION, FINLAND = "alue", "suomi"  # map scopes (the URL holds their labels)
SCOPES = (REGION, FINLAND)
NO_DATA = "#d9d9d9"
OUTLINE = "#111111"
TRANSPARENT = [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]]


def members(scope: str = REGION) -> pd.DataFrame:
    """The municipalities of the configured region (or all of Finland), focus flag included."""
    if scope == FINLAND:
        return queries.run("compare_municipalities")
    return queries.run("compare_region_members", region=queries.region()["region"])


@memo
def scope_labels(lang: str) -> dict[str, str]:
    """{scope: its option text}: the configured region's name, or Finland's. One lookup per run: a radio
    asks for its option texts several times."""
    region = queries.region()["region"]
    return {REGION: queries.area_names(lang).get(region, region), FINLAND: t("comparison.map_scope_finland", lang)}


def scope_label(scope: str, lang: str) -> str:
    return scope_labels(lang)[scope]


@memo
def period_choices(indicator: str) -> tuple[str, ...]:
    """Periods in which at least one focus municipality has a value, oldest first."""
    rows = queries.series(indicator, queries.focus_codes())
    return tuple(sorted(set(rows.loc[rows["value"].notna(), "period"])))


def feature_collection(geo: pd.DataFrame, codes: object = None) -> dict:
    """GeoJSON FeatureCollection with each feature's id = area_code (what the choropleth's locations match);
    only the features of `codes` when given (each trace carries its own: 308 boundaries once, not thrice)."""
    if codes is not None:
        geo = geo[geo["area_code"].isin(set(codes))]
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": code, "properties": {}, "geometry": json.loads(geometry)}
                         for code, geometry in zip(geo["area_code"], geo["geometry"])]}  # fmt: skip


def map_data(indicator: str, period: str, lang: str, scope: str = REGION) -> pd.DataFrame:
    """One row per municipality of the region (or Finland): its value in `period` (NaN where there is none)."""
    region = members(scope)
    rows = queries.run("compare_period_values", indicator_id=indicator, period=period,
                       area_codes=region["area_code"].tolist()).set_index("area_code")  # fmt: skip
    data = region[["area_code", "is_focus"]].assign(
        area_name=region["area_code"].map(queries.area_names(lang)), period=period
    )
    for column in ("value", "status", "is_derived", "source_table", "vintage"):
        data[column] = data["area_code"].map(rows[column]) if not rows.empty else None
    return data


def map_view(indicator: str, period: str, codes: list[str], lang: str, scope: str = REGION) -> ChartView | None:
    return _map_view(indicator, period, in_focus_order(codes), lang, scope)


@memo
def _map_view(indicator: str, period: str, codes: tuple[str, ...], lang: str, scope: str = REGION) -> ChartView | None:
    entry = queries.indicators().loc[indicator]
    unit, decimals = entry["unit"], int(entry["decimals"])
    data = map_data(indicator, period, lang, scope)
    has = data[data["value"].notna()]
    if has.empty:
        return None
    geo = queries.run("compare_geometry", area_codes=data["area_code"].tolist())
    texts = {c: fmt_value(v, unit, decimals, lang) for c, v in zip(has["area_code"], has["value"])}
    chosen = data[data["area_code"].isin(codes)].merge(geo[["area_code", "label_lon", "label_lat"]], on="area_code")
    # The label trace must never be empty (an empty trace is dropped and the choropleth becomes the first).
    labels = chosen if not chosen.empty else data.merge(geo, on="area_code").head(1).assign(area_name="")
    low, high = float(has["value"].min()), float(has["value"].max())
    diverging = low < 0 < high  # a signed figure (net migration, balance): white at zero
    scale = {"colorscale": "RdBu", "zmid": 0} if diverging else {"colorscale": "Blues"}
    unit_text = "%" if unit == "percent" else t(f"unit.{unit}", lang)
    traces = [
        # First, on purpose: see the module docstring (no topojson fetch when the first trace is this one).
        go.Scattergeo(lon=labels["label_lon"], lat=labels["label_lat"], text=labels["area_name"], mode="text",
                      textfont={"size": 12, "color": OUTLINE, "shadow": "0 0 3px #fff, 0 0 3px #fff"}, hoverinfo="skip",
                      showlegend=False),
        go.Choropleth(geojson=feature_collection(geo, has["area_code"]), locations=has["area_code"], z=has["value"], featureidkey="id",
                      marker={"line": {"color": "#ffffff", "width": 0.3 if scope == FINLAND else 0.8}}, colorbar={"title": {"text": unit_text}},
                      text=[f"{n}: {texts[c]}" for n, c in zip(has["area_name"], has["area_code"])],
                      hoverinfo="text", **scale),
    ]  # fmt: skip
    missing = data[data["value"].isna()]
    if not missing.empty:
        traces.append(go.Choropleth(
            geojson=feature_collection(geo, missing["area_code"]), locations=missing["area_code"], z=[0] * len(missing), featureidkey="id",
            colorscale=[[0, NO_DATA], [1, NO_DATA]], showscale=False, marker={"line": {"color": "#ffffff"}},
            text=[f"{n}: {t('common.no_data', lang)}" for n in missing["area_name"]], hoverinfo="text",
        ))  # fmt: skip
    traces.append(go.Choropleth(
        geojson=feature_collection(geo, chosen["area_code"]), locations=chosen["area_code"], z=[0] * len(chosen), featureidkey="id",
        colorscale=TRANSPARENT, showscale=False, marker={"line": {"color": OUTLINE, "width": 2.2}},
        hoverinfo="skip",
    ))  # fmt: skip
    figure = go.Figure(traces)
    region_name = scope_label(scope, lang)
    title = t("comparison.map_title", lang, indicator=indicator_label(indicator, lang), region=region_name,
              period=fmt_period(period, lang), unit=unit_text)  # fmt: skip
    figure = charts.base_layout(figure, title, lang, height=900 if scope == FINLAND else 620)
    figure.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    figure.update_layout(margin={"l": 0, "r": 0, "t": 70, "b": 0})
    shown = data[["area_code", "area_name", "is_focus", "period", "value", "status", "is_derived", "source_table",
                  "vintage"]]  # fmt: skip
    caption = source_caption(pd.concat([has, geo[["source_table", "vintage"]]], ignore_index=True), lang)
    return ChartView(figure, shown.reset_index(drop=True), caption, _alt(has, data, codes, unit, decimals, lang,
                                                                         indicator, period, region_name))  # fmt: skip


def _alt(has: pd.DataFrame, data: pd.DataFrame, codes: tuple[str, ...], unit: str, decimals: int, lang: str,
         indicator: str, period: str, region_name: str) -> str:  # fmt: skip
    top, bottom = has.loc[has["value"].idxmax()], has.loc[has["value"].idxmin()]
    chosen = has[has["area_code"].isin(codes)].sort_values("value", ascending=False)
    return t("comparison.map_alt", lang, indicator=indicator_label(indicator, lang), period=fmt_period(period, lang),
             region=region_name, n=len(has), total=len(data), top=top["area_name"],
             top_value=fmt_value(top["value"], unit, decimals, lang), bottom=bottom["area_name"],
             bottom_value=fmt_value(bottom["value"], unit, decimals, lang),
             chosen=", ".join(f"{n} {fmt_value(v, unit, decimals, lang)}"
                              for n, v in zip(chosen["area_name"], chosen["value"])) or "–")  # fmt: skip
