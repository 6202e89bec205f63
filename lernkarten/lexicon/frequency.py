"""How common a word is: wordfreq's Zipf figures (log10 of uses per billion words), German and English.

One cached function a language, so every stage reads the same figure the same way. wordfreq
is imported on first use: loading its lists takes a tenth of a second or more, which start-up
of commands that never ask does not pay.
"""

from __future__ import annotations

import math
import sqlite3
from functools import lru_cache


@lru_cache(maxsize=100_000)
def zipf_de(word: str) -> float:
    """wordfreq's Zipf frequency of a German word or phrase (cached: the same words come back all the time).

    A plain word is looked up in wordfreq's own table, as `zipf_frequency` does after
    tokenising it; that tokenising costs more than the lookup, so it is done only for words
    that need it (ß, hyphens, apostrophes, digits, spaces). The figure is the same. The table
    is read from its copy on disk (`german_table`), never loaded whole: held in memory it costs
    80 MB and half a second in every process that asks.
    """
    key = word.lower()
    if key.isalpha() and "ß" not in key:
        frequency = _german_frequency(key)
        return round(math.log10(frequency) + 9, 2) if frequency else 0.0
    from wordfreq import freq_to_zipf, zipf_to_freq

    return round(freq_to_zipf(_tokenized_frequency(word, zipf_to_freq(0.0))), 2)


def _tokenized_frequency(word: str, minimum: float) -> float:
    """wordfreq's `word_frequency(word, "de", minimum=minimum)`, its tokens looked up on disk:
    its own tokeniser, number smashing and combining (1/f = 1/f1 + 1/f2 + ...), its rounding."""
    from wordfreq import digit_freq, lossy_tokenize, smash_numbers

    tokens = lossy_tokenize(word, "de")
    if not tokens:
        return minimum
    one_over_result = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        frequency = _german_frequency(smashed)
        if frequency is None:
            return minimum
        if smashed != token:
            frequency *= digit_freq(token)
        one_over_result += 1.0 / frequency
    unrounded = max(1.0 / one_over_result, minimum)
    if unrounded == 0.0:
        return 0.0
    return round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)


@lru_cache(maxsize=1)
def german_frequencies() -> dict[str, float]:
    """wordfreq's German table, word -> frequency, whole: what `german_table` is made from."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("de", "best")  # the call wordfreq itself makes: one table in memory


@lru_cache(maxsize=200_000)
def _german_frequency(key: str) -> float | None:
    """A word's frequency from the table on disk (cached: the analysis asks about every word)."""
    row = german_table().execute("SELECT frequency FROM frequencies WHERE word = ?", (key,)).fetchone()
    return row[0] if row else None


def known_german(key: str) -> bool:
    """Whether wordfreq lists the (lower-case) German word at all."""
    return _german_frequency(key) is not None


@lru_cache(maxsize=1)
def german_table() -> sqlite3.Connection:
    """The German table as SQLite (`caches.CACHES["german-frequencies"]`), built from wordfreq's first."""
    # deferred: the registry and file helpers are needed only when the table is opened (start-up time)
    from lernkarten.caches import CACHES
    from lernkarten.fileio import atomic_path

    path = CACHES["german-frequencies"].find()
    if not path.exists():
        with atomic_path(path) as tmp:
            db = sqlite3.connect(tmp)
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                             " CREATE TABLE frequencies (word TEXT PRIMARY KEY, frequency REAL) WITHOUT ROWID;")
            db.executemany("INSERT INTO frequencies VALUES (?, ?)", sorted(german_frequencies().items()))
            db.commit()
            db.close()
        CACHES["german-frequencies"].prune(keep=path)
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)


@lru_cache(maxsize=65_536)
def zipf_en(word: str) -> float:
    """wordfreq's Zipf frequency of an English word: a plain word read from its table, as for
    German (the same figure for all 143,703 plain words of Ding's English; a sixth of the time)."""
    key = word.lower()
    if key.isascii() and key.isalpha():
        from wordfreq import get_frequency_dict

        frequency = get_frequency_dict("en", "best").get(key)  # wordfreq keeps the table it loads
        return round(math.log10(frequency) + 9, 2) if frequency else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
