"""The one area-name and area-colour helper of the product (pure: no Streamlit, no queries).

Names must tell areas apart everywhere: under a configuration where a sub-region is named like its
municipality (Jämsä KU182 and Jämsän seutukunta SK134 are both "Jämsä" in the classification), a selector
offering "Jämsä" twice is useless. `unique_names` keeps a municipality's plain name and adds the level to any
other area whose name another area already has. Colours are fixed per area across the whole product: focus
municipalities take a colour-blind-safe qualitative palette in their configured order; comparison areas are
neutral greys. `dashboard.core.queries.area_names` / `area_colors` serve both per data version.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from plotly.colors import qualitative

FOCUS_PALETTE = qualitative.Safe  # 11 colour-blind-safe colours (CARTO Safe)
NEUTRALS = ("#3b3b3b", "#7a7a7a", "#a8a8a8", "#c9c9c9")


def unique_names(areas: pd.DataFrame, lang: str, level_words: Mapping[str, str]) -> dict[str, str]:
    """{area_code: name in `lang`} (Finnish where `lang` has none), unique: a non-municipality whose name
    another area has too is written "<name> (<level word>)".

    `areas` has area_code, level and name_fi/name_sv/name_en; `level_words` maps a level to its word in `lang`."""
    own = areas[f"name_{lang}"] if f"name_{lang}" in areas else areas["name_fi"]
    plain = own.where(own.notna() & (own != ""), areas["name_fi"])
    counts = plain.value_counts()
    clash = plain.map(counts).gt(1) & areas["level"].ne("municipality")
    shown = plain.where(~clash, plain + " (" + areas["level"].map(level_words).fillna(areas["level"]) + ")")
    return dict(zip(areas["area_code"], shown))


def area_colors(focus: list[str] | tuple[str, ...], comparison: list[str] | tuple[str, ...]) -> dict[str, str]:
    """{area_code: colour}; the same input gives the same colours on every page."""
    colors = {code: FOCUS_PALETTE[i % len(FOCUS_PALETTE)] for i, code in enumerate(focus)}
    colors.update({code: NEUTRALS[i % len(NEUTRALS)] for i, code in enumerate(comparison)})
    return colors
