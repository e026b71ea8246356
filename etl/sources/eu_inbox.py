"""The inbox `data/raw/eu_funds/inbox/`: files dropped there are loaded by the next build, or refused.

Every format the editor page accepts (EURA 2021 Excel, EURA 2014 list, Kohesio CSV and the coordinator's
template; also gzipped) is checked by the same parser and limits as an upload. The build then:

- refuses a file with any bad row, an unknown format or a size over etl/limits.toml: it is moved to
  `inbox/refused/` with `<name>.errors.txt` beside it listing every problem, so that no later build trips
  over it again, and the build stops with exit 3 (the other inbox files wait for the next build);
- loads the valid files into the new warehouse straight from the inbox, and only after that warehouse
  is current archives them (data/raw/eu_funds/<kind>/<sha256>, a manifest line marked `via = inbox`) and
  removes them from the inbox. A build that fails leaves them in the inbox: nothing is archived that is
  not loaded, and nothing is loaded that is not then archived.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from etl.sources import eu_archive, eu_parse

log = logging.getLogger(__name__)
INBOX = "inbox"
REFUSED = "refused"
REPORT_SUFFIX = ".errors.txt"


class InboxRefused(RuntimeError):
    """One or more inbox files were refused and moved aside; nothing was swapped."""

    def __init__(self, refused: list[tuple[Path, Path, list[str]]]):
        self.refused = refused
        named = "; ".join(f"{p.name}: {ps[0]}" + (f" (and {len(ps) - 1} more" if len(ps) > 1 else " (1 problem")
                          + f", listed in {r.name})" for p, r, ps in refused)  # fmt: skip
        super().__init__(f"inbox file(s) refused and moved to {refused[0][1].parent}: {named}; fix the file and "
                         "drop it into the inbox again, then run `python -m etl build` again")  # fmt: skip


@dataclass
class Pending:
    """A valid inbox file: loaded by this build, archived once the build is current."""

    path: Path
    data: bytes
    result: eu_parse.ParseResult
    line: dict  # its manifest line-to-be


def inbox_dir(raw_dir: Path) -> Path:
    return eu_archive.archive_dir(raw_dir) / INBOX


def waiting(raw_dir: Path) -> list[Path]:
    """Files waiting in the inbox (not reports, not hidden or half-copied files, not the refused folder)."""
    inbox = inbox_dir(raw_dir)
    if not inbox.is_dir():
        return []
    return sorted(p for p in inbox.iterdir() if p.is_file() and not p.name.endswith(REPORT_SUFFIX)
                  and not p.name.startswith(".") and not p.name.endswith(".partial"))  # fmt: skip


def refuse(path: Path, problems: list[str]) -> tuple[Path, Path, list[str]]:
    """Move `path` to inbox/refused/ with its report; returns (file, report, problems)."""
    aside = path.parent / REFUSED
    aside.mkdir(exist_ok=True)
    report = aside / (path.name + REPORT_SUFFIX)
    report.write_text("\n".join(problems) + "\n", encoding="utf-8")
    os.replace(path, aside / path.name)  # a later file of the same name replaces the earlier refused one
    with contextlib.suppress(OSError):
        (path.parent / (path.name + REPORT_SUFFIX)).unlink()  # a report of an earlier build's layout
    log.warning("%s refused: %d problem(s), listed in %s", path.name, len(problems), report)
    return path, report, problems


def scan(raw_dir: Path, lookup: dict[str, str]) -> list[Pending]:
    """Every waiting file parsed; refused ones moved aside (then InboxRefused is raised)."""
    pending, refused = [], []
    for path in waiting(raw_dir):
        data = path.read_bytes()
        try:
            result = eu_parse.parse(path, lookup, data=data)
            problems = [f"row {e.row} {e.field}: {e.reason} {e.value!r}" for e in result.errors]
        except eu_parse.FormatError as exc:
            result, problems = None, [str(exc)]
        if problems:
            refused.append(refuse(path, problems))
            continue
        line = eu_archive.entry(data, path.name, result.kind, len(result.rows), via=INBOX)
        pending.append(Pending(path, data, result, line))
    if refused:
        raise InboxRefused(refused)
    return pending


def commit(pending: list[Pending], raw_dir: Path) -> None:
    """After the swap: archive each loaded file with its manifest line, then take it out of the inbox.

    A failure here (a full disk) leaves the file in the inbox: the next build loads it again, identically."""
    for item in pending:
        try:
            eu_archive.archive(item.data, item.path.name, item.result.kind, len(item.result.rows), raw_dir,
                               line=item.line)  # fmt: skip
            item.path.unlink()
        except OSError as exc:
            log.warning("%s is loaded but could not be archived (%s); it stays in the inbox and the next build "
                        "loads it again", item.path.name, exc)  # fmt: skip
