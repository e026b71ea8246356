"""Issue 16 points 1, 2, 5: forum meetings (audited, the default baseline), "Mitä on muuttunut" worked out by hand
on a warehouse copy with a release, an unusual move and an ended project after the baseline, empty sections'
sentences, the page, the presentation's intro slides and the review export from the CLI."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dashboard.core import clock, store
from dashboard.core.auth import User
from dashboard.core.i18n import t
from dashboard.forum import meetings
from dashboard.ui.components import plain
from tests.app.forum.test_forum import as_editor, button

BASELINE, TODAY = date(2026, 9, 15), date(2026, 11, 1)
EDITOR = User("koordinaattori@example.fi", "editor", "oidc")
PAST = [-50, -60, -40, -55, -45, -50, -65, -35]  # median -50, MAD 7.5 (tests/unit/changes/test_rules.py)


@pytest.fixture
def changed(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private warehouse copy where, after BASELINE: table 11re released 2026 (a new file), a build ran,
    Saarijärvi's population fell by 400 (its earlier changes: PAST); plus a coordinator project that ended."""
    wh = data_dir / "warehouse" / (data_dir / "warehouse" / "CURRENT").read_text().strip()
    con = duckdb.connect(str(wh))
    con.execute("INSERT INTO meta_source_release VALUES ('test_11re_2026', '11re', '2026', '2026', DATE '2026-10-01',"
                " false, 'yearly', NULL, NULL)")  # fmt: skip
    con.execute("INSERT INTO meta_load_run VALUES ('test-run', TIMESTAMP '2026-10-02 06:00', "
                "TIMESTAMP '2026-10-02 06:01', 'ok', 1, 'current')")  # fmt: skip
    con.execute("DELETE FROM fact_indicator WHERE indicator_id = 'population' AND area_code = 'KU729'")
    value = 9000.0
    for offset, change in enumerate([None, *PAST, -400]):
        value += change or 0
        con.execute("INSERT INTO fact_indicator (indicator_id, area_code, period, value, status, is_derived, "
                    "is_preliminary, source_table, vintage) VALUES ('population', 'KU729', ?, ?, NULL, false, false, "
                    "'11re', ?)", [str(2016 + offset), value, "2026-10-01" if offset == 9 else "2026-04-01"])  # fmt: skip
    con.close()
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    from dashboard.funding import store as funding_store

    funding_store.save_project(EDITOR, {"project_id": "TESTI-1", "name": "Testihanke", "fund_group": "ERDF",
                                        "municipality_codes": "KU729", "start_date": "2024-01-01",
                                        "end_date": "2026-10-15"})  # fmt: skip
    return data_dir


def audit_rows() -> list[tuple]:
    with store.connect() as con:
        return con.execute("SELECT action, entity, before_json, after_json FROM audit_log "
                           "WHERE entity = 'forum_meeting' ORDER BY id").fetchall()  # fmt: skip


def test_meetings_are_audited_and_the_newest_past_one_is_the_baseline(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    assert meetings.default_baseline(TODAY) == date(2026, 8, 3)  # no meeting: 90 days back
    meetings.save(meetings.Meeting(date(2026, 6, 1), "Kesäfoorumi", "Aluefoorumi", "https://example.fi/pk.pdf"), "a")
    meetings.save(meetings.Meeting(BASELINE, "Syysfoorumi"), "a")
    meetings.save(meetings.Meeting(date(2026, 12, 1), "Joulufoorumi"), "a")  # planned: not a baseline yet
    assert meetings.default_baseline(TODAY) == BASELINE
    autumn = next(m for m in meetings.meetings() if m.title == "Syysfoorumi")
    meetings.save(meetings.Meeting(date(2026, 9, 16), "Syysfoorumi", minutes_url="http://x.fi/a", id=autumn.id), "b")
    assert meetings.default_baseline(TODAY) == date(2026, 9, 16)
    meetings.delete(autumn.id, "b")
    assert meetings.default_baseline(TODAY) == date(2026, 6, 1)
    rows = audit_rows()
    assert [r[0] for r in rows] == ["create", "create", "create", "update", "delete"]
    assert (
        json.loads(rows[3][2])["meeting_date"] == "2026-09-15"
        and json.loads(rows[3][3])["minutes_url"] == "http://x.fi/a"
    )
    for bad in ("javascript:alert(1)", "ftp://x.fi", "https://x.fi/a b", "//x.fi"):
        with pytest.raises(meetings.MeetingError):
            meetings.save(meetings.Meeting(TODAY, "X", minutes_url=bad), "a")
    with pytest.raises(meetings.MeetingError):
        meetings.save(meetings.Meeting(TODAY, "  "), "a")
    assert len(audit_rows()) == 5  # refused saves wrote nothing


def test_what_changed_by_hand(changed: Path) -> None:
    from dashboard.changes import report

    result = report.report(BASELINE, TODAY, "fi")
    releases = [i.text for i in result.section("releases").items]
    assert releases == ["11re (11re), julkaistu 01.10.2026: uutta 2026", "Tietovarasto päivitetty 02.10.2026"]
    (move,) = result.section("moves").items
    z = (-400 - -50) / (1.4826 * 7.5)  # -31.5
    assert move.text == (f"Väkiluku, Saarijärvi 2025: muutos −400 (tavallisesti −50; poikkeama −{abs(z):.1f}"
                         .replace(".", ",") + ") – johdettu luku")  # fmt: skip
    assert move.link == "/vaesto?vaesto.kunta=Saarij%C3%A4rvi&vaesto.indikaattori=V%C3%A4kiluku"
    projects = [i.text for i in result.section("projects").items]
    assert "Päättyi 15.10.2026: Testihanke" in projects
    assert result.section("projects").items[projects.index("Päättyi 15.10.2026: Testihanke")].link == (
        "/rahoitus?rahoitus.hanke=TESTI-1"
    )
    assert [i.text[:12] for i in result.section("funding").items] == ["15.09.2026: ", "01.11.2026: "]
    assert not result.section("notes").items
    assert result.section("notes").empty == "Ei uusia merkintöjä edellisen foorumin jälkeen."


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_empty_sections_say_so(app_env: Path, tmp_path: Path, monkeypatch, lang: str) -> None:
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "state.duckdb"))
    from dashboard.changes import report

    result = report.report(TODAY, TODAY, lang)  # nothing happens after today
    for key in ("releases", "moves", "projects", "notes"):
        section = result.section(key)
        assert not section.items and section.empty == t(f"changes.empty_{key}", lang) != f"changes.empty_{key}"
    assert t("changes.empty_releases", "fi") == "Ei uusia julkaisuja edellisen foorumin jälkeen."


def test_page_lists_changes_since_the_chosen_date(changed: Path) -> None:
    app = AppTest.from_file("../../../app.py", default_timeout=60)
    app.query_params["muutokset.alkaen"] = BASELINE.isoformat()
    app.run()
    app.switch_page("pages/muutokset.py").run()
    assert not app.exception, [e.message for e in app.exception]
    text = "\n".join(m.value for m in app.markdown)
    assert "(/vaesto?vaesto.kunta=Saarij%C3%A4rvi&vaesto.indikaattori=V%C3%A4kiluku)" in text
    assert app.date_input(key="muutokset.alkaen").value == BASELINE
    app.date_input(key="muutokset.alkaen").set_value(date(2026, 10, 20)).run()
    text = "\n".join(m.value for m in app.markdown)
    assert "Ei uusia julkaisuja edellisen foorumin jälkeen" in text and "Väkiluku" not in text


def test_editor_saves_a_meeting_and_the_presentation_opens_with_what_changed(changed: Path) -> None:
    app = as_editor(AppTest.from_file("../../../app.py", default_timeout=60))
    app.run()
    app.switch_page("pages/diat.py").run()
    form = "diat.kokous_0"
    inputs = [d for d in app.date_input if d.label == "Päivämäärä" and form in str(d.form_id)]
    inputs[0].set_value(BASELINE)
    next(i for i in app.text_input if i.label == "Otsikko" and form in str(i.form_id)).set_value("Syysfoorumi")
    app.button(key=f"FormSubmitter:{form}-Tallenna kokous").click().run()
    assert not app.exception and meetings.default_baseline(TODAY) == BASELINE
    app.switch_page("pages/aluefoorumi.py").run()
    assert app.header[0].value == plain("Mitä on muuttunut 15.09.2026 jälkeen")  # a header shows text as text
    assert any("Väkiluku, Saarijärvi 2025" in m.value for m in app.markdown)
    button(app, "Seuraava →").click().run()
    assert app.header[0].value == "Väestö kunnittain"


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium (make test)")
def test_review_from_the_cli(changed: Path, tmp_path: Path, capsys) -> None:
    from dashboard.export import __main__ as export_cli

    out = tmp_path / "katsaus"
    assert export_cli.main(["--review", "--since", BASELINE.isoformat(), "--out-dir", str(out)]) == 0
    pdf, pptx = out / "review-2026-09-15-fi.pdf", out / "review-2026-09-15-fi.pptx"
    pages = PdfReader(io.BytesIO(pdf.read_bytes())).pages
    assert "Mitä on muuttunut 15.09.2026 jälkeen" in pages[1].extract_text()
    assert "Väkiluku, Saarijärvi 2025: muutos −400" in pages[1].extract_text()
    slides = list(Presentation(io.BytesIO(pptx.read_bytes())).slides)
    texts = " ".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)
    assert "11re (11re), julkaistu 01.10.2026: uutta 2026" in texts and "Päättyi 15.10.2026: Testihanke" in texts
    assert len(slides) >= 4  # title, what changed, key slides, sources
    with pytest.raises(SystemExit) as refused:
        export_cli.main(["--review"])  # no --out-dir: a bad argument, exit 2 as the deck export's
    assert refused.value.code == 2
