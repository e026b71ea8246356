"""Every URL key a page binds is documented (issue 12): README.md lists each page's keys, and this test
opens every public page and fails on a bound widget whose key the README does not name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def public_pages() -> list[str]:
    """The scripts app.py registers for everyone (PAGES rows whose last field, editors only, is False)."""
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    rows = next(node.value for node in tree.body if isinstance(node, ast.Assign) and node.targets[0].id == "PAGES")
    return [row.elts[1].value for row in rows.elts if not row.elts[4].value]


def bound_keys(node) -> set[str]:
    keys = set()
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "query_param_key") and proto.query_param_key:
        keys.add(proto.query_param_key)
    children = getattr(node, "children", None) or {}
    for child in children.values():
        keys |= bound_keys(child)
    return keys


@pytest.mark.parametrize("script", public_pages())
def test_bound_keys_are_documented(open_view, script: str) -> None:
    app = open_view(script)
    keys = bound_keys(app.main) | bound_keys(app.sidebar)
    if script == "pages/vaesto.py":
        assert len(keys) >= 4, "the walk no longer finds the bound widgets"
    missing = sorted(key for key in keys if f"`{key}`" not in README)
    assert not missing, f"{script} binds URL keys that README.md ('URL keys') does not document: {missing}"
