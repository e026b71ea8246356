"""Trend arrows and colours are decided from numbers, never from formatted text."""

from __future__ import annotations

import pytest

from dashboard.overview.headlines import trend


@pytest.mark.parametrize(
    ("change", "higher_is_better", "expected"),
    [
        (-586, None, ("down", "gray")),
        (-132, True, ("down", "red")),
        (1.6, False, ("up", "red")),
        (-0.4, False, ("down", "green")),
        (0, True, ("off", "gray")),
        (None, True, ("off", "gray")),
    ],
)
def test_trend(change, higher_is_better, expected) -> None:
    assert trend(change, higher_is_better) == expected
