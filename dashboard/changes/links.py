"""Permalinks of "Mitä on muuttunut": for each item, a URL to the page and the selections of the view behind it
(`/vaesto?vaesto.kunta=<municipality>&vaesto.indikaattori=Väkiluku`). Values are the texts the pages' bound
widgets show and write into the URL themselves, so a link opens exactly as a copied address would.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dashboard.comparison import table as comparison
from dashboard.population import choices as population
from dashboard.work import unemployment as work

SOURCES = "/tietolahteet"
FUNDING = "/rahoitus"
POSITION = "/rahoitusasema"


def url(page: str, params: dict[str, str] | None = None) -> str:
    """'/page?key=value&…' with every value URL-encoded (names with spaces, ä, ö)."""
    return f"/{page.strip('/')}" + (f"?{urlencode(params)}" if params else "")


def indicator(indicator_id: str, area_code: str | None, lang: str) -> str:
    """The view that shows `indicator_id` for `area_code`: Väestö, Työ ja elinkeinot (the monthly labour
    figures) or Kuntavertailu, whichever offers it; the sources page otherwise."""
    options = population.options(lang)
    area = {} if area_code not in options.areas else {"kunta": options.names[area_code]}
    if indicator_id in options.indicators:
        return url("vaesto", _keys("vaesto", area | {"indikaattori": options.labels[indicator_id]}))
    if indicator_id in work.MONTHLY:
        return url(
            "tyo_ja_elinkeinot", _keys("tyo_ja_elinkeinot", area | {"indikaattori": options.labels[indicator_id]})
        )
    compared = comparison.options(lang)
    if indicator_id in compared.indicators:
        return url("kuntavertailu", _keys("kuntavertailu", {"indikaattori": compared.labels[indicator_id]}))
    return SOURCES


def project(project_id: str) -> str:
    """The project's card on the funding page (the page reads a project's id as well as its label)."""
    return url("rahoitus", {"rahoitus.hanke": project_id})


def _keys(page: str, params: dict[str, str]) -> dict[str, str]:
    return {f"{page}.{name}": value for name, value in params.items()}
