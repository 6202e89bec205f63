"""How fast German is analysed: plain HanTa, the word-caching tagger, and the whole pipeline.

    python benchmarks/analysis_speed.py [--repeat N]

Input: the sentences of both UD German GSD splits (about 28,000 tokens, reviews and news).
Every first figure starts with empty word caches, as a fresh process would: what is measured
is a first analysis, not a re-run. Printed:
- plain HanTa (`HanoverTagger.tag_sent`, taglevel 1) on the treebank's tokens, tokens/s;
- the word-caching tagger on the same tokens, tokens/s, and whether its output is identical;
- the whole pipeline (`nlp.pipe` on the raw sentence texts: tokenizer, sentences, tagger,
  names, lemmas, verbs, expressions) in a fresh process, right after `load_nlp()` (which
  opens the tagger model, the noun table, the word frequencies and the dictionary extracts:
  their load time is not counted); then the same texts a second time in that process.
The best of N runs is printed (default 1); the machine's load shows in the figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GSD = ROOT.parent / "shared" / "data" / "ud-german-gsd"


def treebank() -> tuple[list[list[str]], list[str]]:
    """The sentences of both splits, as token lists and as texts."""
    sentences: list[list[str]] = []
    texts: list[str] = []
    for split in ("dev", "test"):
        words: list[str] = []
        for line in (GSD / f"de_gsd-ud-{split}.conllu").read_text(encoding="utf-8").splitlines() + [""]:
            if line.startswith("# text = "):
                texts.append(line[len("# text = "):])
            elif not line:
                if words:
                    sentences.append(words)
                    words = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" not in cols[0] and "." not in cols[0]:
                    words.append(cols[1])
    return sentences, texts


def best_of(repeat: int, run) -> float:
    return min(run() for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure; the best is printed")
    args = parser.parse_args()

    from HanTa import HanoverTagger as ht

    from lernkarten.analysis.hanover import GERMAN_MODEL, MemoizingHanoverTagger

    sentences, _ = treebank()
    tokens = sum(len(s) for s in sentences)
    print(f"UD German GSD dev+test: {len(sentences)} sentences, {tokens} tokens")

    plain = ht.HanoverTagger(GERMAN_MODEL)
    plain_output: list = []

    def run_plain() -> float:
        started = time.perf_counter()
        plain_output[:] = [plain.tag_sent(s) for s in sentences]
        return time.perf_counter() - started

    elapsed = best_of(args.repeat, run_plain)
    print(f"  plain HanTa                 {tokens / elapsed:9,.0f} tokens/s  ({elapsed:.2f} s)")

    cached_output: list = []

    def run_cached() -> float:
        tagger = MemoizingHanoverTagger(GERMAN_MODEL)  # empty word caches
        started = time.perf_counter()
        cached_output[:] = [tagger.tag_sent(s) for s in sentences]
        return time.perf_counter() - started

    elapsed = best_of(args.repeat, run_cached)
    same = sum(a == b for a, b in zip(plain_output, cached_output))
    print(f"  word-caching tagger         {tokens / elapsed:9,.0f} tokens/s  ({elapsed:.2f} s);"
          f" identical output for {same} of {len(sentences)} sentences")

    # the whole pipeline in fresh processes: nothing cached but the tables on disk
    cold, warm, pipeline_tokens = min(_pipeline_in_fresh_process() for _ in range(args.repeat))
    print(f"  whole pipeline, first pass  {pipeline_tokens / cold:9,.0f} tokens/s  ({cold:.2f} s,"
          f" {pipeline_tokens} spaCy tokens)")
    print(f"  whole pipeline, second pass {pipeline_tokens / warm:9,.0f} tokens/s  ({warm:.2f} s)")


def _pipeline_in_fresh_process() -> tuple[float, float, int]:
    """(first pass s, second pass s, tokens) of `nlp.pipe` over the treebank texts in a new process."""
    import json
    import subprocess

    code = f"""
import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from analysis_speed import treebank
from lernkarten.analysis import load_nlp
_, texts = treebank()
nlp = load_nlp()
started = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
first = time.perf_counter() - started
started = time.perf_counter()
sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
second = time.perf_counter() - started
print(json.dumps([first, second, tokens]))
"""
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, second, tokens = json.loads(output.strip().splitlines()[-1])
    return first, second, tokens


if __name__ == "__main__":
    main()
