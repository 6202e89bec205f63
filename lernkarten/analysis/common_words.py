"""The words HanTa's lexicon knows as something other than a name, as a list on disk.

Ranking a deck asks whether a compound's parts are common words (`lemmas._common_word`); with
the tagger's lexicon that means loading HanTa's model (0.4-0.6 s and 60 MB) in a process that
tags nothing, such as a rebuild after one new text. The lexicon never changes while tagging,
so the answer for each of its words is worked out once, from the model, and kept in the cache
folder (`caches.CACHES["common-words"]`): one word a line.
"""

from __future__ import annotations

from functools import lru_cache

#: the tags of a word that is not a common one: a name, a foreign word, a non-word
NOT_COMMON_TAGS = ("NE", "FM", "XY")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The words (as HanTa's lexicon writes them) whose likeliest tag is none of NOT_COMMON_TAGS."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.caches import CACHES
    from lernkarten.fileio import write_atomic

    path = CACHES["common-words"].find()
    if path.exists():
        return frozenset(path.read_text(encoding="utf-8").split("\n")) - {""}
    words = _from_tagger()
    write_atomic(path, "".join(f"{word}\n" for word in sorted(words)))
    CACHES["common-words"].prune(keep=path)
    return words


def _from_tagger() -> frozenset[str]:
    # deferred: HanTa and its model load only here (start-up time)
    from lernkarten.analysis.hanta_tagger import german_tagger

    tagger = german_tagger()
    return frozenset(word for word, readings in tagger.cache.items()
                     if readings and tagger.int2tag.get(_likeliest(readings), "NE") not in NOT_COMMON_TAGS)


def _likeliest(readings: list[tuple[int, float]]) -> int:
    """The tag of the likeliest (tag, probability) reading; the first of equals, as `max` gives."""
    return max(readings, key=lambda reading: reading[1])[0]
