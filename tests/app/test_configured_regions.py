"""Issue 15 point 7: the region is configuration, also for funding, and any sub-region of Finland runs.

Under the README's Jämsä configuration (region.toml only: focus 182, SK134) the projects of the shipped EU
lists that name Jämsä (in the project's or the implementer's name) are Jämsä's on Rahoitus and Vaikuttavuus
— 12 projects, e.g. A30440 "Jämsän palveluiden kehittäminen toimintaa parantavin tiejärjestelyin" (Jämsän
kaupunki), A30096 "Jämsän seudun kehittämiskumppanuus 2", S20031 (Jämsän Kr. Kansanopistoyhdistys ry) —
not the upstream x_focus8_* match made for SK138's eight. Ylä-Savo (SK111, Pohjois-Savo) lies outside the
Keski-Suomi files of the bundle: every page runs and shows the national series, and says what is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, figures_by_title

PAGES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "pages").glob("*.py") if p.name != "virhe.py")
JAMSA_PROJECTS = {"A30096", "A30440", "A30450", "A31696", "A31815", "A32613", "A537170", "A538025", "A559433",
                  "S11424", "S11436", "S20031"}  # fmt: skip


def app_on(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    return at


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}").run()
    assert not at.exception, (page, [e.message for e in at.exception])
    return at


# The pages drawn one part at a time (selectors.Parts): every part runs under another region too.
PARTS = {"vaesto.py": ("vertailu", "kunnittain", "ikarakenne", "muutos"),
         "tyo_ja_elinkeinot.py": ("tyottomyys", "tyopaikat", "toimialat", "tulot"),
         "kuntavertailu.py": ("taulukko", "kartta", "aikasarjat"),
         "ennakointi.py": ("ennuste", "palvelutarve", "osuvuus", "tallennetut"),
         "tyossakaynti.py": ("aikasarja", "virrat", "tyollisyysalue")}  # fmt: skip


def visit_all(at: AppTest, page: str) -> str:
    """Every part of `page` (one visit for a page without parts); the texts all of them showed."""
    said = []
    for part in PARTS.get(page, (None,)):
        if part is not None:
            at.session_state[f"{page.removesuffix('.py')}.osio"] = part
        said.append(texts(visit(at, page)))
    return " ".join(said)


def texts(at: AppTest) -> str:
    return " ".join(e.value for kind in ("info", "warning", "caption", "markdown") for e in getattr(at, kind))


def test_jamsa_funding_attributes_jamsa_projects_to_jamsa(jamsa_warehouse, tmp_path, monkeypatch) -> None:
    at = app_on(jamsa_warehouse, tmp_path, monkeypatch)
    at.query_params["rahoitus.kunta"] = "Jämsä"
    visit(at, "rahoitus.py")
    assert list(at.selectbox(key="rahoitus.kunta").options) == ["Kaikki kunnat", "Jämsä"]
    projects = at.dataframe[0].value
    assert set(projects["Koodi"]) == JAMSA_PROJECTS
    assert set(projects["Kunnat"]) == {"Jämsä"}
    row = projects.set_index("Koodi").loc["A30440"]
    assert row["Hanke"] == "Jämsän palveluiden kehittäminen toimintaa parantavin tiejärjestelyin"
    assert "kunnan nimi toteuttajan nimessä (sääntö)" in row["Kohdistuksen peruste"]
    assert projects.set_index("Koodi").loc["A30096", "Kohdistuksen peruste"] == "kunnan nimi hankkeen nimessä (sääntö)"
    assert {m.label: m.value for m in at.metric}["Hankkeita"] == "12"
    # Vaikuttavuus offers the same projects and follows one of them in Jämsä.
    at.query_params["vaikuttavuus.hanke"] = "A30440"
    at.query_params["vaikuttavuus.indikaattori"] = "Väkiluku"
    visit(at, "vaikuttavuus.py")
    offered = {o.split(" · ")[0] for o in at.selectbox(key="vaikuttavuus.hanke").options}
    assert offered >= JAMSA_PROJECTS
    assert at.selectbox(key="vaikuttavuus.hanke").value == "A30440"
    lines = figures_by_title(at)["Väkiluku (indeksi, 2006 = 100) 2001–2015: hankkeen kunnat ja vertailuryhmä"]
    assert lines["data"][0]["name"] == "Jämsä"


def test_jamsa_configuration_every_page_runs(jamsa_warehouse, tmp_path, monkeypatch) -> None:
    at = app_on(jamsa_warehouse, tmp_path, monkeypatch)
    for page in PAGES:
        visit_all(at, page)


def test_sub_region_outside_keski_suomi_every_page(yla_savo_warehouse, tmp_path, monkeypatch) -> None:
    at = app_on(yla_savo_warehouse, tmp_path, monkeypatch)
    said = {page: visit_all(at, page) for page in PAGES}
    # What exists: the national series. age_register_kunnat_11ra.json: SK111 31.12.2025 = 48 874;
    # unemployment_register_kunnat_12r5.json: SK111 6/2026 11.4 %. What does not: jobs (115p is Keski-Suomi's).
    visit(at, "yleiskuva.py")
    cards = {m.label: m.value for m in at.metric}
    assert cards["Väkiluku 31.12.2025"] == "48\u00a0874" and cards["Työttömyysaste 6/2026"] == "11,4\u00a0%"
    assert cards["Alueella olevat työpaikat"] == "Ei tietoa"
    at.session_state["kuntavertailu.osio"] = "kartta"
    visit(at, "kuntavertailu.py")
    region_map = next(
        f for title, f in figures_by_title(at).items() if title.startswith("Työttömyysaste, Pohjois-Savo")
    )
    assert len(region_map["data"][1]["locations"]) == 19  # 12r5 6/2026 for every municipality of Pohjois-Savo
    # …and what does not: said in words.
    assert "ei valtakunnallista tietoa" not in said["kuntavertailu.py"].lower()  # own group: nothing to excuse
    assert "Ylä-Savo: ei toimialoittaisia työpaikkatietoja aineistossa." in said["tyo_ja_elinkeinot.py"]
    assert "Ei tietoa: Iisalmi" in said["tyossakaynti.py"]
    assert "ei ole tämän alueen kuntien väestöennustetta" in said["ennakointi.py"]
    assert "Ei hankkeita" in said["vaikuttavuus.py"]
    assert "0 hanketta" in said["rahoitusasema.py"]
