"""How fast the glossing stage is: index build, cold and warm lookups, entries glossed per second.

    python benchmarks/glossing_speed.py

The index is built into a temporary cache folder, so the figures are those of a first run
on a fresh machine; the lookups use words of the seed article (all its word forms, so many
miss, as real lookups do).
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="lernkarten-bench-") as folder:
        os.environ["LERNKARTEN_CACHE_DIR"] = folder
        from lernkarten.glossing import dictionary as index

        source = index.data_path()
        started = time.perf_counter()
        index.data_hash(source)
        hashed = time.perf_counter() - started
        path = Path(folder) / "ding-bench.sqlite"
        started = time.perf_counter()
        index.build_index(source, path)
        built = time.perf_counter() - started
        print(f"index build (206k lines, every slot): {built:.1f} s; file {path.stat().st_size / 1e6:.0f} MB;"
              f" data hash {hashed * 1000:.0f} ms")

        started = time.perf_counter()
        dictionary = index.Dictionary(path)
        opened = time.perf_counter() - started
        words = sorted(set(re.findall(r"[^\W\d_]+", SEED.read_text(encoding="utf-8"))))
        started = time.perf_counter()
        found = sum(bool(dictionary.lookup(w)) for w in words)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        rounds = 20
        for _ in range(rounds):
            for w in words:
                dictionary.lookup(w)
        warm = (time.perf_counter() - started) / rounds
        print(f"open: {opened * 1000:.1f} ms")
        print(f"cold lookups: {len(words)} seed word forms in {cold:.2f} s = {len(words) / cold:,.0f}/s"
              f" ({found} found)")
        print(f"warm lookups (repeated, cached lines): {len(words) / warm:,.0f}/s")

        from lernkarten.glossing.stage import gloss_entry
        from lernkarten.lexicon.nouns import noun_table
        from lernkarten.pipeline import extract_entries

        entries = extract_entries([str(SEED)]).entries
        nouns = noun_table()
        times = []
        for _ in range(3):
            started = time.perf_counter()
            for entry in entries:
                gloss_entry(entry, dictionary, nouns)
            times.append(time.perf_counter() - started)
        print(f"gloss_entry on the seed's {len(entries)} entries: first {times[0]:.2f} s"
              f" ({len(entries) / times[0]:,.0f} entries/s), then {statistics.median(times[1:]):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
