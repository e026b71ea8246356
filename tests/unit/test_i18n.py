"""Locale files agree with each other and with the code; numbers read the Finnish way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.core import i18n

REPO = Path(__file__).resolve().parents[2]
NB = "\u00a0"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_language_has_every_key(lang: str) -> None:
    assert sorted(set(i18n.strings("fi")) - set(i18n.strings(lang))) == []
    assert sorted(set(i18n.strings(lang)) - set(i18n.strings("fi"))) == []


def test_every_key_used_in_code_exists() -> None:
    used = set()
    for path in [REPO / "app.py", *REPO.glob("pages/*.py"), *REPO.glob("dashboard/**/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys"
    assert sorted(used - set(i18n.strings("fi"))) == []


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (27460, 0, "fi", f"27{NB}460"),
        (27460, 0, "en", "27,460"),
        (1234567.891, 1, "sv", f"1{NB}234{NB}567,9"),
        (-586, 0, "fi", "\u2212586"),
        (-0.04, 1, "fi", "0,0"),  # rounds to zero: no minus sign on a zero
        (None, 0, "fi", "–"),
        (float("nan"), 0, "fi", "–"),
    ],
)
def test_fmt_number(value, decimals, lang, expected) -> None:
    assert i18n.fmt_number(value, decimals, lang) == expected


def test_percent_and_signed() -> None:
    assert i18n.fmt_percent(6.8, 1, "fi") == f"6,8{NB}%"
    assert i18n.fmt_percent(6.8, 1, "en") == "6.8%"
    assert i18n.fmt_value(1.6, "percent", 1, "fi", signed=True) == f"+1,6{NB}%"
    assert i18n.fmt_value(412, "eur_per_resident", 0, "fi") == f"412{NB}€/as."


def test_periods_and_fallback() -> None:
    assert i18n.fmt_period("2023-10") == "10/2023" and i18n.fmt_period("2022") == "2022"
    assert i18n.t("nav.overview", "xx") == "Yleiskuva"  # unknown language falls back to Finnish
    assert i18n.t("no.such_key", "en") == "no.such_key"
