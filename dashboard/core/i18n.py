"""Translations (dashboard/locales/<lang>.toml) and locale-aware number formatting.

Finnish first: fi is the default and the fallback. Indicator and area names come from the warehouse
(catalogue / classification); everything else the UI says lives in the locale files, one file per feature
(`locales/<lang>/<feature>.toml`, merged; a key defined twice is an error) so features can be added
without editing each other's strings.
"""

from __future__ import annotations

import functools
import math
import tomllib
from pathlib import Path

LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}
DEFAULT = "fi"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
NBSP = "\u00a0"
MINUS = "\u2212"


@functools.cache
def strings(lang: str) -> dict[str, str]:
    """Flattened {"section.key": text} for one language, merged from every file of that language."""
    merged: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / lang).glob("*.toml")):
        with path.open("rb") as fh:
            for key, text in _flatten(tomllib.load(fh)):
                if key in merged:
                    raise ValueError(f"locale key {key!r} is defined twice ({lang}/{path.name})")
                merged[key] = text
    return merged


def _flatten(tree: dict, prefix: str = ""):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def t(key: str, lang: str = DEFAULT, **values: object) -> str:
    """The text for `key` in `lang` (falling back to Finnish), with {placeholders} filled in."""
    text = strings(lang if lang in LANGUAGES else DEFAULT).get(key) or strings(DEFAULT).get(key, key)
    return text.format(**values) if values else text


def label(row: dict, lang: str, field: str = "label") -> str:
    """`row[f"{field}_{lang}"]`, falling back to Finnish: for catalogue labels and area names."""
    return row.get(f"{field}_{lang}") or row.get(f"{field}_fi") or ""


def fmt_number(value: float | None, decimals: int = 0, lang: str = DEFAULT, signed: bool = False) -> str:
    """27460 → '27 460' (fi/sv, no-break space, decimal comma) or '27,460' (en); None → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    rounded = round(float(value), decimals)
    text = f"{abs(rounded):,.{decimals}f}"
    if lang in ("fi", "sv"):
        text = text.replace(",", NBSP).replace(".", ",")
    if rounded < 0:
        text = MINUS + text  # a real minus sign, as Finnish typography wants
    elif signed and rounded > 0:
        text = "+" + text
    return text


def fmt_percent(value: float | None, decimals: int = 1, lang: str = DEFAULT, signed: bool = False) -> str:
    """6.8 → '6,8 %' (fi/sv) or '6.8%' (en)."""
    number = fmt_number(value, decimals, lang, signed)
    if number == "–":
        return number
    return f"{number}{NBSP}%" if lang in ("fi", "sv") else f"{number}%"


def fmt_value(value: float | None, unit: str, decimals: int, lang: str = DEFAULT, signed: bool = False) -> str:
    """A value with its unit as users read it: '27 460', '6,8 %', '412 €/as.'."""
    if unit == "percent":
        return fmt_percent(value, decimals, lang, signed)
    number = fmt_number(value, decimals, lang, signed)
    if number == "–" or unit in ("persons", "ratio"):
        return number
    return f"{number}{NBSP}{t('unit.' + unit + '_short', lang)}"


def unit_label(unit: str, lang: str = DEFAULT) -> str:
    return t(f"unit.{unit}", lang)


def fmt_period(period: str, lang: str = DEFAULT) -> str:
    """'2023-10' → '10/2023'; '2022' stays '2022'."""
    if len(period) == 7 and period[4] == "-":
        return f"{int(period[5:])}/{period[:4]}"
    return period
