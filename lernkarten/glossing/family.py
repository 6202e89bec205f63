"""Which English words a German word's family of Ding lines agrees on.

Ding lists a word's senses on separate lines in no useful order (`Vermittlung`: "operator"
[telco.], "relaying", "mediation", "intercession"), and how common an English word is says
little about which sense is the German word's main one ("past" is commoner than "former").
The words built on it say more: `Vermittlungsausschuss` "mediation committee",
`Friedensvermittlung` "peace mediation", `Vermittlungsversuch` "attempt at mediation" all
carry the main sense, and only the telephone exchange carries "operator". So the support of
an English word is the number of Ding lines whose German (in the same slot) has a word of the
family (the word inflected, a compound ending in it, a noun compound starting with it, a
verb's derivations) and whose English has that English word. Lines of a technical field
([telco.], [electr.], ...) are left out: their compounds are many and speak of the field.
The slots are those a search of every German slot for a fragment of the word finds (the
stems and the word itself, `Dictionary.slots_containing`); the index keeps every German word
with its slots' English stems (`family_index.py`), so a family is read in a query or two.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from lernkarten.glossing.dictionary import SLOTS_PER_LINE, Dictionary
from lernkarten.glossing.family_index import (
    ADJECTIVE_ENDINGS,
    MIN_STEM,
    NOUN_ENDINGS,
    VERB_COMPOUND_ENDINGS,
    content_stems,
    english_words,
    family_stems,
)
from lernkarten.lexicon.morphology import DERIVING_PREFIXES


@dataclass(frozen=True)
class Family:
    """How to recognise the words of a word's family."""

    lemma: str          # case-folded, without "sich "
    pos: str
    capital: bool       # a noun: its family members are written with a capital too
    stems: tuple[str, ...]

    def has(self, word: str) -> bool:
        """True when `word` (as written) is the lemma inflected, or built on it."""
        folded = word.casefold()
        for stem in self.stems:
            if folded.startswith(stem):
                rest = folded[len(stem):]
                if self.pos == "VERB":
                    return True             # vermittelt, Vermittler, Vermittlung
                if self.pos == "NOUN":
                    if rest in NOUN_ENDINGS or (len(rest) >= 4 and word[:1].isupper()):
                        return True         # Bündnisse; Vermittlungsausschuss
                elif rest in ADJECTIVE_ENDINGS and word[:1].islower():
                    return True             # ehemalige, but not Dichter for dicht
        # a compound ending in the word: Friedensvermittlung, luftdicht, weitervermitteln
        return word[:1].isupper() == self.capital and self.ends_in(folded)

    def ends_in(self, folded: str) -> bool:
        """True when the case-folded word is a compound ending in the lemma (case aside)."""
        at = folded.rfind(self.lemma)
        if at < 3:
            return False
        rest = folded[at + len(self.lemma):]
        return rest in self.endings() and not folded[:at].endswith(DERIVING_PREFIXES)

    def endings(self) -> tuple[str, ...]:
        """What may follow the word at the end of a compound: "Friedensvermittlungen", "weitervermittelnd"."""
        if self.pos == "VERB":
            return VERB_COMPOUND_ENDINGS
        return ADJECTIVE_ENDINGS if self.pos in {"ADJ", "ADV"} else NOUN_ENDINGS


def family_of(lemma: str, pos: str) -> Family | None:
    """The family of a word ("vermitteln": vermittel-, vermittl-), or None when it is too short to tell."""
    stems = family_stems(lemma, pos)
    if stems is None:
        return None
    word, found = stems
    return Family(word, pos if pos in {"NOUN", "VERB"} else "ADJ", lemma[:1].isupper(), found)


@functools.lru_cache(maxsize=4096)
def _support(dictionary: Dictionary, family: Family) -> Counter[str]:
    if not dictionary.has_families():
        return Counter()
    # the slots with a word of the family, from the index's word tables (`family_index.py`):
    # the words starting with a stem and those ending in the word ("Friedensvermittlung")
    found: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    for row in dictionary.german_words(family.stems, family.lemma, family.endings(), keep=family.ends_in):
        if row[0] not in seen and family.has(row[0]):
            seen.add(row[0])
            found.append(row)
    if not found:
        return Counter()
    lines = " ".join(row[1] for row in found).split()
    stems = "|".join(row[3] for row in found).split("|")
    # the words are found in the slots holding one of these fragments; a search for a fragment
    # whose every trigram is common reads only its first MAX_FRAGMENT_SLOTS slots
    cutoffs = {f: dictionary.fragment_cutoff(f) for f in dict.fromkeys(family.stems + (family.lemma,))}
    if any(cutoff is not None for cutoff in cutoffs.values()):
        slots = " ".join(row[2] for row in found).split()
        kept = [i for i, (line, slot) in enumerate(zip(lines, slots, strict=True))
                if _searched(dictionary, int(line) * SLOTS_PER_LINE + int(slot), cutoffs)]
        lines, stems = [lines[i] for i in kept], [stems[i] for i in kept]
    # each line counts once for each English stem of its family slots
    if len(set(lines)) == len(lines):
        return Counter(" ".join(stems).split())
    by_line: dict[str, list[str]] = {}
    for line, slot_stems in zip(lines, stems, strict=True):
        by_line.setdefault(line, []).append(slot_stems)
    words: list[str] = []
    for texts in by_line.values():
        words.extend(texts[0].split() if len(texts) == 1 else set(" ".join(texts).split()))
    return Counter(words)


def _searched(dictionary: Dictionary, slot: int, cutoffs: dict[str, int | None]) -> bool:
    """The slot is one a fragment search finds: it has the fragment and the search was not cut off before it."""
    reached = [fragment for fragment, cutoff in cutoffs.items() if cutoff is None or slot <= cutoff]
    if len(reached) == len(cutoffs):
        return True     # a slot with a word of the family holds one of the fragments
    if not reached:
        return False
    text = dictionary.slot_text(slot).casefold()
    return any(fragment in text for fragment in reached)


def family_support(dictionary: Dictionary, lemma: str, pos: str) -> Counter[str]:
    """English stem -> how many Ding lines of the word's family use it (empty when the word is too short)."""
    family = family_of(lemma, pos)
    if family is None:
        return Counter()
    return _support(dictionary, family)


def gloss_support(support: Counter[str], text: str) -> int:
    """The support of a gloss: that of its best-supported word."""
    return max((support.get(stem, 0) for stem in content_stems(text)), default=0)


#: Compounds read at most for a first part's English: "Sicherheits" starts 160 in Ding.
MAX_MODIFIER_COMPOUNDS = 300


@functools.lru_cache(maxsize=4096)
def modifier_support(dictionary: Dictionary, written: str) -> Counter[str]:
    """English word -> how many Ding compounds that start with `written` give it beside their head's English.

    A first part means in a compound what it means in Ding's other compounds, not what its
    first sense alone says: `Innen` alone is the river Inn, but Innenminister "minister of
    the interior", Innenraum "interior", Innenpolitik "internal politics" give its sense
    there; `Landes` gives "state" (Landesregierung "state government"), not "country". A
    compound counts when the rest of it is a noun Ding lists; its English words that are not
    the head's (by stem) are the first part's.
    """
    prefix = written.casefold()
    if len(prefix) < MIN_STEM - 1 or not dictionary.has_families():
        return Counter()
    support: Counter[str] = Counter()
    rows = dictionary.german_words((prefix,))[:MAX_MODIFIER_COMPOUNDS]
    for word, lines, slots, _ in rows:
        rest = word[len(prefix):]
        head = rest[:1].upper() + rest[1:]
        if (not word[:1].isupper() or len(rest) < MIN_STEM or not rest.isalpha()
                or not dictionary.knows_head(head, "NOUN")):
            continue
        head_stems = _head_stems(dictionary, head)
        words = {w for line, slot in zip(lines.split(), slots.split(), strict=True)
                 for w, stems in _slot_words(dictionary, int(line), int(slot)) if not stems & head_stems}
        support.update(words)
    return support


@functools.lru_cache(maxsize=16384)
def _head_stems(dictionary: Dictionary, head: str) -> frozenset[str]:
    """The stems of every English word Ding gives `head`: what a compound's English owes its head."""
    return frozenset(stem for hit in dictionary.lookup(head)
                     for stem in content_stems(_english(dictionary, hit.number, hit.slot)))


@functools.lru_cache(maxsize=65536)
def _slot_words(dictionary: Dictionary, line: int, slot: int) -> tuple[tuple[str, frozenset[str]], ...]:
    """The English words of a slot with their stems (compounds of many first parts share lines)."""
    return tuple((w, frozenset(content_stems(w))) for w in english_words(_english(dictionary, line, slot)))


def _english(dictionary: Dictionary, line: int, slot: int) -> str:
    english = dictionary.line_text(line).partition(" :: ")[2].split(" | ")
    return english[slot] if slot < len(english) else ""
