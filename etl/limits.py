"""Limits checked before an input is parsed: decompression bombs are measured, never unpacked into memory.

A `.gz` file is inflated once in small chunks that are counted and thrown away; only a file within the
limits is then decompressed for real. An `.xlsx`/`.zip` file is judged by its central directory: Python's
zipfile never returns more bytes for a member than the directory declares, so the declared sizes bound
what openpyxl can unpack. The limits live in etl/limits.toml.
"""

from __future__ import annotations

import functools
import gzip
import io
import tomllib
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

LIMITS_PATH = Path(__file__).with_name("limits.toml")
MB = 1024 * 1024
CHUNK = 256 * 1024  # inflate step: bounds the memory of the measuring pass
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".zip")


class TooLarge(ValueError):
    """A compressed input breaks a limit of etl/limits.toml; it was not unpacked."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_ratio: float
    ratio_floor: int
    max_members: int
    max_row_loss: float


@functools.cache
def limits(path: Path = LIMITS_PATH) -> Limits:
    with path.open("rb") as fh:
        conf = tomllib.load(fh)
    unpack, shrink = conf["decompression"], conf["shrink"]
    return Limits(int(unpack["max_uncompressed_mb"] * MB), float(unpack["max_ratio"]),
                  int(unpack["ratio_floor_mb"] * MB), int(unpack["max_members"]), float(shrink["max_row_loss"]))  # fmt: skip


def _judge(name: str, unpacked: int, packed: int, rules: Limits) -> None:
    if unpacked > rules.max_bytes:
        raise TooLarge(f"{name} unpacks to more than {rules.max_bytes / MB:g} MB (max_uncompressed_mb in "
                       f"etl/limits.toml); split the file or raise the limit")  # fmt: skip
    if unpacked > rules.ratio_floor and unpacked > rules.max_ratio * max(packed, 1):
        raise TooLarge(f"{name} unpacks to more than {rules.max_ratio:g} times its size ({packed} bytes → over "
                       f"{unpacked} bytes; max_ratio in etl/limits.toml): not a plain data file")  # fmt: skip


def gunzip(data: bytes, name: str, rules: Limits | None = None) -> bytes:
    """`data` decompressed (every gzip member), after a counting pass proved it within the limits."""
    rules = rules or limits()
    total, rest = 0, data
    try:
        while rest:
            inflater = zlib.decompressobj(wbits=31)
            pending = rest
            while pending and not inflater.eof:
                total += len(inflater.decompress(pending, CHUNK))
                _judge(name, total, len(data), rules)
                pending = inflater.unconsumed_tail
            while not inflater.eof:  # input consumed, output still buffered inside zlib
                piece = inflater.decompress(b"", CHUNK)
                if not piece:
                    raise TooLarge(f"{name} is cut off: the gzip stream ends early (copy the file again)")
                total += len(piece)
                _judge(name, total, len(data), rules)
            rest = inflater.unused_data.lstrip(b"\0")  # gzip allows members back to back (and zero padding)
    except zlib.error as exc:
        raise TooLarge(f"{name} is not a readable gzip file ({exc}); copy the file again") from exc
    return gzip.decompress(data)


def check_zip(data: bytes, name: str, rules: Limits | None = None) -> None:
    """Refuse an .xlsx/.zip whose members would unpack beyond the limits (judged by the directory)."""
    rules = rules or limits()
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TooLarge(f"{name} is not a readable zip/Excel file ({exc})") from exc
    if len(members) > rules.max_members:
        raise TooLarge(f"{name} holds {len(members)} members (max_members {rules.max_members} in etl/limits.toml)")
    _judge(name, sum(m.file_size for m in members), len(data), rules)
    for member in members:
        _judge(f"{name} ({member.filename})", member.file_size, member.compress_size, rules)
