"""The projected share aged 65+ of the starting-point table: 65+ over the projected population."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.foresight.baseline import projected_share


def results(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["series", "group", "area_code", "year", "value"])


def test_share_of_the_official_series_in_the_year() -> None:
    frame = results([
        ("official", "population", "KU729", 2025, 9000.0), ("official", "age_65_plus", "KU729", 2025, 3406.0),
        ("official", "population", "KU729", 2030, 8500.0), ("official", "age_65_plus", "KU729", 2030, 3600.0),
        ("scenario", "population", "KU729", 2025, 10000.0), ("scenario", "age_65_plus", "KU729", 2025, 1.0),
    ])  # fmt: skip
    share = projected_share(frame, 2025)
    assert share.to_dict() == {"KU729": pytest.approx(100 * 3406 / 9000)}


def test_no_projection_for_the_year_gives_nothing() -> None:
    frame = results([("official", "population", "KU729", 2030, 8500.0)])
    assert projected_share(frame, 2025).empty
    assert projected_share(frame, 2030).empty  # no 65+ group: nothing rather than a guess
