"""The word-caching tagger's caches, which grow with the text, hold nothing the garbage
collector must scan again: a tuple that holds a dict or a list stays tracked for good, and
every full collection walked each such kept analysis (a fifth of the tagging time on GSD)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import treebank_sentences

GSD = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud-german-gsd"
SPLIT = GSD / "de_gsd-ud-test.conllu"

#: caches whose size is bounded by the model (its states), not by the text
_BOUNDED_BY_MODEL = {"_followups", "_followups_towards"}


@pytest.mark.skipif(not SPLIT.exists(), reason="UD German GSD is not in ../shared/data")
def test_the_word_caches_hold_only_what_the_collector_stops_scanning(tmp_path: Path) -> None:
    from lernkarten.analysis.hanta_tagger import GERMAN_MODEL, MemoizingHanoverTagger
    from lernkarten.analysis.word_analyses import WordAnalysisStore

    tagger = MemoizingHanoverTagger(GERMAN_MODEL)
    tagger.use_store(WordAnalysisStore(tmp_path / "words.sqlite"))  # the analyses kept for it too
    for sentence in treebank_sentences(SPLIT, limit=300):
        tagger.tag_sent(sentence)
    tagger.flush()
    for _ in range(4):  # the collector lets a tuple go only after the tuples inside it
        gc.collect()
    caches = {name: cache for name, cache in vars(tagger).items()
              if name.startswith("_") and isinstance(cache, dict) and name not in _BOUNDED_BY_MODEL}
    assert sum(len(cache) for cache in caches.values()) > 10_000
    scanned = {name: n for name, cache in caches.items()
               if (n := sum(gc.is_tracked(key) or gc.is_tracked(value) for key, value in cache.items()))}
    assert not scanned, scanned
