"""Issue 12 point 9: under the Jämsä configuration (region.toml only) the municipality Jämsä (KU182) and its
sub-region Jämsän seutukunta (SK134) are both "Jämsä" in the classification. Every area selector of the
indicator pages must still tell them apart: one name helper (queries.area_names) serves them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

AREA_SELECTORS = {  # page → keys of its widgets that offer areas
    "pages/vaesto.py": ("vaesto.kunta", "vaesto.vertailu"),
    "pages/tyo_ja_elinkeinot.py": ("tyo_ja_elinkeinot.kunta", "tyo_ja_elinkeinot.vertailu"),
    "pages/tyossakaynti.py": ("tyossakaynti.kunnat", "tyossakaynti.vertailu", "tyossakaynti.kunta"),
    "pages/kuntavertailu.py": ("kuntavertailu.kunnat",),
}
# Pages drawn one part at a time (selectors.Parts) whose area selectors are in different parts: each is shown.
PARTS = {"pages/tyossakaynti.py": ("aikasarja", "virrat")}


def test_area_selectors_name_every_area_differently(jamsa_warehouse: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(jamsa_warehouse))  # tests/conftest.py's Jämsä build
    monkeypatch.setenv("TILANNEKUVA_STATE", str(tmp_path / "app_state.duckdb"))
    app = AppTest.from_file("../../app.py", default_timeout=60)
    app.run()
    offered: dict[str, list[str]] = {}
    for page, keys in AREA_SELECTORS.items():
        for part in PARTS.get(page, (None,)):
            if part is not None:
                app.session_state[f"{Path(page).stem}.osio"] = part
            app.switch_page(page).run()
            assert not app.exception, [e.message for e in app.exception]
            for widget in [*app.selectbox, *app.multiselect]:
                if widget.key in keys:
                    offered[widget.key] = list(widget.options)  # the shown texts (format_func applied)
    assert sorted(offered) == sorted(key for keys in AREA_SELECTORS.values() for key in keys)
    for key, names in offered.items():
        assert len(set(names)) == len(names), (key, names)
    assert "Jämsä" in offered["vaesto.kunta"] and "Jämsä (seutukunta)" in offered["vaesto.kunta"]
    assert {"Jämsä (seutukunta)", "Jämsä"} <= set(offered["vaesto.vertailu"])
