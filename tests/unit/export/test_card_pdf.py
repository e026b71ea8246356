"""Kuntakortti read back with pypdf: one A4 page per municipality with its own figures, projects and
sources; the all-municipalities file; sv/en labels; the command line. One eight-card build per session
(the memo serves the rest), against the session warehouse and a day pinned by clock.today."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard.core import clock, queries
from dashboard.export import __main__ as export_cli
from dashboard.export import card_pdf
from dashboard.municipality import card as card_model

DAY = date(2026, 12, 2)
A4_POINTS = (595.28, 841.89)


def text_of(page) -> str:
    """A page's text with no-break spaces and line breaks read as spaces (as a reader sees it)."""
    return re.sub(r"\s+", " ", page.extract_text().replace("\u00a0", " "))


@pytest.fixture(scope="module")
def env(built_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TILANNEKUVA_DATA_DIR", str(built_data_dir))
        patch.setenv("TILANNEKUVA_STATE", str(tmp_path_factory.mktemp("state") / "app_state.duckdb"))
        patch.setattr(clock, "today", lambda: DAY)
        yield


@pytest.fixture(scope="module")
def all_cards(env) -> list:
    return list(PdfReader(io.BytesIO(card_pdf.cards_pdf(tuple(queries.focus_codes()), "fi", DAY))).pages)


@pytest.fixture(scope="module")
def saarijarvi(env) -> PdfReader:
    return PdfReader(io.BytesIO(card_pdf.cards_pdf(("KU729",), "fi", DAY)))


def test_saarijarvi_card_is_one_a4_page_with_its_own_figures(saarijarvi: PdfReader) -> None:
    assert len(saarijarvi.pages) == 1
    page = saarijarvi.pages[0]
    assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4_POINTS
    text = text_of(page)
    assert text.startswith("Kuntakortti: Saarijärvi")
    # 11re 31.12.2025: Saarijärvi 8 763, a year earlier the preliminary 8 856 (11lj): the change says so;
    # beside it the sub-region (26 387) and Keski-Suomi (273 731) of the same date.
    assert "Väkiluku 31.12.2025 8 763 −93 (−1,1 %) vrt. 31.12.2024 (ennakkotieto) 26 387 273 731" in text
    # 12r5 6/2026: Saarijärvi 16,4 %, sub-region 14,5 %, region 15,8 %; 6/2025 is missing and said so.
    assert "Työttömyysaste 6/2026 16,4 %" in text and "14,5 % 15,8 %" in text
    assert "vertailuajankohdan 6/2025 tieto puuttuu" in text
    assert "Alueella olevat työpaikat 2017 2 931" in text
    for other in ("Karstula", "Kinnula", "Kyyjärvi"):  # the card is Saarijärvi's alone
        assert f"Kuntakortti: {other}" not in text


def test_saarijarvi_card_lists_its_projects_scorecard_and_sources(saarijarvi: PdfReader) -> None:
    text = text_of(saarijarvi.pages[0])
    # EURA 2007 A31323, attributed to Saarijärvi by its name, with its granted EU + state funding.
    assert "A31323 Tuotanto- ja palvelualueiden saavutettavuuden parantaminen Saarijärvi 2007–2013" in text
    assert "370 000 €" in text
    assert "2007–2013 21 (20 summa ilmoitettu) 3 076 410 € 2 913 982 € 303 € 385 €" in text
    assert re.search(r"ja \d+ muuta hanketta", text)
    assert "Kärkihankkeiden tuloskortti" in text and "Puhtia ennakointiin" in text
    assert "Työttömyysaste 16,4 % 6/2026" in text  # a scorecard line of the municipality itself
    assert "Lähde: Tilastokeskus, Väestörakenne, 11re (CC BY 4.0)" in text
    assert "Lähde: Tilastokeskus / TEM, Työnvälitystilasto, 12r5 (CC BY 4.0)" in text
    assert "Tietojen ajankohdat: " in text and "11re tiedot" in text
    assert "EURA 2007: Rakennerahastohankkeet 2007–2013" in text


def test_the_all_file_has_one_page_per_municipality_in_order(all_cards: list, env) -> None:
    names = queries.area_names("fi")
    focus = queries.focus_codes()
    assert len(focus) == 8 and len(all_cards) == 8  # a card running over would add a page
    for page, code in zip(all_cards, focus):
        assert text_of(page).startswith(f"Kuntakortti: {names[code]} ")


@pytest.mark.parametrize(("lang", "words"), [
    ("sv", ["Kommunkort: Saarijärvi", "Nyckeltal", "Korta trender", "Spetsprojektens resultatkort", "8 763"]),
    ("en", ["Municipality card: Saarijärvi", "Headline figures", "Short trends", "Spearhead scorecard", "8,763"]),
])  # fmt: skip
def test_card_labels_in_swedish_and_english(env, lang: str, words: list[str]) -> None:
    (page,) = PdfReader(io.BytesIO(card_pdf.cards_pdf(("KU729",), lang, DAY))).pages
    text = text_of(page)
    assert [w for w in words if w not in text] == []
    assert "Kuntakortti" not in text


def test_cli_writes_the_card_and_refuses_a_bad_code(env, tmp_path: Path, capsys) -> None:
    out = tmp_path / "729.pdf"
    assert export_cli.main(["--card", "729", "--out", str(out)]) == 0
    (page,) = PdfReader(out).pages
    assert text_of(page).startswith("Kuntakortti: Saarijärvi")
    bad = tmp_path / "bad.pdf"
    assert export_cli.main(["--card", "999", "--out", str(bad)]) == 2
    assert "'999' is not a focus municipality; codes: 216, 226" in capsys.readouterr().err
    assert not bad.exists()


def test_a_card_stays_one_page_however_long_its_lists() -> None:
    """Pure layout: 120 scorecard lines, long names and 40 attributions still make one page, and the card
    says how many scorecard lines it leaves out."""
    long = "Hyvin pitkä nimi, joka ei mahdu sarakkeeseensa yhdelle eikä kahdelle riville " * 3
    line = card_model.ScoreLine(long, "1 234", "2025", "↗ +1 (5 v)", "ei asetettu", "– ei arvioitavissa")
    content = card_model.CardContent(
        "KU1", "Testikunta", "Kuntakortti: Testikunta", "alaotsikko", "Seutu", "Maakunta",
        tuple(card_model.FigureRow(long, "2025", "1", long, "2", "3") for _ in range(6)),
        (card_model.Trend("Väkiluku", "2016", "2025",
                          (card_model.TrendLine("Testikunta", "solid", (("2016", 1.0, False), ("2018", 2.0, True)), "2"),),
                          ""),),
        tuple(card_model.MoneyRow("2014–2020", "1", "1 €", "1 €", "1 €", "1 €") for _ in range(4)), long,
        tuple(card_model.ProjectRow("X1", long, "2014–2020", "EAKR", "1 €") for _ in range(9)), long,
        (card_model.ScoreSection("Kärki", (line,) * 120),), long, long, tuple(long for _ in range(40)),
    )  # fmt: skip
    pdf = card_pdf.CardPDF()
    ends, footer_top = card_pdf.draw_card(pdf, content, "fi")
    assert ends <= footer_top <= card_pdf.A4[1] - card_pdf.MARGIN  # nothing runs into the sources
    card_pdf.draw_card(pdf, content, "fi")
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    assert len(reader.pages) == 2
    assert re.search(r"ja \d+ muuta riviä", text_of(reader.pages[0]))
