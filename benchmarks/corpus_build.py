"""Building decks from many texts: cold, warm (nothing changed) and after one new text.

The corpus is made from UD German GSD sentences (../shared/data/ud-german-gsd/), grouped into
texts of 10-40 sentences in file order, so that each text reads as a run of real German. Each
build runs the real command (`python -m lernkarten build FOLDER -o deck.apkg`) in its own
process; peak memory is that process's maximum resident set size.

    python benchmarks/corpus_build.py                 # 100, 200 and 300 texts
    python benchmarks/corpus_build.py --sizes 300 --jobs 2
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GSD = REPO.parent / "shared" / "data" / "ud-german-gsd"


def gsd_sentences() -> list[tuple[str, int]]:
    """(text, token count) of every sentence of both GSD splits, in file order."""
    sentences = []
    for split in ("dev", "test"):
        text, tokens = "", 0
        for line in (GSD / f"de_gsd-ud-{split}.conllu").read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif line and line[0].isdigit() and "-" not in line.split("\t", 1)[0] and "." not in line.split("\t", 1)[0]:
                tokens += 1
            elif not line and text:
                sentences.append((text, tokens))
                text, tokens = "", 0
    return sentences


def make_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """Write `count` texts of 10-40 sentences into `folder`; returns the number of tokens written."""
    sentences = gsd_sentences()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    position, tokens = 0, 0
    for index in range(count):
        size = rng.randint(10, 40)
        if position + size > len(sentences):
            position = rng.randint(0, len(sentences) - size)  # reuse in a new order past the end
        chunk = sentences[position:position + size]
        position += size
        (folder / f"text-{index:04d}.txt").write_text(" ".join(s for s, _ in chunk) + "\n", encoding="utf-8")
        tokens += sum(t for _, t in chunk)
    return tokens


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


def run_build(folder: Path, deck: Path, env: dict[str, str], jobs: int) -> tuple[float, float]:
    """Wall seconds and peak MiB (the largest of the main process and its workers) of one build."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, "build", str(folder), "-o", str(deck),
                           "--jobs", str(jobs), "--force", "--keep-mature"],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build failed: {done.stderr.strip().splitlines()[-1:]}")
    own, workers = next(line for line in done.stderr.splitlines() if line.startswith("PEAK ")).split()[1:]
    return wall, max(int(own), int(workers)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 300])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    print(f"{'texts':>5} {'tokens':>7} {'phase':>9} {'wall s':>7} {'tokens/s':>9} {'peak MiB':>9}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            tokens = make_corpus(root / "texts", size)
            env = dict(os.environ, LERNKARTEN_CACHE_DIR=str(root / "cache"), LERNKARTEN_DATA_DIR=str(root / "data"))
            # dictionary and noun indexes are built once per installation, not per corpus: build them first
            run_build(root / "texts" / "text-0000.txt", root / "warmup.apkg", env, 1)
            shutil.rmtree(root / "cache" / "analysis", ignore_errors=True)
            deck = root / "deck.apkg"
            for phase in ("cold", "warm", "new text"):
                if phase == "new text":
                    extra = root / "extra"
                    make_corpus(extra, 1, seed=size + 1)
                    shutil.copy(extra / "text-0000.txt", root / "texts" / "zz-new.txt")
                wall, peak = run_build(root / "texts", deck, env, args.jobs)
                print(f"{size:>5} {tokens:>7} {phase:>9} {wall:>7.1f} {tokens / wall:>9.0f} {peak:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
