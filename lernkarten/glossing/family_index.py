"""What the dictionary index keeps so that a word's family (`family.py`) is found at once.

A word's family support reads every Ding slot whose German has a word of the family and
counts the English stems of those slots. Searching the slots' text for a fragment of the word
and stemming their English took milliseconds a word, most of a glossing run. So the index
keeps, built once with the rest of it, every German word with the slots it stands in and
their English stems (`german_words`, sorted by the word case-folded, so that the words
starting with a stem are a range; a slot whose line speaks of a technical field, or that has
no English to count, is left out as the family rules leave it out), and each word without
each ending it may have as a compound's end, read backwards (`german_word_ends`: the words
ending in a word and an ending are a range).
The rules that make these tables live here, and the index file's name carries a hash of
this file (its fingerprint, `caches.CACHES["ding"]`): a change to them builds a new index instead of
reading stale stems.
"""

from __future__ import annotations

import functools
import re
import sqlite3

from lernkarten.lexicon.ding_format import BRACKETS

#: Words that carry no sense of a gloss: "to", "sth.", "the".
ENGLISH_STOPWORDS = frozenset(
    ["to", "the", "a", "an", "of", "sb", "sth", "one's", "oneself", "be", "in", "on", "at", "for", "with", "by", "from", "do", "your", "his", "her", "its", "my", "make", "get", "have", "it", "up", "out", "off", "over", "into", "about", "as", "or", "and", "not", "no", "is", "are", "was", "been", "being", "so", "that", "this"]
)
_ENGLISH_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
#: Labels of lines whose compounds speak of a field, not of the word's common sense.
FIELD_LABEL = re.compile(r"\[(?:" + "|".join(re.escape(label) for label in (
    "telco.", "electr.", "techn.", "comp.", "med.", "chem.", "bot.", "zool.", "mach.", "constr.", "min.", "phys.",
    "math.", "biol.", "anat.", "pharm.", "textil.", "print", "photo.", "mus.", "sport", "aviat.", "naut.", "auto",
    "agr.", "geol.", "astron.", "biochem.", "ornith.", "cook.", "ling.", "relig.", "railw.", "envir.")) + r")\]")
GERMAN_WORD = re.compile(r"[^\W\d_]+")
#: Endings a word's family shows it with: inflections and, for nouns, linking elements.
NOUN_ENDINGS = ("", "e", "n", "en", "s", "es", "er", "ern", "nen", "se", "sen", "ses", "ns")
ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em", "ere", "eren", "erer", "eres", "erem", "ste", "sten", "ster",
                     "stes", "stem", "este", "esten", "ester")
VERB_COMPOUND_ENDINGS = ("", "d", "de", "den", "der")
#: Every ending a compound may have after a word of the family: `german_word_ends` lists each
#: word once for each of these it ends in, without it, read backwards.
COMPOUND_ENDINGS = tuple(sorted(set(NOUN_ENDINGS) | set(ADJECTIVE_ENDINGS) | set(VERB_COMPOUND_ENDINGS)))


#: Below this, a stem finds too many unrelated words ("Rat" in "Heirat", "Apparat").
MIN_STEM = 4


def family_stems(lemma: str, pos: str) -> tuple[str, tuple[str, ...]] | None:
    """The word case-folded and the stems its family's words start with ("vermitteln": vermittel-,
    vermittl-), or None when it is too short to tell: what a family (`family.py`) is searched by,
    and so which fragment searches the index answers ahead."""
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
    return word, tuple(stems)


@functools.lru_cache(maxsize=1 << 16)
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


@functools.lru_cache(maxsize=1 << 14)
def content_stems(text: str) -> tuple[str, ...]:
    """The stems of the English words of a gloss that say something, in order."""
    return tuple(english_stem(w) for w in english_words(text))


def english_words(text: str) -> list[str]:
    """The English words of a gloss that say something, in lower case and in order."""
    plain = BRACKETS.sub(" ", text.casefold())
    return [w for w in _ENGLISH_WORD.findall(plain) if w not in ENGLISH_STOPWORDS and len(w) > 1]


def index_families(db: sqlite3.Connection, rows: tuple[list[tuple[str, str, str, str, str]], list[tuple[str, int]]]
                   ) -> None:
    """Write the family tables (rows from `family_rows`)."""
    words, ends = rows
    db.executescript(
        """
        CREATE TABLE german_words (folded TEXT, word TEXT, lines TEXT, slots TEXT, stems TEXT,
                                   PRIMARY KEY (folded, word)) WITHOUT ROWID;
        CREATE TABLE german_word_ends (stripped TEXT, ending INTEGER, PRIMARY KEY (stripped, ending)) WITHOUT ROWID;
        """
    )
    db.executemany("INSERT INTO german_words VALUES (?, ?, ?, ?, ?)", words)
    db.executemany("INSERT INTO german_word_ends VALUES (?, ?)", ends)


def family_rows(lines: list[tuple[int, str]], slots_per_line: int
                ) -> tuple[list[tuple[str, str, str, str, str]], list[tuple[str, int]]]:
    """The rows of the family tables for the Ding lines (number, text), sorted; slots numbered
    as in the trigram index."""
    # word -> (line, slot, the slot's English stems) of the slots the family support counts
    postings: dict[str, list[tuple[int, int, str]]] = {}
    for number, text in lines:
        german_part, _, english_part = text.partition(" :: ")
        german = german_part.split(" | ")[:slots_per_line]
        english = english_part.split(" | ")
        if FIELD_LABEL.search(german[0]):
            continue
        for slot, slot_text in enumerate(german):
            if slot >= len(english) or FIELD_LABEL.search(slot_text):
                continue
            stems = " ".join(dict.fromkeys(content_stems(english[slot])))
            if stems:
                for word in dict.fromkeys(GERMAN_WORD.findall(slot_text)):
                    postings.setdefault(word, []).append((number, slot, stems))
    words = sorted((word.casefold(), word, " ".join(str(n) for n, _, _ in found), " ".join(str(s) for _, s, _ in found),
                    "|".join(stems for _, _, stems in found)) for word, found in postings.items())
    codes = {ending: code for code, ending in enumerate(COMPOUND_ENDINGS)}
    longest = max(len(ending) for ending in COMPOUND_ENDINGS)
    ends = sorted({(folded[: len(folded) - length][::-1], codes[folded[len(folded) - length:]])
                   for folded in {row[0] for row in words} for length in range(min(longest, len(folded) - 1) + 1)
                   if folded[len(folded) - length:] in codes})
    return words, ends
