"""Swedish pages read Swedish: every indicator of the catalogue and every TOL 2008 industry has its own
Swedish text, not a copy of the Finnish one (a missing or copied text used to fall back to Finnish)."""

from __future__ import annotations

import tomllib

import pytest

from etl import catalog

TOL = catalog.CATALOG_PATH.with_name("tol2008.toml")
FIELDS = ("label", "description", "source_name")


def swedish_gaps(entries: dict[str, dict], fields: tuple[str, ...] = FIELDS) -> list[str]:
    """'<id>.<field>' for every text whose Swedish is missing, empty or the same as the Finnish."""
    gaps = []
    for ind_id, entry in entries.items():
        for field in fields:
            fi = entry.get(f"{field}_fi", entry.get(field))
            sv = entry.get(f"{field}_sv")
            if not sv or not str(sv).strip() or sv == fi:
                gaps.append(f"{ind_id}.{field}")
    return gaps


def test_every_indicator_has_its_own_swedish_texts() -> None:
    assert swedish_gaps(catalog.load_catalog()) == []


def test_every_indicator_has_english_source_name() -> None:
    entries = catalog.load_catalog()
    assert [i for i, e in entries.items() if not e.get("source_name_en")] == []


def test_every_industry_has_its_own_swedish_name() -> None:
    with TOL.open("rb") as fh:
        names = tomllib.load(fh)
    finnish, swedish = names["industry"], names["industry_sv"]
    assert set(swedish) == set(finnish)
    assert [code for code, name in finnish.items() if not swedish.get(code, "").strip() or swedish[code] == name] == []
    assert swedish["C"] == "Tillverkning" and swedish["Q"] == "Vård och omsorg; sociala tjänster"


@pytest.mark.parametrize(
    "entry",
    [
        {"label_fi": "Keski-ikä", "label_sv": "Keski-ikä", "description_fi": "a", "description_sv": "b",
         "source_name": "Väestörakenne", "source_name_sv": "Befolkningsstruktur"},
        {"label_fi": "Keski-ikä", "label_sv": "Medelålder", "description_fi": "a", "description_sv": "",
         "source_name": "Väestörakenne", "source_name_sv": "Befolkningsstruktur"},
        {"label_fi": "Keski-ikä", "label_sv": "Medelålder", "description_fi": "a", "description_sv": "b",
         "source_name": "Väestörakenne"},
    ],
)  # fmt: skip
def test_the_check_finds_a_copied_empty_or_missing_text(entry: dict) -> None:
    assert len(swedish_gaps({"mean_age": entry})) == 1
