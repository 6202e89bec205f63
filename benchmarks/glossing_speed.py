"""How fast the glossing stage is: index build, lookups, entries glossed per second, memory.

    python benchmarks/glossing_speed.py                 # the seed and 100 UD German GSD texts
    python benchmarks/glossing_speed.py --texts 0       # the seed only
    python benchmarks/glossing_speed.py --runs 5        # best and median of 5 fresh processes

The index is built into a temporary cache folder, so the figures are those of a first run on
a fresh machine. Entries come from the real pipeline (the seed article; texts of about 370
words of UD German GSD sentences made by `corpus_build.make_gsd_corpus`), extracted once. Each glossing run is
a fresh process with the dictionary, the noun table and the glossing modules loaded but
nothing glossed yet: "cold" is its first `gloss_entries` call over all entries, "warm" a
second call in the same process (what is read stays read). Peak memory is the glossing
process's own high-water resident set (Linux's VmHWM; it counts the pages of the
memory-mapped index read so far).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"

#: Run in a fresh process: gloss the entries of a JSON file twice, print the figures as JSON.
GLOSS_RUN = """
import json, sys, time
from lernkarten.entries import Entry
from lernkarten.glossing import gloss_entries
from lernkarten.glossing.dictionary import open_dictionary
from lernkarten.lexicon.nouns import noun_table
import lernkarten.glossing.fallbacks, lernkarten.glossing.grammar, lernkarten.glossing.stage
entries = [Entry.from_dict(d) for d in json.load(open(sys.argv[1], encoding="utf-8"))]
open_dictionary()
noun_table()
times = []
for _ in range(2):
    started = time.perf_counter()
    result = gloss_entries(entries)
    times.append(time.perf_counter() - started)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"cold": times[0], "warm": times[1], "glossed": len(result.entries), "rss_mb": peak / 1024}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=100, help="UD German GSD texts besides the seed (0: none)")
    parser.add_argument("--runs", type=int, default=3, help="fresh glossing processes per corpus")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="lernkarten-bench-") as folder:
        os.environ["LERNKARTEN_CACHE_DIR"] = str(Path(folder) / "cache")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        dictionary = build_and_look_up(Path(folder))
        corpora = [("seed article", [str(SEED)])]
        if args.texts:
            sys.path.insert(0, str(HERE))
            from corpus_build import make_gsd_corpus

            texts = Path(folder) / "texts"
            make_gsd_corpus(texts, args.texts)
            corpora.append((f"{args.texts} UD German GSD texts", [str(texts)]))
        from lernkarten.pipeline import extract_entries

        del dictionary
        for label, paths in corpora:
            entries = extract_entries(paths).entries
            file = Path(folder) / "entries.json"
            file.write_text(json.dumps([e.to_dict() for e in entries], ensure_ascii=False), encoding="utf-8")
            runs = []
            for _ in range(args.runs):
                done = subprocess.run([sys.executable, "-c", GLOSS_RUN, str(file)], env=env, check=True,
                                      capture_output=True, text=True)
                runs.append(json.loads(done.stdout))
            cold = [r["cold"] for r in runs]
            warm = [r["warm"] for r in runs]
            count = len(entries)
            print(f"gloss_entries on the {label}: {count} entries;"
                  f" cold best {min(cold):.2f} s = {count / min(cold):,.0f} entries/s"
                  f" (median {statistics.median(cold):.2f} s = {count / statistics.median(cold):,.0f}/s);"
                  f" warm best {min(warm):.2f} s = {count / min(warm):,.0f}/s;"
                  f" peak RSS {max(r['rss_mb'] for r in runs):.0f} MB ({args.runs} fresh processes)")
    return 0


def build_and_look_up(folder: Path) -> object:
    """Build the index as a first run does, then time lookups of every word form of the seed."""
    from lernkarten.caches import content_hash
    from lernkarten.glossing import dictionary as index

    source = index.data_path()
    started = time.perf_counter()
    content_hash(source)
    hashed = time.perf_counter() - started
    path = index.index_path(source)         # where the glossing runs will find it
    started = time.perf_counter()
    index.build_index(source, path)
    built = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"index build (206k lines, every slot): {built:.1f} s; file {path.stat().st_size / 1e6:.0f} MB;"
          f" data hash {hashed * 1000:.0f} ms; peak RSS of the build {peak:.0f} MB")
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
    print(f"cold lookups: {len(words)} seed word forms in {cold:.2f} s = {len(words) / cold:,.0f}/s ({found} found)")
    print(f"warm lookups (repeated, cached lines): {len(words) / warm:,.0f}/s")
    return dictionary


if __name__ == "__main__":
    sys.exit(main())
