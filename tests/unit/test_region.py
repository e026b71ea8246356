"""region.toml is the only place naming the focus areas; dim_area follows from it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from etl import region as region_mod
from etl.sources import snapshot


@pytest.fixture(scope="module")
def classification() -> pd.DataFrame:
    return snapshot.read_classification(snapshot.SNAPSHOT_DIR, snapshot.load_sources())


def test_default_region_is_the_eight() -> None:
    region = region_mod.load_region()
    assert region.focus == ("KU216", "KU226", "KU256", "KU265", "KU312", "KU601", "KU729", "KU931")
    assert (region.subregion, region.region, region.country) == ("SK138", "MK13", "SSS")


def test_dim_area_levels_parents_and_order(classification: pd.DataFrame) -> None:
    dim = region_mod.build_dim_area(classification, region_mod.load_region()).set_index("area_code")
    assert dim.loc["KU729", "parent_code"] == "SK138" and dim.loc["SK138", "parent_code"] == "MK13"
    assert dim.loc["MK13", "parent_code"] == "SSS" and dim.loc["SSS", "level"] == "country"
    assert dim["is_focus"].sum() == 8
    first = dim.sort_values("sort_order").index[:11].tolist()
    assert first[:8] == ["KU216", "KU226", "KU256", "KU265", "KU312", "KU601", "KU729", "KU931"]
    assert first[8:] == ["SK138", "MK13", "SSS"]
    assert dim.loc["MK13", "name_sv"] == "Mellersta Finland"


def test_members_follow_the_2026_division(classification: pd.DataFrame) -> None:
    dim = region_mod.build_dim_area(classification, region_mod.load_region())
    members = region_mod.members(dim)
    assert sorted(members["SK138"]) == ["KU216", "KU226", "KU256", "KU265", "KU312", "KU601", "KU729", "KU931"]
    assert len(members["MK13"]) == 22 and "KU291" not in members["MK13"]  # Kuhmoinen left in 2021


def test_unknown_area_is_rejected(tmp_path: Path, classification: pd.DataFrame) -> None:
    path = tmp_path / "region.toml"
    path.write_text('[region]\nbrand="b"\ntitle_fi="t"\ntitle_sv="t"\ntitle_en="t"\nfocus_municipalities=["999"]\n'
                    'subregion="SK999"\nregion="MK13"\n', encoding="utf-8")  # fmt: skip
    with pytest.raises(region_mod.RegionError, match="KU999"):
        region_mod.build_dim_area(classification, region_mod.load_region(path))


def test_feedback_contact_is_configuration(tmp_path: Path) -> None:
    """The accessibility statement's contact comes from region.toml; unset, the statement says so."""
    assert region_mod.load_region().as_meta()["feedback_contact"] == ""  # not confirmed yet: nothing invented
    path = tmp_path / "region.toml"
    path.write_text('[region]\nbrand="b"\ntitle_fi="t"\ntitle_sv="t"\ntitle_en="t"\nfocus_municipalities=["182"]\n'
                    'subregion="SK134"\nregion="MK13"\nfeedback_contact=" palaute@example.invalid "\n', encoding="utf-8")  # fmt: skip
    assert region_mod.load_region(path).as_meta()["feedback_contact"] == "palaute@example.invalid"


def test_missing_key_is_named(tmp_path: Path) -> None:
    path = tmp_path / "region.toml"
    path.write_text('[region]\nbrand="b"\n', encoding="utf-8")
    with pytest.raises(region_mod.RegionError, match="missing or invalid key"):
        region_mod.load_region(path)


def test_no_other_code_names_the_focus_municipalities() -> None:
    """The eight codes appear in region.toml only (not in etl/, dashboard/, pages/ or app.py)."""
    repo = Path(__file__).resolve().parents[2]
    names = ("Kannonkoski", "Karstula", "Kinnula", "Kivijärvi", "Kyyjärvi", "Pihtipudas", "Saarijärvi", "Viitasaari")
    offenders = []
    for path in [repo / "app.py", *repo.glob("pages/*.py"), *repo.glob("dashboard/**/*.py"), *repo.glob("etl/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        for token in ("KU729", "KU931", '"729"', "'729'", *names):
            if token in text:
                offenders.append(f"{path.relative_to(repo)}: {token}")
    assert offenders == []
