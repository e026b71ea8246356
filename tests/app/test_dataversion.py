"""Every page names the data it shows: the sidebar footer with the build's time and version id."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest


def test_sidebar_names_the_warehouse_build(app: AppTest, app_env: Path) -> None:
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    current = (app_env / "warehouse" / "CURRENT").read_text(encoding="utf-8").strip()  # wh-<run id>.duckdb
    run_id = current.removeprefix("wh-").removesuffix(".duckdb")
    footer = [c.value for c in app.sidebar.caption if "versio" in c.value]
    assert len(footer) == 1
    assert re.fullmatch(
        rf"Tiedot päivitetty \d{{1,2}}\.\d{{1,2}}\.\d{{4}} klo \d{{1,2}}\.\d{{2}} · versio {run_id}", footer[0]
    )
    # On every page: app.py draws it before navigation (AppTest drops the sidebar after switch_page, so the
    # e2e load test checks the other pages).
