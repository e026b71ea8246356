"""`make test`: the whole suite as two pytest processes side by side, on a 2-core CI runner.

The browser tests (marker e2e) run in one process, one after another; the unit, app and integration tests
run in the other at the same time. Together they take about as long as the browser tests alone, and no
two browser tests ever share the cores with each other (their timeouts would then measure contention).
pytest-xdist's `--dist loadgroup` would express this, but with pytest 9.2 its group marks are silently
ignored (it renames `item._nodeid`, which pytest 9 no longer reads), so the split is done here.

Extra arguments go to both processes (e.g. `python -m tests.suite -x`). Exit status: the worse of the two.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(args: list[str]) -> int:
    pytest = [sys.executable, "-m", "pytest", "-q", *args]
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        # The fast half writes to a file and is printed after the browser half, so the two never interleave.
        others = subprocess.Popen([*pytest, "-m", "not e2e"], cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
        try:
            print("== browser tests (-m e2e); the other tests run alongside and report below", flush=True)
            browser = subprocess.run([*pytest, "-m", "e2e"], cwd=REPO).returncode
        finally:
            rest = others.wait()
        log.seek(0)
        print("\n== unit, app and integration tests (-m 'not e2e')", flush=True)
        sys.stdout.write(log.read())
    # pytest exit 5 = nothing collected: only an error when both halves found nothing.
    codes = [code for code in (browser, rest) if code != 5] or [5]
    print(f"\n== exit status: browser tests {browser}, other tests {rest}", flush=True)
    return max(codes)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
