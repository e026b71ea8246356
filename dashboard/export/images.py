"""Chart images (PNG, SVG) with kaleido driving the system Chromium, one export server per batch.

Starting the browser costs seconds and each figure a fraction of one, so a deck's figures are rendered
in one batch by one kaleido server (one tab: on two cores a second tab measured slower). Finished images
are kept on disk keyed by the figure's JSON and size, so re-exporting a deck whose text changed, or
whose charts another deck already rendered, skips the browser entirely.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go

SYSTEM_CHROMIUM = "/usr/bin/chromium"


class ExportError(RuntimeError):
    """A chart could not be rendered to an image (no Chromium, or the browser failed)."""


def browser() -> str | None:
    """The Chromium kaleido would drive (BROWSER_PATH, chromium on PATH, Debian's), or None: no image export."""
    candidates = [os.environ.get("BROWSER_PATH"), shutil.which("chromium"), SYSTEM_CHROMIUM]
    return next((path for path in candidates if path and os.path.isfile(path)), None)


def available() -> bool:
    """True when charts can be rendered to images here (the pages offer PNG/SVG/PPTX/PDF only then)."""
    return browser() is not None


def _browser_env() -> None:
    # kaleido looks for Chrome on PATH or BROWSER_PATH; Debian names it chromium.
    found = browser()
    if found is None:
        raise ExportError("cannot render the charts as images: no Chromium browser found "
                          "(install Debian's chromium package, or set BROWSER_PATH)")  # fmt: skip
    os.environ["BROWSER_PATH"] = found


def image_cache_dir() -> Path:
    repo = Path(__file__).resolve().parents[2]
    return Path(os.environ.get("TILANNEKUVA_DATA_DIR", repo / "data")) / "exports" / "images"


def render_images(figures: Sequence[go.Figure], fmt: str = "png", width: int = 1600, height: int = 900,
                  scale: float = 1.0) -> list[bytes]:  # fmt: skip
    """Render every figure (PNG is width×scale by height×scale pixels), from the disk cache when possible."""
    if fmt not in ("png", "svg", "pdf"):
        raise ExportError(f"unsupported image format {fmt!r}")
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    keys = [hashlib.sha256(f"{fig.to_json()}|{opts}".encode()).hexdigest()[:32] for fig in figures]
    cache = image_cache_dir()
    images = {key: (cache / f"{key}.{fmt}").read_bytes() for key in keys if (cache / f"{key}.{fmt}").is_file()}
    todo = [(key, fig) for key, fig in zip(keys, figures) if key not in images]
    if todo:
        for (key, _), data in zip(todo, _render(dict(todo).values(), opts)):
            images[key] = data
            cache.mkdir(parents=True, exist_ok=True)
            tmp = cache / f".{key}.{fmt}.part"
            tmp.write_bytes(data)
            os.replace(tmp, cache / f"{key}.{fmt}")
    return [images[key] for key in keys]


def _render(figures: Sequence[go.Figure], opts: dict) -> list[bytes]:
    _browser_env()
    import kaleido  # imported late: the app only needs it when someone exports

    async def batch() -> list[bytes]:
        async with kaleido.Kaleido(n=1) as server:
            return [await server.calc_fig(fig, opts=opts) for fig in figures]

    try:
        # Its own thread, so its own event loop: a caller may already run one (Playwright's sync API does).
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, batch()).result()
    except ExportError:
        raise
    except Exception as exc:
        raise ExportError(f"rendering {len(list(figures))} chart image(s) failed: {type(exc).__name__}: {exc}") from exc
