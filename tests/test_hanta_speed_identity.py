"""The fast morpheme searches of the word-caching tagger give plain HanTa's output on every
sentence of UD German GSD, and HanTa's own numbers for every word form its lexicon lacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import treebank_sentences

GSD = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud-german-gsd"
SPLITS = sorted(GSD.glob("*.conllu"))

pytestmark = pytest.mark.skipif(not SPLITS, reason="UD German GSD is not in ../shared/data")


def _sentences() -> list[list[str]]:
    return [sentence for path in SPLITS for sentence in treebank_sentences(path)]


@pytest.fixture(scope="module")
def taggers():
    from HanTa import HanoverTagger as ht

    from lernkarten.analysis.hanta_tagger import GERMAN_MODEL, MemoizingHanoverTagger

    return ht.HanoverTagger(GERMAN_MODEL), MemoizingHanoverTagger(GERMAN_MODEL)


def test_every_gsd_sentence_is_tagged_and_lemmatised_like_plain_hanta(taggers) -> None:
    plain, fast = taggers
    sentences = _sentences()
    assert len(sentences) > 1000
    differing = [" ".join(s) for s in sentences if fast.tag_sent(s) != plain.tag_sent(s)]
    assert not differing, differing[:5]


def test_both_searches_give_hantas_own_numbers_for_words_it_does_not_know(taggers) -> None:
    from HanTa.HanoverTagger import UNKNOWN

    from lernkarten.analysis.hanta_tagger import GERMAN_MODEL, MemoizingHanoverTagger

    plain, _ = taggers
    fast = MemoizingHanoverTagger(GERMAN_MODEL)  # nothing cached yet
    unknown = sorted({w.lower() for s in _sentences() for w in s} - plain.cache.keys())
    assert len(unknown) > 1000
    for word in unknown:
        expected = plain.analyze_forward(word)
        assert fast._analyze_forward(word) == expected, word  # the same floats, in the same order
        for tag, _ in expected[:2]:
            if tag != UNKNOWN:
                assert fast.analyze_viterbi(word, -tag) == plain.analyze_viterbi(word, -tag), (word, tag)
