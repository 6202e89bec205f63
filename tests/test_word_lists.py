"""The word lists read from disk answer as the tables they are made from: wordfreq's German
list and HanTa's lexicon, without loading either whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wordfreq import zipf_frequency

from lernkarten.analysis.common_words import common_words
from lernkarten.lexicon.frequency import zipf_de

# words wordfreq tokenises before looking them up: ß, hyphens, digits, apostrophes, spaces
_TOKENISED = ["Straße", "groß", "Fußball-WM", "ODKB-Friedenstruppen", "Kassym-Jomart", "1990er", "G7",
              "2022", "3,5", "100-mal", "geht's", "Kassym-Jomart Tokajew", "zum Beispiel", "-", "Ü-Wagen"]


def test_a_word_wordfreq_tokenises_gets_wordfreqs_own_figure() -> None:
    assert {word: zipf_de(word) for word in _TOKENISED} == {word: zipf_frequency(word, "de") for word in _TOKENISED}
    assert zipf_de("Straße") > 5 and zipf_de("Odkb-Xyzzy") == 0.0


def test_a_plain_word_gets_wordfreqs_own_figure() -> None:
    words = ["Bündnis", "Hilfe", "bittet", "Kasachstan", "xyzzyq"]
    assert [zipf_de(word) for word in words] == [zipf_frequency(word, "de") for word in words]


def test_common_words_are_those_the_taggers_lexicon_knows_as_other_than_names() -> None:
    from lernkarten.analysis.hanta_tagger import german_tagger

    tagger = german_tagger()
    words = common_words()
    assert {"gut", "hilfe", "bitten"} <= words and "fdp" not in words
    for word, readings in tagger.cache.items():
        best = max(readings, key=lambda reading: reading[1])[0] if readings else None
        assert (word in words) == (best is not None and tagger.int2tag.get(best, "NE") not in ("NE", "FM", "XY"))


def test_ranking_loads_neither_the_tagger_nor_the_whole_frequency_list() -> None:
    code = """
import sys
from conftest import SEED
from lernkarten.pipeline import Options, TextWords, analyse_texts, rank_entries, read_sources
from wordfreq import get_frequency_dict
from lernkarten.analysis.hanta_tagger import drop_german_tagger, german_tagger
analysed, _ = analyse_texts(read_sources([str(SEED)]), use_cache=False)
assert not get_frequency_dict.cache_info().currsize, "the analysis loaded the whole list"
drop_german_tagger()
words = TextWords()
for text in analysed:
    words.add(text)
assert len(rank_entries(words.entries(), Options())) > 20
assert not german_tagger.cache_info().currsize, "the ranking loaded the tagger"
assert not get_frequency_dict.cache_info().currsize, "the ranking loaded the whole list"
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
