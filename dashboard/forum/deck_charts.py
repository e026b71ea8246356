"""The product's charts as deck slides: each page's chart builder registered under a stable id, with the
selections a slide may set. Defaults come from the region configuration at run time (the sub-region,
the comparison areas, the newest year), so the default deck works for any region."""

from __future__ import annotations

from dashboard.commuting import balance as commuting
from dashboard.core import clock, queries
from dashboard.foresight import data as foresight_data
from dashboard.foresight import model as foresight_model
from dashboard.foresight import scenarios as foresight
from dashboard.foresight import store as foresight_store
from dashboard.funding import summary as funding
from dashboard.funding import views as funding_views
from dashboard.model.registry import register
from dashboard.model.views import ChartView
from dashboard.population import age as population_age
from dashboard.population import choices as population
from dashboard.population import flows as population_flows
from dashboard.work import industry as work_industry
from dashboard.work import jobs as work_jobs  # fmt: skip
from dashboard.work import unemployment as work


def _area(kunta: str | None) -> str:
    """A slide's area: the chosen one if it exists in the data, else the sub-region."""
    return kunta if kunta in queries.area_names("fi") else queries.region()["subregion"]


def _comparisons() -> list[str]:
    return [c for c in queries.comparison_codes() if c != queries.region()["subregion"]]


def _years(lang: str) -> tuple[int, int]:
    return population.options(lang).years


@register("age_structure", "forum.chart_age_structure", {"kunta": None}, ("population",))
def age_structure(lang: str, kunta: str | None = None) -> ChartView | None:
    return population_age.structure_block(lang, _area(kunta), _comparisons(), _years(lang)[1]).view


@register("dependency_ratio", "forum.chart_dependency_ratio", {"kunta": None}, ("working_age_population",))
def dependency_ratio(lang: str, kunta: str | None = None) -> ChartView | None:
    first, last = _years(lang)
    return population_age.dependency_block(lang, _area(kunta), _comparisons(), first, last).view


@register("migration", "forum.chart_migration", {"kunta": None}, ("net_migration",))
def migration(lang: str, kunta: str | None = None) -> ChartView | None:
    first, last = _years(lang)
    return population_flows.migration_block(lang, _area(kunta), first, last).view


@register("unemployment_rate", "forum.chart_unemployment", {"kunta": None}, ("unemployment_rate",))
def unemployment_rate(lang: str, kunta: str | None = None) -> ChartView | None:
    first, last = work.year_range()
    return work.unemployment_block(lang, _area(kunta), _comparisons(), "unemployment_rate", "month", first, last).view


@register("jobs_and_employed", "forum.chart_jobs", {"kunta": None}, ("jobs", "employed_residents"))
def jobs_and_employed(lang: str, kunta: str | None = None) -> ChartView | None:
    first, last = _years(lang)
    return work_jobs.jobs_block(lang, _area(kunta), first, last).view


@register("industry_lq", "forum.chart_industry_lq", {"kunta": None})
def industry_lq(lang: str, kunta: str | None = None) -> ChartView | None:
    return work_industry.lq_block(lang, _area(kunta), _comparisons()).view


@register("commuting_balance", "forum.chart_commuting_balance", {"vuosi": None}, ("commuting_balance",))
def commuting_balance(lang: str, vuosi: str | None = None) -> ChartView | None:
    options = commuting.options(lang)
    year = vuosi if vuosi in options.years else options.years[-1]
    return commuting.balance_view(list(options.municipalities), _comparisons(), year, lang).view


@register("projection_official", "forum.chart_projection", {"ryhma": "population", "skenaario": None},
          ("population_projection",))  # fmt: skip
def projection_official(lang: str, ryhma: str = "population", skenaario: str | None = None) -> ChartView | None:
    """The official projection, beside a saved what-if scenario when the slide names one (by its id); None
    when no projection covers the region (the slide is then listed as left out)."""
    if foresight_data.newest_projection() is None:
        return None
    saved = foresight_store.get(skenaario) if skenaario else None
    group = ryhma if ryhma in foresight_model.GROUPS else "population"
    chart = foresight.outlook_chart(lang, group, saved.scenario if saved else foresight_model.Scenario())
    return ChartView(chart.figure, chart.data, chart.caption, chart.alt)


@register("funding_by_fund", "forum.chart_funding", {"kausi": None})
def funding_by_fund(lang: str, kausi: str | None = None) -> ChartView | None:
    """Projects' granted and realised funding by fund, for one programme period or all."""
    periods = (kausi,) if kausi in funding.period_choices() else ()
    return funding_views.fund_view(lang, funding.Filters(periods=periods))


@register("funding_position", "forum.chart_funding_position")
def funding_position(lang: str) -> ChartView | None:
    """The 2021–27 funding position against the special-position level."""

    return funding_views.position_view(lang, clock.today())
