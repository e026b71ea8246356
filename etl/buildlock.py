"""One build at a time: an advisory lock on `data/warehouse/build.lock` holding the builder's pid and start.

The lock is `flock` on the file, so the kernel releases it when its process ends however it ends (a kill,
a power cut of the process): a lock whose process is gone is never "held". The file's text only tells
others who holds it. A build that finds the text of a process that no longer runs takes the lock over and
says so. The file itself is never deleted, so two builds can never lock two different files of one name.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)
LOCK_NAME = "build.lock"
POLL = 0.2  # s between attempts while waiting


class BuildLocked(RuntimeError):
    """Another build held the lock for the whole wait; nothing was read or written."""


def _holder(fd: int) -> dict:
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 4096).decode("utf-8", errors="replace").strip()
    try:
        holder = json.loads(text) if text else {}
    except json.JSONDecodeError:
        holder = {"pid": "?", "since": text[:40]}
    return holder if isinstance(holder, dict) else {}


def describe(holder: dict) -> str:
    return f"pid {holder.get('pid', '?')}, since {holder.get('since', '?')}"


def alive(pid: object) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, TypeError, ProcessLookupError):
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


@contextlib.contextmanager
def hold(warehouse_dir: Path, wait: float, say: Callable[[str], None] = log.warning) -> Iterator[dict]:
    """Hold the build lock for the `with` block, waiting up to `wait` seconds for another build to finish.

    Raises BuildLocked naming the other build when the wait runs out."""
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    path = warehouse_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline, told = time.monotonic() + max(wait, 0.0), False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
            holder = _holder(fd)
            if time.monotonic() >= deadline:
                raise BuildLocked(f"another build ({describe(holder)}) is running; wait for it to finish or "
                                  f"run again with a longer --wait (lock file {path})")  # fmt: skip
            if not told:
                say(f"another build ({describe(holder)}) is running; waiting up to {wait:g} s for it to finish")
                told = True
            time.sleep(POLL)
        stale = _holder(fd)
        if stale:  # a clean release empties the file: text left means its build died holding the lock
            state = "no longer running" if not alive(stale.get("pid")) else "not holding it"
            say(f"took over the stale build lock of {describe(stale)} ({state}); its leftovers will be removed")
        me = {"pid": os.getpid(), "since": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(me).encode("utf-8"))
        try:
            yield me
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # released cleanly: the next build finds an empty file
    finally:
        os.close(fd)  # closing drops the flock
