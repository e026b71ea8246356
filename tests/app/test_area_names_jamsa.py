"""Issue 12 point 9: under the Jämsä configuration (region.toml only) the municipality Jämsä (KU182) and its
sub-region Jämsän seutukunta (SK134) are both "Jämsä" in the classification. Every area selector of the
indicator pages must still tell them apart: one name helper (queries.area_names) serves them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.build import REPO, Paths, build

JAMSA = ('[region]\nbrand = "Jämsän seutu"\ntitle_fi = "Jämsä"\ntitle_sv = "Jämsä"\ntitle_en = "Jämsä"\n'
         'focus_municipalities = ["182"]\nsubregion = "SK134"\nregion = "MK13"\n'
         '[comparison]\nareas = ["SK134", "MK13", "SSS"]\n')  # fmt: skip
AREA_SELECTORS = {  # page → keys of its widgets that offer areas
    "pages/vaesto.py": ("vaesto.kunta", "vaesto.vertailu"),
    "pages/tyo_ja_elinkeinot.py": ("tyo_ja_elinkeinot.kunta", "tyo_ja_elinkeinot.vertailu"),
    "pages/tyossakaynti.py": ("tyossakaynti.kunnat", "tyossakaynti.vertailu", "tyossakaynti.kunta"),
    "pages/kuntavertailu.py": ("kuntavertailu.kunnat",),
}
# Pages drawn one part at a time (selectors.Parts) whose area selectors are in different parts: each is shown.
PARTS = {"pages/tyossakaynti.py": ("aikasarja", "virrat")}


@pytest.fixture(scope="module")
def jamsa_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("jamsa")
    region_file = root / "region.toml"
    region_file.write_text(JAMSA, encoding="utf-8")
    build(Paths(data_dir=root / "data", snapshot_dir=REPO / "data" / "snapshot", region_file=region_file),
          show_progress=False)  # fmt: skip
    return root / "data"


def test_area_selectors_name_every_area_differently(jamsa_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILANNEKUVA_DATA_DIR", str(jamsa_data_dir))
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
