"""Building one deck from many texts: cold, warm (nothing changed) and after one new text.

Two corpora: the 60 news articles of ../shared/data/news-de/, and texts of about 370 words
made from UD German GSD sentences (../shared/data/ud-german-gsd/) taken in a fixed random
order (each pass over the sentences a new shuffle), so that each text is new to the analysis
cache while its sentences repeat. Each build runs the real command
(`python -m lernkarten build FOLDER -o deck.apkg`) in its own process.

Phases, each in a fresh process:
- index: the dictionary and noun indexes built into an empty cache folder (once, shown apart);
- cold: a fresh cache folder holding only those indexes: every text analysed, every word glossed;
- warm: the same build again, nothing changed;
- +1 text: one new text added to the folder.

Peak MB is the largest total resident memory of the build's process tree (the command and its
workers together, sampled every 20 ms from /proc); `max proc` is the largest single process
(ru_maxrss). The sum of resident sizes counts a page shared by several processes once in each:
the dictionary's index (memory-mapped, ~150 MB) and the libraries are read by the command and
every worker. `peak PSS` sums each process's proportional share instead (a page shared by
three counts a third in each), so it is the tree's real footprint, the figure that tells
whether a machine runs out.

    python benchmarks/corpus_build.py                       # both corpora, --jobs 1 and 2
    python benchmarks/corpus_build.py --corpus gsd --texts 300 --jobs 2
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from lernkarten.caches import CACHES

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
GSD = SHARED / "ud-german-gsd"
NEWS = SHARED / "news-de"
WORDS_PER_TEXT = 370


def gsd_sentences() -> list[str]:
    """Every sentence of both GSD splits, in file order."""
    sentences = []
    for split in ("dev", "test"):
        for line in (GSD / f"de_gsd-ud-{split}.conllu").read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                sentences.append(line[len("# text = "):])
    return sentences


def make_gsd_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """Write `count` texts of about WORDS_PER_TEXT words of GSD sentences in a fixed random order."""
    sentences = gsd_sentences()
    rng = random.Random(seed)
    order: list[str] = []
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        text: list[str] = []
        words = 0
        while words < WORDS_PER_TEXT:
            if not order:
                order = sentences[:]
                rng.shuffle(order)
            sentence = order.pop()
            text.append(sentence)
            words += len(sentence.split())
        (folder / f"text-{index:04d}.txt").write_text(" ".join(text) + "\n", encoding="utf-8")


def make_news_corpus(folder: Path) -> None:
    """The news articles alone (not the folder's README and index)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(NEWS.glob("[0-9]*.txt")):
        shutil.copy(path, folder / path.name)


def word_count(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))


# Runs the CLI in a fresh interpreter and reports that process's own peak memory (and its workers').
_LAUNCHER = """
import resource, sys
from lernkarten.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="lernkarten")
except SystemExit as exit_:
    code = exit_.code
else:
    code = 0
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"PEAK {own} {workers}", file=sys.stderr)
sys.exit(code)
"""


def _tree_memory(root: int) -> tuple[int, int]:
    """Resident KiB of `root` and all its descendants now, summed as RSS and as PSS."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree), sum(_pss(pid) for pid in tree)


def _pss(pid: int) -> int:
    """A process's proportional set size in KiB (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Wall seconds, peak MiB of the process tree (RSS and PSS) and of its largest process, for one command."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", _LAUNCHER, *args], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            rss, pss = _tree_memory(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"{args[0]} failed: {stderr.strip().splitlines()[-3:]}")
    own, workers = next(line for line in stderr.splitlines() if line.startswith("PEAK ")).split()[1:]
    return wall, peak[0] / 1024, peak[1] / 1024, max(int(own), int(workers)) / 1024


def build_args(folder: Path, deck: Path, jobs: int) -> list[str]:
    return ["build", str(folder), "-o", str(deck), "--jobs", str(jobs), "--force", "--keep-mature"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("news", "gsd"), nargs="+", default=["news", "gsd"])
    parser.add_argument("--texts", type=int, default=1000, help="GSD texts to make")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--indexes", type=Path, default=None,
                        help="a cache folder whose indexes to copy instead of building them (no index row)")
    args = parser.parse_args()
    print(f"{'corpus':>6} {'texts':>5} {'words':>7} {'jobs':>4} {'phase':>8} {'wall s':>7} {'words/s':>8} "
          f"{'peak MB':>8} {'peak PSS':>8} {'max proc':>8}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        indexes = root / "indexes"
        env = dict(os.environ, LERNKARTEN_CACHE_DIR=str(indexes), LERNKARTEN_DATA_DIR=str(root / "data"))
        if args.indexes is not None:
            # the indexes, not what earlier builds remembered (analyses, glosses)
            remembered = (CACHES["analysis"].stem, CACHES["glosses"].stem)
            shutil.copytree(args.indexes, indexes, ignore=lambda _, names: [
                n for n in names if n in remembered or n.startswith(tuple(f"{stem}-" for stem in remembered))])
        else:
            wall, peak, pss, largest = run(["lookup", "Bündnis"], env)
            print(f"{'-':>6} {'-':>5} {'-':>7} {'-':>4} {'index':>8} {wall:>7.1f} {'-':>8} {peak:>8.0f} "
                  f"{pss:>8.0f} {largest:>8.0f}", flush=True)
        for corpus in args.corpus:
            texts = root / corpus
            make_news_corpus(texts) if corpus == "news" else make_gsd_corpus(texts, args.texts)
            extra = root / f"{corpus}-extra"
            make_gsd_corpus(extra, 1, seed=101)
            for jobs in args.jobs:
                cache = root / f"cache-{corpus}-{jobs}"
                shutil.copytree(indexes, cache)  # the indexes only: no analysis, no glosses
                env = dict(env, LERNKARTEN_CACHE_DIR=str(cache))
                deck = root / f"deck-{corpus}-{jobs}.apkg"
                (texts / "zz-new.txt").unlink(missing_ok=True)
                for phase in ("cold", "warm", "+1 text"):
                    if phase == "+1 text":
                        shutil.copy(extra / "text-0000.txt", texts / "zz-new.txt")
                    count, words = len(list(texts.glob("*.txt"))), word_count(texts)
                    wall, peak, pss, largest = run(build_args(texts, deck, jobs), env)
                    print(f"{corpus:>6} {count:>5} {words:>7} {jobs:>4} {phase:>8} {wall:>7.1f} {words / wall:>8.0f} "
                          f"{peak:>8.0f} {pss:>8.0f} {largest:>8.0f}", flush=True)
                shutil.rmtree(cache)


if __name__ == "__main__":
    main()
