"""The region the product is built for (`region.toml`) and the area dimension derived from it.

`region.toml` is the only place that names the focus municipalities; everything else (which areas are
focus, which are comparisons, who belongs to which sub-region) is computed here from it and from the
Statistics Finland 2026 municipality classification in the snapshot.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

REGION_PATH = Path(__file__).resolve().parent.parent / "region.toml"


class RegionError(ValueError):
    """region.toml is missing something or names areas the classification does not know."""


@dataclass(frozen=True)
class Region:
    brand: str
    titles: dict[str, str]
    focus: tuple[str, ...]  # PxWeb codes, e.g. ("KU216", ...)
    subregion: str
    region: str
    country: str
    comparison: tuple[str, ...]
    peer_group: str
    feedback_contact: str = ""  # where users report accessibility gaps (shown in the statement); "" = not set

    def as_meta(self) -> dict[str, str]:
        """Key/value rows for the warehouse's meta_region table."""
        return {
            "brand": self.brand,
            **{f"title_{lang}": title for lang, title in self.titles.items()},
            "focus_municipalities": ",".join(self.focus),
            "subregion": self.subregion,
            "region": self.region,
            "country": self.country,
            "comparison_areas": ",".join(self.comparison),
            "peer_group": self.peer_group,
            "feedback_contact": self.feedback_contact,
        }


def load_region(path: Path = REGION_PATH) -> Region:
    """Parse region.toml; raises RegionError naming the missing key."""
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
        conf, comparison = raw["region"], raw.get("comparison", {})
        focus = tuple(f"KU{int(code):03d}" for code in conf["focus_municipalities"])
        titles = {lang: conf[f"title_{lang}"] for lang in ("fi", "sv", "en")}
        region = Region(
            brand=conf["brand"],
            titles=titles,
            focus=focus,
            subregion=conf["subregion"],
            region=conf["region"],
            country=conf.get("country", "SSS"),
            comparison=tuple(comparison.get("areas", [conf["subregion"], conf["region"], "SSS"])),
            peer_group=comparison.get("peer_group", "rest_of_region"),
            feedback_contact=str(conf.get("feedback_contact", "")).strip(),
        )
    except FileNotFoundError as exc:
        raise RegionError(f"region file not found: {path}") from exc
    except (KeyError, ValueError, TypeError) as exc:
        raise RegionError(f"{path.name}: missing or invalid key {exc}") from exc
    if not focus:
        raise RegionError(f"{path.name}: focus_municipalities is empty")
    return region


def build_dim_area(classification: pd.DataFrame, region: Region) -> pd.DataFrame:
    """All municipalities, sub-regions and regions of the classification plus the whole country.

    `classification` is the 2026 municipality key (one row per municipality).
    """
    cls = classification.astype({"municipality_code_3": str, "seutukunta_code": int, "maakunta_code": int})
    muni = pd.DataFrame(
        {
            "area_code": "KU" + cls["municipality_code_3"].str.zfill(3),
            "name_fi": cls["municipality_name_fi"],
            "name_sv": cls["municipality_name_sv"],
            "name_en": cls["municipality_name_en"],
            "level": "municipality",
            "parent_code": cls["seutukunta_code"].map("SK{:03d}".format),
        }
    )
    sub = cls.drop_duplicates("seutukunta_code")
    subregions = pd.DataFrame(
        {
            "area_code": sub["seutukunta_code"].map("SK{:03d}".format),
            "name_fi": sub["seutukunta_name_fi"],
            "name_sv": sub["seutukunta_name_sv"],
            "name_en": sub["seutukunta_name_en"],
            "level": "subregion",
            "parent_code": sub["maakunta_code"].map("MK{:02d}".format),
        }
    )
    reg = cls.drop_duplicates("maakunta_code")
    regions = pd.DataFrame(
        {
            "area_code": reg["maakunta_code"].map("MK{:02d}".format),
            "name_fi": reg["maakunta_name_fi"],
            "name_sv": reg["maakunta_name_sv"],
            "name_en": reg["maakunta_name_en"],
            "level": "region",
            "parent_code": "SSS",
        }
    )
    country = pd.DataFrame(
        [{"area_code": "SSS", "name_fi": "Koko maa", "name_sv": "Hela landet", "name_en": "Whole country",
          "level": "country", "parent_code": None}]
    )  # fmt: skip
    areas = pd.concat([muni, subregions, regions, country], ignore_index=True)
    areas["name_sv"] = areas["name_sv"].str.strip()
    areas["name_en"] = areas["name_en"].str.strip()
    unknown = sorted(set(region.focus + region.comparison) - set(areas["area_code"]))
    if unknown:
        raise RegionError(f"region.toml names areas not in the 2026 classification: {', '.join(unknown)}")
    areas["is_focus"] = areas["area_code"].isin(region.focus)
    # Focus municipalities first (by name), then the comparison areas in config order, then the rest.
    rank = {code: i for i, code in enumerate(region.comparison)}
    areas["_group"] = areas.apply(lambda r: 0 if r.is_focus else (1 if r.area_code in rank else 2), axis=1)
    areas["_rank"] = areas["area_code"].map(rank).fillna(0)
    areas = areas.sort_values(["_group", "_rank", "level", "name_fi"]).reset_index(drop=True)
    areas["sort_order"] = range(len(areas))
    return areas.drop(columns=["_group", "_rank"])


def employment_areas(classification: pd.DataFrame, source_table: str, vintage: str) -> pd.DataFrame:
    """The employment area (työllisyysalue) of each municipality, from the 2026 classification."""
    cls = classification.astype({"municipality_code_3": str, "tyollisyysalue_code": int})
    return pd.DataFrame(
        {
            "area_code": "KU" + cls["municipality_code_3"].str.zfill(3),
            "employment_area_code": cls["tyollisyysalue_code"].astype(str),
            "name_fi": cls["tyollisyysalue_name_fi"].str.strip(),
            "name_sv": cls["tyollisyysalue_name_sv"].str.strip(),
            "name_en": cls["tyollisyysalue_name_en"].str.strip(),
            "source_table": source_table,
            "vintage": vintage,
        }
    ).sort_values("area_code", ignore_index=True)


def members(dim_area: pd.DataFrame) -> dict[str, list[str]]:
    """{sub-region or region code: member municipality codes}, from the classification."""
    muni = dim_area[dim_area["level"] == "municipality"]
    sub_parent = dim_area.set_index("area_code")["parent_code"]
    out: dict[str, list[str]] = {}
    for code, sub in zip(muni["area_code"], muni["parent_code"]):
        out.setdefault(sub, []).append(code)
        out.setdefault(sub_parent[sub], []).append(code)
    return out
