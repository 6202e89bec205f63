"""A learner's first deck: the seed article built with empty cache and data folders.

Runs `PYTHON -m lernkarten build SEED -o deck.apkg` as a new user's first command would, with
`LERNKARTEN_CACHE_DIR` and `LERNKARTEN_DATA_DIR` pointing at fresh folders, several times
(a fresh pair of folders each run), and reports wall time and the process's peak resident
memory (os.wait4), against the targets of 8 s and 600 MB. It says which indexes the
installation carries: a wheel built by `pip install .` ships them (setup.py), an editable
install does not and so builds them on its first run.

    python benchmarks/first_run.py                         # this interpreter's lernkarten
    python benchmarks/first_run.py --python /tmp/venv/bin/python --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
TARGET_SECONDS, TARGET_MB = 8.0, 600.0

_SHIPPED = ("from lernkarten.caches import CACHES; "
            "print(' '.join(c.name for c in CACHES.values() if c.shipped and c.find().exists()))")


def shipped_indexes(python: str) -> list[str]:
    """The caches of which the installation of `python` carries today's copy."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LERNKARTEN_CACHE_DIR=tmp)
        # from another folder, so that the installed lernkarten is imported rather than a checkout in the current one
        out = subprocess.run([python, "-c", _SHIPPED], env=env, cwd=tmp, capture_output=True, text=True,
                             check=True).stdout
    return out.split()


def first_build(python: str) -> tuple[float, float]:
    """(wall seconds, peak MB) of one build of the seed with fresh cache and data folders."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = dict(os.environ, LERNKARTEN_CACHE_DIR=str(root / "cache"), LERNKARTEN_DATA_DIR=str(root / "data"))
        started = time.perf_counter()
        process = subprocess.Popen([python, "-m", "lernkarten", "build", str(SEED), "-o", str(root / "deck.apkg")],
                                   env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors = process.stderr.read().decode() if process.stderr else ""
        if process.returncode != 0 or not (root / "deck.apkg").exists():
            sys.exit(f"the build failed ({process.returncode}): {errors.strip()}")
        return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable, help="the interpreter whose lernkarten to run")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    shipped = shipped_indexes(args.python)
    print(f"indexes shipped with this installation: {', '.join(shipped) or 'none (they are built on the first run)'}")
    runs = [first_build(args.python) for _ in range(args.runs)]
    seconds = statistics.median(s for s, _ in runs)
    peak = max(m for _, m in runs)
    print(f"first build of the seed: median {seconds:.2f} s (runs: {', '.join(f'{s:.2f}' for s, _ in runs)}), "
          f"peak {peak:.0f} MB")
    print(f"targets: < {TARGET_SECONDS:.0f} s {'met' if seconds < TARGET_SECONDS else 'MISSED'}, "
          f"< {TARGET_MB:.0f} MB {'met' if peak < TARGET_MB else 'MISSED'}")


if __name__ == "__main__":
    main()
