"""Reading Kuntavertailu's heatmap figure as a visitor reads it: the cells' text, hover and colour."""

from __future__ import annotations

import re
from typing import NamedTuple

COLOUR = re.compile(r"^<span style='color:(#[0-9a-f]{6})'>")


class Cell(NamedTuple):
    text: str  # as shown, markup removed: "90,6 ↓<br>5./8"
    hover: str
    colour: str  # the first line's colour: the trend's


def unwrap(label: str) -> str:
    """A wrapped axis label as one line (table.wrap breaks at spaces and after hyphens)."""
    return label.replace("-<br>", "-").replace("<br>", " ")


def heatmap_cells(figure: dict) -> dict[tuple[str, str], Cell]:
    """{(row label, column): Cell} from the heatmap trace's text and hover grids (rows × columns)."""
    trace = figure["data"][0]
    cells = {}
    for y, texts, hovers in zip(trace["y"], trace["text"], trace["hovertext"]):
        for x, text, hover in zip(trace["x"], texts, hovers):
            colour = COLOUR.match(text)
            cells[(unwrap(y), unwrap(x))] = Cell(re.sub(r"</?span[^>]*>", "", text), hover,
                                                 colour.group(1) if colour else "")  # fmt: skip
    return cells
