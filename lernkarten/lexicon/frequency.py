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
    that need it (ß, hyphens, apostrophes, digits, spaces). The figure is the same.
    """
    key = word.lower()
    if key.isalpha() and "ß" not in key:
        frequency = _german_frequency(key)
        return round(math.log10(frequency) + 9, 2) if frequency else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "de")


@lru_cache(maxsize=1)
def german_frequencies() -> dict[str, float]:
    """wordfreq's German table, word -> frequency: asking it whether a word is known is quicker than a lookup."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("de", "best")  # the call wordfreq itself makes: one table in memory


def _german_frequency(key: str) -> float | None:
    """A word's frequency from the table in memory when something has loaded it (the analysis
    does), else from its copy on disk: a build whose texts are analysed already asks a few
    hundred words, and loading the table would take most of a second."""
    if german_frequencies.cache_info().currsize:
        return german_frequencies().get(key)
    row = german_table().execute("SELECT frequency FROM frequencies WHERE word = ?", (key,)).fetchone()
    return row[0] if row else None


def known_german(key: str) -> bool:
    """Whether wordfreq lists the (lower-case) German word at all: from the table in memory
    when the analysis has loaded it, else from its copy on disk, so that a rebuild asking about
    a few compounds does not load the whole table."""
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
