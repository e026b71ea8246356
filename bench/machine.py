"""What the benchmark ran on, read at run time: CPU, cores, memory, OS, versions and the load average.

Absolute times mean little without this; the load average matters most on a shared machine.
"""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

PACKAGES = ("streamlit", "duckdb", "pandas", "plotly", "playwright")


def _first(path: str, key: str) -> str:
    """The value of the first `key: value` / `KEY=value` line of a /proc or /etc file, or ''."""
    try:
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            name, sep, value = line.partition(":" if ":" in line else "=")
            if sep and name.strip() == key:
                return value.strip().strip('"')
    except OSError:
        pass
    return ""


def cpu_model() -> str:
    return _first("/proc/cpuinfo", "model name") or platform.processor() or platform.machine()


def memory_gib() -> float | None:
    total = _first("/proc/meminfo", "MemTotal")  # "24684096 kB"
    return int(total.split()[0]) / 1024**2 if total else None


def os_name() -> str:
    return _first("/etc/os-release", "PRETTY_NAME") or platform.system()


def versions() -> str:
    found = []
    for package in PACKAGES:
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package} (not installed)")
    return ", ".join(found)


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def fmt_load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in load)


def describe(load_start: tuple[float, float, float], load_end: tuple[float, float, float] | None,
             chromium: str = "") -> list[str]:  # fmt: skip
    """Bullet lines for the report."""
    memory = memory_gib()
    cores = os.cpu_count() or 0
    lines = [
        f"CPU: {cpu_model()}, {cores} logical core(s) visible to the process",
        f"memory: {memory:.1f} GiB" if memory else "memory: unknown",
        f"OS: {os_name()} (kernel {platform.release()}, {platform.machine()})",
        f"Python {platform.python_version()}; {versions()}" + (f"; Chromium {chromium}" if chromium else ""),
        f"load average (1 / 5 / 15 min) at start: {fmt_load(load_start)}"
        + (f"; at end: {fmt_load(load_end)}" if load_end else "")
        + f" — {cores} core(s), so a load above {cores} means processes were waiting for a CPU",
    ]
    return lines
