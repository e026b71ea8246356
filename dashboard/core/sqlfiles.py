"""Named SQL files of the read side, for the warehouse and the app store alike.

Each query is `<name>.sql` in `dashboard/core/sql/` or in a feature's own `sql/` folder
(`dashboard/population/sql/pop_age.sql`): code names a query by its file name alone, so a query can move
with its feature without touching its callers. Names are unique across the dashboard (a test checks it);
store migrations live apart in `core/sql/migrations/` and are not queries.
"""

from __future__ import annotations

import functools
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parent.parent


@functools.cache
def index() -> dict[str, Path]:
    """{query name: its file} for every named SQL file; raises if two files share a name."""
    found: dict[str, Path] = {}
    for path in sorted(DASHBOARD.glob("*/sql/*.sql")):
        if path.stem in found:
            raise RuntimeError(f"two SQL files named {path.stem}: {found[path.stem]} and {path}")
        found[path.stem] = path
    return found


@functools.cache
def sql_text(name: str) -> str:
    """The text of the named query (names come from our code, never from users)."""
    try:
        return index()[name].read_text(encoding="utf-8")
    except KeyError:
        raise KeyError(f"no SQL file named {name}.sql under dashboard/*/sql/") from None
