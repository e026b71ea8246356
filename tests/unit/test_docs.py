"""Docs that cannot drift (issue 12): a test fails when a chart id or a region.toml key is not documented
in README.md, when a named SQL file is used nowhere, or when a locale key the code asks for is missing in
Finnish, Swedish or English. (URL keys the pages bind: tests/app/test_docs_url_keys.py.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from dashboard.core import i18n, sqlfiles
from dashboard.model import registry

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
CODE = {
    path: path.read_text(encoding="utf-8")
    for folder in ("dashboard", "pages", "bench")
    for path in (REPO / folder).rglob("*.py")
} | {REPO / "app.py": (REPO / "app.py").read_text(encoding="utf-8")}


def documented(name: str) -> bool:
    return f"`{name}`" in README


def test_every_chart_id_is_documented() -> None:
    missing = sorted(chart_id for chart_id in registry.load_all() if not documented(chart_id))
    assert not missing, f"chart ids missing from README.md (section 'Charts for slides'): {missing}"


def test_every_region_key_is_documented() -> None:
    config = tomllib.loads((REPO / "region.toml").read_text(encoding="utf-8"))
    keys = [f"{section}.{key}" for section, table in config.items() for key in table]
    missing = [key for key in keys if not documented(key)]
    assert not missing, f"region.toml keys missing from README.md (section 'The region'): {missing}"


def test_every_sql_file_is_used() -> None:
    code = "\n".join(CODE.values())
    unused = sorted(name for name in sqlfiles.index() if f'"{name}"' not in code)
    assert not unused, f"SQL files no code names: {unused}"


def test_sql_names_are_unique() -> None:
    assert sqlfiles.index()  # raises on two files of one name


# t("section.key", ...) with a literal key; f-strings are checked by the key they start with.
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_]+\.[a-z0-9_]+)["']""")


def keys_in_code() -> set[str]:
    return {key for text in CODE.values() for key in LITERAL_KEY.findall(text)}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_locale_keys_used_in_code_exist(lang: str) -> None:
    known = set(i18n.strings(lang))
    missing = sorted(keys_in_code() - known)
    assert not missing, f"keys the code asks for, missing in dashboard/locales/{lang}/: {missing}"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_translations_have_every_finnish_key(lang: str) -> None:
    missing = sorted(set(i18n.strings("fi")) - set(i18n.strings(lang)))
    assert not missing, f"keys in Finnish without a {lang} text: {missing}"
