"""The cold-deep-link hand-over stays out of the way where there is no pages/ fallback run (the e2e test
tests/e2e/test_routing_e2e.py covers the real fallback on a cold server)."""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager

from dashboard.core import routing


@pytest.mark.parametrize("flag", [None, False, True])
def test_no_script_run_no_hand_over(monkeypatch: pytest.MonkeyPatch, flag: bool | None) -> None:
    monkeypatch.setattr(PagesManager, "uses_pages_directory", flag)
    routing.leave_pages_folder_fallback()  # outside a script run (CLI, tests, benchmarks): nothing to do
    assert PagesManager.uses_pages_directory is flag
