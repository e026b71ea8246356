"""Today's date in Finland: the one clock of the read side for anything that compares data with today
(is a release overdue, is a figure old).

Builders take `today` as an argument (so it is part of their memo key) and pages pass `clock.today()`;
tests pin the date by replacing `clock.today` (monkeypatch), so what they assert does not age.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

FINLAND = ZoneInfo("Europe/Helsinki")  # a release due on 21.8. is overdue from 22.8. Finnish time, not UTC


def today() -> date:
    return datetime.now(FINLAND).date()
