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
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from lernkarten.glossing.dictionary import Dictionary

#: Words that carry no sense of a gloss: "to", "sth.", "the".
ENGLISH_STOPWORDS = frozenset(
    ["to", "the", "a", "an", "of", "sb", "sth", "one's", "oneself", "be", "in", "on", "at", "for", "with", "by", "from", "do", "your", "his", "her", "its", "my", "make", "get", "have", "it", "up", "out", "off", "over", "into", "about", "as", "or", "and", "not", "no", "is", "are", "was", "been", "being", "so", "that", "this"]
)
_ENGLISH_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|<[^>]*>|/[^/\s][^/]*/")
#: Below this, a stem finds too many unrelated words ("Rat" in "Heirat", "Apparat").
MIN_STEM = 4


def english_stem(word: str) -> str:
    """A crude English stem, enough to count "increases", "increased" and "increase" as one word,
    and "rotating", "rotation" and "rotational" too."""
    word = word.casefold().removesuffix("'s")
    for suffix in ("ally", "al"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 6:
            word = word[: -len(suffix)]
            break
    for suffix in ("ingly", "edly", "ions", "ion", "ings", "ing", "ied", "ies", "ed", "es", "s",
                   "ly"):
        y = suffix in ("ied", "ies")
        if word.endswith(suffix) and len(word) - len(suffix) >= (2 if y else 4):
            word = word[: -len(suffix)] + ("y" if y else "")
            break
    return word[:-1] if word.endswith("e") and len(word) >= 5 else word


def content_stems(text: str) -> list[str]:
    """The stems of the English words of a gloss that say something, in order."""
    plain = _BRACKETS.sub(" ", text.casefold())
    return [english_stem(w) for w in _ENGLISH_WORD.findall(plain) if w not in ENGLISH_STOPWORDS and len(w) > 1]


#: Endings a word's family shows it with: inflections and, for nouns, linking elements.
NOUN_ENDINGS = ("", "e", "n", "en", "s", "es", "er", "ern", "nen", "se", "sen", "ses", "ns")
ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em", "ere", "eren", "erer", "eres", "erem", "ste", "sten", "ster",
                     "stes", "stem", "este", "esten", "ester")
#: Prefixes that make another word of a word's end: "Versicherung" is not a kind of `Sicherung`.
DERIVING_PREFIXES = ("ver", "be", "ent", "er", "zer", "ge", "emp", "miss", "un", "ur", "ab", "an", "auf", "aus",
                     "bei", "ein", "nach", "vor", "zu", "über", "unter", "durch", "um", "wider", "zurück")
#: Labels of lines whose compounds speak of a field, not of the word's common sense.
_FIELD_LABEL = re.compile(r"\[(?:" + "|".join(re.escape(label) for label in (
    "telco.", "electr.", "techn.", "comp.", "med.", "chem.", "bot.", "zool.", "mach.", "constr.", "min.", "phys.",
    "math.", "biol.", "anat.", "pharm.", "textil.", "print", "photo.", "mus.", "sport", "aviat.", "naut.", "auto",
    "agr.", "geol.", "astron.", "biochem.", "ornith.", "cook.", "ling.", "relig.", "railw.", "envir.")) + r")\]")
_GERMAN_WORD = re.compile(r"[^\W\d_]+")


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
        at = folded.rfind(self.lemma)
        if at < 3 or word[:1].isupper() != self.capital:
            return False
        rest = folded[at + len(self.lemma):]
        endings = ADJECTIVE_ENDINGS if self.pos in {"ADJ", "ADV"} else NOUN_ENDINGS
        if self.pos == "VERB":
            endings = ("", "d", "de", "den", "der")
        return rest in endings and not folded[:at].endswith(DERIVING_PREFIXES)


def family_of(lemma: str, pos: str) -> Family | None:
    """The family of a word ("vermitteln": vermittel-, vermittl-), or None when it is too short to tell."""
    word = lemma.removeprefix("sich ").casefold()
    if " " in word or "-" in word or len(word) < MIN_STEM:
        return None
    stems = [word]
    if pos == "VERB":
        if word.endswith(("eln", "ern")):
            stems = [word[:-1], word[:-3] + word[-2]]   # vermittel(t), vermittl(ung)
        elif word.endswith("en"):
            stems = [word[:-2]]
        elif word.endswith("n"):
            stems = [word[:-1]]
    elif pos == "NOUN" and word.endswith("e") and len(word) > 6:
        stems = [word[:-1]]                              # Verbündete: verbündet(er)
    stems = [s for s in stems if len(s) >= MIN_STEM]
    if not stems:
        return None
    return Family(word, pos if pos in {"NOUN", "VERB"} else "ADJ", lemma[:1].isupper(), tuple(stems))


@functools.lru_cache(maxsize=4096)
def _support(dictionary: Dictionary, family: Family) -> Counter[str]:
    by_line: dict[int, set[str]] = {}
    for fragment in dict.fromkeys(family.stems + (family.lemma,)):
        for line, slot in dictionary.slots_containing(fragment):
            text = dictionary.line_text(line)
            german_part, _, english_part = text.partition(" :: ")
            german = german_part.split(" | ")
            english = english_part.split(" | ")
            if slot >= len(english) or _FIELD_LABEL.search(german[0]) or _FIELD_LABEL.search(german[slot]):
                continue
            if any(family.has(word) for word in _GERMAN_WORD.findall(german[slot])):
                by_line.setdefault(line, set()).update(content_stems(english[slot]))
    counts: Counter[str] = Counter()
    for words in by_line.values():
        counts.update(words)
    return counts


def family_support(dictionary: Dictionary, lemma: str, pos: str) -> Counter[str]:
    """English stem -> how many Ding lines of the word's family use it (empty when the word is too short)."""
    family = family_of(lemma, pos)
    if family is None:
        return Counter()
    return _support(dictionary, family)


def gloss_support(support: Counter[str], text: str) -> int:
    """The support of a gloss: that of its best-supported word."""
    return max((support.get(stem, 0) for stem in content_stems(text)), default=0)
