"""What the tool knows of one word, for `lernkarten lookup WORD`.

The word may be in any form ("Bündnisse", "teilt", "größer") and belong to several parts of
speech ("fest": adjective and adverb). Each reading is glossed the way the glossing stage
glosses an entry with no text around it: Ding's senses, or the fallbacks, and the grammar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lernkarten.entries import Entry


@dataclass
class WordInfo:
    """The readings of a looked-up word, each an Entry with glosses and grammar."""

    word: str
    readings: list[Entry] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return any(r.glosses for r in self.readings)

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "found": self.found, "readings": [_reading_dict(r) for r in self.readings]}


def lookup_word(word: str, *, progress: bool = False) -> WordInfo:
    """Every reading of `word` the dictionary, the noun table or the fallbacks know, glossed."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.dictionary import open_dictionary
    from lernkarten.glossing.stage import gloss_entry
    from lernkarten.lexicon.nouns import noun_table

    word = " ".join(word.split())
    dictionary = open_dictionary(progress=progress)
    nouns = noun_table()
    info = WordInfo(word=word)
    seen: set[tuple[str, str]] = set()
    for lemma, pos in _readings(word, dictionary, nouns):
        if (lemma, pos) in seen:
            continue
        seen.add((lemma, pos))
        entry = gloss_entry(Entry(lemma=lemma, pos=pos, forms=[word]), dictionary, nouns)
        if entry.glosses:
            info.readings.append(entry)
    return info


def _readings(word: str, dictionary: Any, nouns: Any) -> list[tuple[str, str]]:
    """(lemma, part of speech) pairs the word can stand for, the word itself first."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.dictionary import FORM, HEAD, PHRASE, PLURAL
    from lernkarten.glossing.fallbacks import _head_of
    from lernkarten.lexicon.expressions import expression_glosses

    readings: list[tuple[str, str]] = []
    if word in expression_glosses():
        readings.append((word, "EXPR"))   # an expression of the list, as the analysis finds it
    exact = dictionary.lookup(word)
    hits = exact or dictionary.lookup_folded(word)
    for hit in hits:
        if hit.kind == HEAD:
            pos = hit.line.term_pos(hit.slot, hit.index) or ("NOUN" if hit.term.key[:1].isupper() else "ADJ")
            readings.append((hit.term.key, pos if pos in _LEARNABLE else "ADV"))
        elif hit.kind == PHRASE and hit.slot == 0:
            readings.append((hit.term.key, "EXPR"))
    for row in nouns.lookup(word):
        if not row.is_name:
            readings.append((row.lemma, "NOUN"))
    if not readings:
        # an inflected form Ding lists after its headword: "teilte" (teilen), "größer" (groß)
        for hit in hits:
            if hit.kind in (FORM, PLURAL) and hit.slot <= 4:
                head = _head_of(hit)
                pos = hit.line.term_pos(0, 0)
                if head and pos in _LEARNABLE:
                    readings.append((head, pos))
    if not readings or not exact:
        # nothing listed as written ("belarussisch" is not "Belarussisch", the language):
        # let the fallbacks try the likeliest part of speech too
        if word[:1].isupper():
            readings.append((word, "NOUN"))
        elif word.endswith("n") and " " not in word:
            readings += [(word, "VERB"), (word, "ADJ")]
        else:
            readings.append((word, "ADJ"))
    return readings


_LEARNABLE = {"NOUN", "VERB", "ADJ", "ADV", "EXPR"}


def _reading_dict(entry: Entry) -> dict[str, Any]:
    data = {
        "lemma": entry.lemma,
        "pos": entry.pos,
        "article": entry.article,
        "gender": entry.gender,
        "plural": entry.plural,
        "genitive": entry.genitive,
        "plural_only": entry.plural_only,
        "singular": entry.singular,
        "adjectival_noun": entry.adjectival_noun,
        "verb": entry.verb.to_dict() if entry.verb else None,
        "comparative": entry.comparative,
        "superlative": entry.superlative,
        "glosses": [g.to_dict() for g in entry.glosses],
        "notes": entry.notes,
        "uncertain": entry.uncertain,
    }
    return data
