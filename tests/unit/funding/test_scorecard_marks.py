"""Issue 12 point 11: the scorecard's traffic lights were emoji (🟢🟡🔴⚪) that render as empty boxes where
no emoji font is installed (server-side exports with Debian's Chromium). Marks that any text font has."""

from __future__ import annotations

import pytest

from dashboard.core.i18n import t
from dashboard.funding import scorecard


def _plain_font(text: str) -> bool:
    """No emoji: nothing in the pictograph planes and none of the BMP characters drawn as emoji (⚪⚫⭕…)."""
    return all(ord(c) < 0x1F000 and not 0x2600 <= ord(c) <= 0x27BF and not 0x2B00 <= ord(c) <= 0x2BFF for c in text)


def test_marks_need_no_emoji_font() -> None:
    assert set(scorecard.LIGHTS) == {"green", "yellow", "red", "grey"}
    marks = [scorecard.mark(colour, "fi") for colour in scorecard.LIGHTS]
    assert all(_plain_font(m) for m in marks) and len(set(marks)) == 4
    assert scorecard.mark("green", "fi").endswith("saavutettu")  # the word, not only the colour


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_note_explaining_the_lights_has_no_emoji(lang: str) -> None:
    note = t("funding_score.lights_note", lang)
    assert _plain_font(note) and all(scorecard.LIGHTS[c]["symbol"] in note for c in scorecard.LIGHTS)
