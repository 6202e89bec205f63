"""How fast German is analysed: plain HanTa, the word-caching tagger, and the whole pipeline.

    python benchmarks/analysis_speed.py [--repeat N] [--tagger-only]

Input: the sentences of both UD German GSD splits (about 28,000 tokens, reviews and news).
Every first figure starts with empty word caches, as a fresh process would: what is measured
is a first analysis, not a re-run. Printed:
- plain HanTa (`HanoverTagger.tag_sent`, taglevel 1) on the treebank's tokens, tokens/s;
- the word-caching tagger on the same tokens, tokens/s, and whether its output is identical;
- the same in a fresh process (the tagger's model frozen out of the collector's scans, as
  `german_tagger()` does), against the target of 25,000 tokens/s on text never seen;
- the whole pipeline (`nlp.pipe` on the raw sentence texts: tokenizer, sentences, tagger,
  names, lemmas, verbs, expressions), first pass in a fresh process, right after `load_nlp()`
  (which opens the tagger model, the noun table, the word frequencies and the dictionary
  extracts: their load time is not counted). The tagger keeps its word analyses on disk
  (`lernkarten/analysis/word_analyses.py`), so the figure depends on what that store holds:
  empty (cold: a machine that never analysed anything), filled by an earlier run on the same
  texts (a re-analysis, e.g. after the learner's components changed), and filled by a run on
  the other split before each split is measured (new text, with the words of other text);
  then the same texts a second time in one process.
The median of N runs is printed (default 3); the machine's load shows in the figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GSD = ROOT.parent / "shared" / "data" / "ud-german-gsd"


def treebank(splits: list[str] | None = None) -> tuple[list[list[str]], list[str]]:
    """The sentences of the splits (default both), as token lists and as texts."""
    sentences: list[list[str]] = []
    texts: list[str] = []
    for split in splits or ("dev", "test"):
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


#: tokens/s the word-caching tagger is to reach on text never seen, in a fresh process
TARGET = 25_000


def median_of(repeat: int, run) -> float:
    """The median of `repeat` runs of `run` (seconds): a shared machine's load skews single runs."""
    import statistics

    return statistics.median(run() for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is printed")
    parser.add_argument("--tagger-only", action="store_true", help="the tagger's figures only, not the whole pipeline's")
    args = parser.parse_args()

    from HanTa import HanoverTagger as ht

    from lernkarten.analysis.hanta_tagger import GERMAN_MODEL, MemoizingHanoverTagger

    sentences, _ = treebank()
    tokens = sum(len(s) for s in sentences)
    print(f"UD German GSD dev+test: {len(sentences)} sentences, {tokens} tokens")

    plain = ht.HanoverTagger(GERMAN_MODEL)
    plain_output: list = []

    def run_plain() -> float:
        started = time.perf_counter()
        plain_output[:] = [plain.tag_sent(s) for s in sentences]
        return time.perf_counter() - started

    elapsed = median_of(args.repeat, run_plain)
    print(f"  plain HanTa                 {tokens / elapsed:9,.0f} tokens/s  ({elapsed:.2f} s)")

    cached_output: list = []

    def run_cached() -> float:
        tagger = MemoizingHanoverTagger(GERMAN_MODEL)  # empty word caches
        started = time.perf_counter()
        cached_output[:] = [tagger.tag_sent(s) for s in sentences]
        return time.perf_counter() - started

    elapsed = median_of(args.repeat, run_cached)
    same = sum(a == b for a, b in zip(plain_output, cached_output))
    print(f"  word-caching tagger         {tokens / elapsed:9,.0f} tokens/s  ({elapsed:.2f} s);"
          f" identical output for {same} of {len(sentences)} sentences")

    elapsed = median_of(args.repeat, _tagger_in_fresh_process)
    verdict = "reached" if tokens / elapsed >= TARGET else "NOT reached"
    print(f"  ... in a fresh process      {tokens / elapsed:9,.0f} tokens/s  ({elapsed:.2f} s);"
          f" target {TARGET:,} tokens/s on unseen text: {verdict}")
    if args.tagger_only:
        return

    with tempfile.TemporaryDirectory() as folder:
        from lernkarten.analysis.word_analyses import WordAnalysisStore

        store_file = Path(folder) / "words.sqlite"
        filler = MemoizingHanoverTagger(GERMAN_MODEL)
        filler.use_store(WordAnalysisStore(store_file))
        for sentence in sentences:
            filler.prefetch(sentence)
            filler.tag_sent(sentence)
        filler.flush()
        stored_output: list = []

        def run_stored() -> float:
            tagger = MemoizingHanoverTagger(GERMAN_MODEL)  # empty memory, filled store
            tagger.use_store(WordAnalysisStore(store_file))
            started = time.perf_counter()
            tagger.prefetch(word for sentence in sentences for word in sentence)
            stored_output[:] = [tagger.tag_sent(s) for s in sentences]
            return time.perf_counter() - started

        elapsed = median_of(args.repeat, run_stored)
        same = sum(a == b for a, b in zip(plain_output, stored_output))
        print(f"  ... reading a filled store  {tokens / elapsed:9,.0f} tokens/s  ({elapsed:.2f} s);"
              f" identical output for {same} of {len(sentences)} sentences")

    # the whole pipeline in fresh processes, its word store in a folder of its own
    cache = Path(tempfile.gettempdir()) / "lernkarten-speed-benchmark"
    cache.mkdir(exist_ok=True)
    _in_fresh_process(cache, ["dev"], timed=False)  # builds the noun index and the dictionary tables once
    print(f"  whole pipeline (nlp.pipe on the raw sentence texts), first pass in a fresh process; word store in {cache}:")

    runs = []
    for _ in range(args.repeat):
        _forget_words(cache)
        runs.append(_in_fresh_process(cache, ["dev", "test"]))
    first, second, tokens = _median_run(runs)
    print(f"    empty word store (cold)                    {tokens / first:9,.0f} tokens/s  ({first:.2f} s, {tokens} spaCy tokens)")

    runs = []
    for _ in range(args.repeat):
        runs.append(_in_fresh_process(cache, ["dev", "test"]))
    again = _median_run(runs)[0]
    print(f"    store filled by a run on the same texts  {tokens / again:9,.0f} tokens/s  ({again:.2f} s): a re-analysis")

    elapsed = counted = 0.0
    for filled, measured in (("dev", "test"), ("test", "dev")):
        runs = []
        for _ in range(args.repeat):
            _forget_words(cache)
            _in_fresh_process(cache, [filled], timed=False)
            runs.append(_in_fresh_process(cache, [measured]))
        middle = _median_run(runs)
        elapsed += middle[0]
        counted += middle[2]
    print(f"    store filled by the other split            {counted / elapsed:9,.0f} tokens/s  ({elapsed:.2f} s): new text")
    print(f"  whole pipeline, second pass in the same process  {tokens / second:9,.0f} tokens/s  ({second:.2f} s)")


def _median_run(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """The run with the median first pass."""
    return sorted(runs)[len(runs) // 2]


def _tagger_in_fresh_process() -> float:
    """Seconds the word-caching tagger takes over both splits in a new process, model loaded, caches empty."""
    import subprocess

    code = f"""
import gc, sys, time
sys.path.insert(0, {str(ROOT)!r})
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from lernkarten.analysis.hanta_tagger import GERMAN_MODEL, MemoizingHanoverTagger
from analysis_speed import treebank
sentences, _ = treebank()
tagger = MemoizingHanoverTagger(GERMAN_MODEL)
gc.collect()
gc.freeze()
started = time.perf_counter()
for sentence in sentences:
    tagger.tag_sent(sentence)
print(time.perf_counter() - started)
"""
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return float(output.strip().splitlines()[-1])


def _forget_words(cache: Path) -> None:
    """Remove the tagger's word store, as on a machine that never analysed anything."""
    for path in cache.glob("hanta-words-*"):
        path.unlink()


def _in_fresh_process(cache: Path, splits: list[str], timed: bool = True) -> tuple[float, float, int]:
    """(first pass s, second pass s, tokens) of `nlp.pipe` over the sentences of `splits` in a new
    process whose cache folder is `cache`; the tables' load time is not counted."""
    import json
    import os
    import subprocess

    code = f"""
import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from analysis_speed import treebank
from lernkarten.analysis import load_nlp
_, texts = treebank({splits!r})
nlp = load_nlp()
started = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
first = time.perf_counter() - started
started = time.perf_counter()
sum(len(doc) for doc in nlp.pipe(texts, batch_size=256)) if {timed!r} else 0
second = time.perf_counter() - started
print(json.dumps([first, second, tokens]))
"""
    environment = {**os.environ, "LERNKARTEN_CACHE_DIR": str(cache)}
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env=environment).stdout
    first, second, tokens = json.loads(output.strip().splitlines()[-1])
    return first, second, tokens


if __name__ == "__main__":
    main()
