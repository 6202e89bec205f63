"""Time from starting `lernkarten extract SEED` to its first line of output, cold and warm.

Cold: the article's analysis and glosses are not cached yet (the dictionary and noun indexes,
built once per installation, are). Warm: the same article again. Each run is a fresh process,
as a learner starts it; the figure is the median of `--runs` runs.

    python benchmarks/extract_first_output.py [--runs 5]
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

from lernkarten.caches import CACHES, remove

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"


def first_output_seconds(env: dict[str, str], args: list[str]) -> float:
    """Seconds until the command prints its first line."""
    start = time.perf_counter()
    with subprocess.Popen([sys.executable, "-m", "lernkarten", "extract", str(SEED), *args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as process:
        assert process.stdout is not None
        process.stdout.readline()
        elapsed = time.perf_counter() - start
        process.stdout.read()
    if process.returncode != 0:
        sys.exit("extract failed")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        env = dict(os.environ, LERNKARTEN_CACHE_DIR=str(cache), LERNKARTEN_DATA_DIR=str(Path(tmp) / "data"),
                   COLUMNS="120")
        first_output_seconds(env, ["--limit", "1"])  # the once-per-installation indexes
        for label, extra in (("table", []), ("--json", ["--json"])):
            cold = []
            for _ in range(args.runs):
                for name in ("analysis", "glosses"):  # what a first build of a new text cannot have
                    for path in CACHES[name].files(cache):
                        remove(path)
                cold.append(first_output_seconds(env, extra))
            warm = [first_output_seconds(env, extra) for _ in range(args.runs)]
            print(f"extract {label:7} cold {statistics.median(cold):.2f} s   warm {statistics.median(warm):.2f} s"
                  f"   (median of {args.runs}; min {min(cold):.2f} / {min(warm):.2f})")


if __name__ == "__main__":
    main()
