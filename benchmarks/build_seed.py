"""Timing the packaging stage alone, and the whole build of the seed article.

1. Packaging: a deck of real German words (nouns, verbs, adjectives of UD German GSD with the
   sentence each was first seen in; placeholder glosses) is stamped against an earlier version
   of itself (a tenth of the glosses changed), written as .apkg and imported into a fresh
   Anki collection. Median of several runs; peak Python memory of one write (tracemalloc).
2. End to end: `python -m lernkarten build SEED -o seed.apkg` in its own process, cold (empty
   cache) and warm, then once more to check that an unchanged rebuild gives the same bytes,
   then `python -m lernkarten package seed.json`. Peak memory is the process's maximum
   resident set size (os.wait4).

    python benchmarks/build_seed.py
    python benchmarks/build_seed.py --entries 1000 --runs 7
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "source_texts" / "faz-2022-01-06-kasachstan-odkb.txt"
GSD = REPO.parent / "shared" / "data" / "ud-german-gsd" / "de_gsd-ud-test.conllu"


def gsd_deck(size: int):  # type: ignore[no-untyped-def]
    """A deck of `size` distinct content words of UD German GSD, each with its first sentence."""
    from lernkarten.entries import Deck, Entry, Example, Gloss, Source

    source = Source(id="ud-german-gsd-test", title="UD German GSD (test)", date="2024-05-15")
    entries: dict[str, Entry] = {}
    text = ""
    position = 0
    for line in GSD.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text, position = line[len("# text = "):], 0
            continue
        columns = line.split("\t")
        if len(columns) != 10 or not columns[0].isdigit():
            continue
        form, lemma, upos = columns[1], columns[2], columns[3]
        start = text.find(form, position)
        if start < 0:
            continue
        position = start + len(form)
        if upos in ("NOUN", "VERB", "ADJ") and f"{lemma}|{upos}" not in entries and len(entries) < size:
            entries[f"{lemma}|{upos}"] = Entry(
                lemma, upos, forms=[form], count=1, level="B2", sources=[source.id],
                examples=[Example(text, [(start, start + len(form))], source=source.id)],
                glosses=[Gloss(f"gloss of {lemma}")],
            )
    return Deck("Benchmark", [source], list(entries.values()))


def packaging_figures(size: int, runs: int) -> None:
    from anki.collection import Collection, ImportAnkiPackageRequest

    from lernkarten.packaging import stamp_modified, write_apkg

    deck = gsd_deck(size)
    previous = stamp_modified(gsd_deck(size), None, 1_600_000_000)
    for entry in previous.entries[::10]:  # a tenth of the words had another gloss last time
        entry.glosses[0].text += " (old)"
    stamp_times, write_times, import_times = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.apkg"
        for run in range(runs):
            began = time.perf_counter()
            stamped = stamp_modified(deck, previous, 1_700_000_000)
            stamp_times.append(time.perf_counter() - began)
            began = time.perf_counter()
            summary = write_apkg(stamped, target)
            write_times.append(time.perf_counter() - began)
            profile = Path(folder) / f"anki-{run}"
            profile.mkdir()
            collection = Collection(str(profile / "collection.anki2"))
            began = time.perf_counter()
            options = collection._backend.get_import_anki_package_presets()
            collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(target), options=options))
            import_times.append(time.perf_counter() - began)
            collection.close()
        tracemalloc.start()
        write_apkg(stamped, target)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size_bytes = target.stat().st_size
    print(f"packaging {len(deck.entries)} entries -> {summary.notes} notes, {summary.cards} cards, "
          f"{size_bytes / 1024:.0f} KiB")
    print(f"  stamp_modified   median {statistics.median(stamp_times) * 1000:7.1f} ms (against the earlier deck)")
    print(f"  write_apkg       median {statistics.median(write_times) * 1000:7.1f} ms "
          f"({statistics.median(write_times) / summary.notes * 1e6:.0f} µs/note), "
          f"peak Python memory {peak / 2**20:.1f} MiB")
    print(f"  Anki import      median {statistics.median(import_times) * 1000:7.1f} ms")


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS (KiB), exit status and last stderr line of one command."""
    began = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - began
        errors.seek(0)
        lines = errors.read().decode("utf-8", "replace").strip().splitlines()
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status), lines[-1] if lines else ""


def end_to_end_figures() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, LERNKARTEN_CACHE_DIR=f"{folder}/cache", LERNKARTEN_DATA_DIR=f"{folder}/data")
        apkg = Path(folder) / "seed.apkg"
        build = [sys.executable, "-m", "lernkarten", "build", str(SEED), "-o", str(apkg), "--keep-mature"]
        print(f"end to end on {SEED.name}")
        first = b""
        for label in ("cold build", "warm build", "rebuild"):
            seconds, rss, status, last = run_measured(build, env)
            if status != 0:
                print(f"  {label:<14} failed (exit {status}): {last}")
                return
            print(f"  {label:<14} {seconds:6.2f} s, peak RSS {rss / 1024:6.0f} MiB")
            if label == "cold build":
                first = apkg.read_bytes()
        print(f"  unchanged rebuild gives the same .apkg: {apkg.read_bytes() == first}")
        package = [sys.executable, "-m", "lernkarten", "package", str(apkg.with_suffix(".json")), "-o", str(apkg)]
        seconds, rss, status, last = run_measured(package, env)
        result = f"{seconds:6.2f} s, peak RSS {rss / 1024:6.0f} MiB" if status == 0 else f"failed: {last}"
        print(f"  {'package':<14} {result}")
        print(f"  package of the unchanged JSON gives the same .apkg: {apkg.read_bytes() == first}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500, help="words in the packaging deck")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true", help="only the packaging figures")
    options = parser.parse_args()
    packaging_figures(options.entries, options.runs)
    if not options.skip_build:
        end_to_end_figures()


if __name__ == "__main__":
    main()
