"""Työssäkäynti page, part 2: what the data says about flows.

The bundled statistics have no municipality-to-municipality matrix: for each municipality only how many
residents work at home or elsewhere, and how many of its jobs are filled by residents or by in-commuters.
`stocks_view` draws exactly that as a Sankey diagram, labelled as stocks with unknown origins and
destinations. When a live fetch has filled fact_commuting_flow (home × workplace), `flow_view` draws the
real flows; until then the page says plainly that the matrix is missing.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb, unlabel_rgb

from dashboard.commuting.balance import values
from dashboard.core import queries
from dashboard.core.i18n import fmt_number, fmt_value, t
from dashboard.core.memo import memo
from dashboard.model import charts, derive
from dashboard.model.sourcing import source_caption
from dashboard.model.views import Block, ChartView

STOCK_IDS = ("employed_residents", "residents_working_in_home_municipality", "out_commuters", "in_commuters",
             "jobs")  # fmt: skip
TOP_FLOWS = 25  # links in the live flow diagram; more would be unreadable
ELSEWHERE = "#a8a8a8"


def stock_links(stocks: dict[str, float]) -> pd.DataFrame:
    """The three links of a municipality's commuting stocks: residents who work at home, residents who
    work elsewhere, and in-commuters who fill local jobs. Nodes: residents, elsewhere, incoming, jobs."""
    return pd.DataFrame(
        [
            ("residents", "jobs", stocks.get("residents_working_in_home_municipality"),
             "residents_working_in_home_municipality"),
            ("residents", "elsewhere", stocks.get("out_commuters"), "out_commuters"),
            ("incoming", "jobs", stocks.get("in_commuters"), "in_commuters"),
        ],
        columns=["source", "target", "persons", "indicator_id"],
    )  # fmt: skip


def stock_shares(stocks: dict[str, float]) -> dict[str, float]:
    """Derived shares (%): residents working at home / elsewhere, jobs filled by in-commuters, jobs per
    employed resident (self-sufficiency)."""
    employed, jobs = stocks.get("employed_residents"), stocks.get("jobs")
    return {
        "home_share": derive.ratio_percent(stocks.get("residents_working_in_home_municipality"), employed),
        "out_share": derive.ratio_percent(stocks.get("out_commuters"), employed),
        "in_share_of_jobs": derive.ratio_percent(stocks.get("in_commuters"), jobs),
        "self_sufficiency": derive.ratio_percent(jobs, employed),
    }


def _rgba(color: str, alpha: float) -> str:
    """'#a8a8a8' or 'rgb(136, 204, 238)' (the palettes use both) → a translucent 'rgba(…)' for links."""
    red, green, blue = hex_to_rgb(color) if color.startswith("#") else unlabel_rgb(color)
    return f"rgba({int(red)}, {int(green)}, {int(blue)}, {alpha})"


@memo
def stocks_view(code: str, year: str, lang: str) -> Block:
    rows = values()
    rows = rows[(rows["area_code"] == code) & (rows["period"] == year) & rows["indicator_id"].isin(STOCK_IDS)]
    stocks = dict(zip(rows["indicator_id"], rows["value"]))
    area = queries.area_names(lang).get(code, code)
    if any(pd.isna(stocks.get(i)) for i in STOCK_IDS):
        return Block(None, (t("commuting.no_stocks", lang, area=area, year=year),))
    links = stock_links(stocks)
    shares = stock_shares(stocks)
    n = lambda key: fmt_number(stocks[key], 0, lang)  # noqa: E731
    node_labels = {
        "residents": t("commuting.node_residents", lang, area=area, n=n("employed_residents")),
        "incoming": t("commuting.node_incoming", lang, n=n("in_commuters")),
        "jobs": t("commuting.node_jobs", lang, area=area, n=n("jobs")),
        "elsewhere": t("commuting.node_elsewhere", lang, n=n("out_commuters")),
    }
    order = list(node_labels)
    color = queries.area_colors().get(code, charts.NEUTRALS[0])
    figure = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={"label": list(node_labels.values()), "pad": 24, "thickness": 18,
                  "color": [color, ELSEWHERE, color, ELSEWHERE],
                  "x": [0.01, 0.01, 0.99, 0.99], "y": [0.3, 0.9, 0.2, 0.85]},
            link={"source": [order.index(s) for s in links["source"]],
                  "target": [order.index(s) for s in links["target"]],
                  "value": links["persons"].tolist(),
                  "label": [t(f"commuting.link_{i}", lang) for i in links["indicator_id"]],
                  "color": [_rgba(color, 0.45), _rgba(ELSEWHERE, 0.5), _rgba(ELSEWHERE, 0.5)],
                  "hovertemplate": "%{label}: %{value:,.0f}<extra></extra>"},
        )
    )  # fmt: skip
    figure = charts.base_layout(figure, t("commuting.stocks_title", lang, area=area, year=year), lang, height=380)
    data = links.assign(
        area_code=code, area_name=area, period=year,
        source=links["source"].map(node_labels), target=links["target"].map(node_labels),
    ).merge(rows[["indicator_id", "status", "is_derived", "source_table", "vintage"]], on="indicator_id")  # fmt: skip
    data = data[["area_code", "area_name", "period", "source", "target", "indicator_id", "persons", "status",
                 "is_derived", "source_table", "vintage"]]  # fmt: skip
    pct = lambda key: fmt_value(shares[key], "percent", 1, lang)  # noqa: E731
    alt = t("commuting.stocks_alt", lang, area=area, year=year, employed=n("employed_residents"),
            home=n("residents_working_in_home_municipality"), home_share=pct("home_share"), out=n("out_commuters"),
            jobs=n("jobs"), incoming=n("in_commuters"), in_share=pct("in_share_of_jobs"),
            self_sufficiency=pct("self_sufficiency"))  # fmt: skip
    return Block(ChartView(figure, data, source_caption(rows, lang), alt))


# --- live home × workplace flows -----------------------------------------------------------------------


@memo
def flow_years() -> tuple[int, ...]:
    """Years with a municipality-to-municipality matrix in the warehouse (none on the bundled snapshot)."""
    return tuple(int(y) for y in queries.run("commuting_flow_years")["year"])


def flow_view(year: int | str, codes: list[str], lang: str) -> Block:
    """The largest flows among the chosen municipalities in the chosen year, or in the newest year with a
    matrix when that year has none (a live fetch may bring only some years)."""
    years = flow_years()
    if not years:
        return Block(None, (t("commuting.no_flows_year", lang, year=year),))
    shown_year = int(year) if int(year) in years else years[-1]
    return _flow_view(shown_year, tuple(c for c in queries.area_names(lang) if c in set(codes)), lang)


def top_flows(flows: pd.DataFrame, limit: int = TOP_FLOWS) -> pd.DataFrame:
    """The `limit` largest flows between two different areas (ties broken by codes, so the choice is stable)."""
    moving = flows[flows["home_area_code"] != flows["work_area_code"]]
    ordered = moving.sort_values(["persons", "home_area_code", "work_area_code"], ascending=[False, True, True])
    return ordered.head(limit).reset_index(drop=True)


@memo
def _flow_view(year: int, codes: tuple[str, ...], lang: str) -> Block:
    flows = queries.run("commuting_flows", year=year, area_codes=list(codes))
    if flows.empty:
        return Block(None, (t("commuting.no_flows_year", lang, year=year),))
    shown = top_flows(flows)
    home = shown[f"home_name_{lang}"].fillna(shown["home_area_code"])
    work = shown[f"work_name_{lang}"].fillna(shown["work_area_code"])
    home_nodes = [t("commuting.flow_home", lang, area=a) for a in dict.fromkeys(home)]
    work_nodes = [t("commuting.flow_work", lang, area=a) for a in dict.fromkeys(work)]
    nodes = home_nodes + work_nodes
    palette = queries.area_colors()
    node_codes = list(dict.fromkeys(shown["home_area_code"])) + list(dict.fromkeys(shown["work_area_code"]))
    figure = go.Figure(
        go.Sankey(
            node={"label": nodes, "pad": 12, "thickness": 16,
                  "color": [palette.get(c, ELSEWHERE) for c in node_codes]},
            link={"source": [home_nodes.index(t("commuting.flow_home", lang, area=a)) for a in home],
                  "target": [len(home_nodes) + work_nodes.index(t("commuting.flow_work", lang, area=a))
                             for a in work],
                  "value": shown["persons"].tolist(),
                  "color": [_rgba(palette.get(c, ELSEWHERE), 0.45) for c in shown["home_area_code"]],
                  "hovertemplate": "%{source.label} → %{target.label}: %{value:,.0f}<extra></extra>"},
        )
    )  # fmt: skip
    title = t("commuting.flows_title", lang, n=len(shown), total=len(flows), year=year)
    figure = charts.base_layout(figure, title, lang, height=max(420, 22 * len(nodes)))
    data = shown.assign(home_name=home, work_name=work)[
        ["home_area_code", "home_name", "work_area_code", "work_name", "year", "persons", "source_table", "vintage"]
    ]
    first = data.iloc[0]
    alt = t("commuting.flows_alt", lang, n=len(data), year=year, home=first["home_name"], work=first["work_name"],
            persons=fmt_number(first["persons"], 0, lang), total=len(flows))  # fmt: skip
    return Block(ChartView(figure, data, source_caption(data, lang), alt))
