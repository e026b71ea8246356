"""The one memo (issue 12): keyed by the data version it injects, arguments frozen, old versions retired."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core import memo


@pytest.fixture
def version(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    current = [("wh-a.duckdb", "store#1")]
    monkeypatch.setattr(memo, "data_version", lambda: current[0])
    return current


def test_key_is_data_version_and_arguments(version) -> None:
    calls = []

    @memo.memo
    def build(area: str, comparisons: list[str]) -> tuple:
        calls.append(area)
        return (area, tuple(comparisons))

    assert build("KU729", ["SK138"]) == ("KU729", ("SK138",))
    assert build("KU729", ["SK138"]) == ("KU729", ("SK138",))  # a list argument is frozen for the key
    assert calls == ["KU729"]
    version[0] = ("wh-b.duckdb", "store#1")  # a new build, or a run pinned to another one
    build("KU729", ["SK138"])
    version[0] = ("wh-b.duckdb", "store#2")  # an edit in the app store
    build("KU729", ["SK138"])
    assert calls == ["KU729"] * 3


def test_frames_are_handed_out_as_copies(version) -> None:
    @memo.memo
    def frame() -> pd.DataFrame:
        return pd.DataFrame({"value": [1, 2]})

    mine = frame()
    mine["extra"] = 0
    mine.loc[0, "value"] = 99
    assert list(frame().columns) == ["value"] and frame()["value"].tolist() == [1, 2]


def test_old_versions_are_retired(version) -> None:
    @memo.memo
    def square(n: int) -> int:
        return n * n

    for build in range(6):
        version[0] = (f"wh-{build}.duckdb", "store#0")
        square(3)
    _wrapper, entries, _lock = next(m for m in memo._memos if m[0] is square)
    assert {key[0][0] for key in entries} <= {"wh-4.duckdb", "wh-5.duckdb"}


def test_clear_all_empties_every_memo(version) -> None:
    calls = []

    @memo.memo
    def one() -> int:
        calls.append(1)
        return 1

    one()
    memo.clear_all()
    one()
    assert calls == [1, 1]
