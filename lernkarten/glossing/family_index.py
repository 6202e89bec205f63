"""What the dictionary index keeps so that a word's family (`family.py`) is found at once.

A word's family support reads every Ding slot whose German has a word of the family and
counts the English stems of those slots. Searching the slots' text for a fragment of the word
and stemming their English took milliseconds a word, most of a glossing run. So the index
keeps, built once with the rest of it: every German word of every slot with the slots it
stands in (`german_words`, sorted by the word case-folded; `german_words_backwards` holds
the case-folded words read backwards, so that the words starting with a stem and those
ending in the word are a range each), and each slot's English stems (`slot_stems`; a slot whose line speaks of a
technical field, or that has no English, is left out as the family rules leave it out).
The rules that make these tables live here, and the index file's name carries a hash of
this file: a change to them builds a new index instead of reading stale stems.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path

#: Words that carry no sense of a gloss: "to", "sth.", "the".
ENGLISH_STOPWORDS = frozenset(
    ["to", "the", "a", "an", "of", "sb", "sth", "one's", "oneself", "be", "in", "on", "at", "for", "with", "by", "from", "do", "your", "his", "her", "its", "my", "make", "get", "have", "it", "up", "out", "off", "over", "into", "about", "as", "or", "and", "not", "no", "is", "are", "was", "been", "being", "so", "that", "this"]
)
_ENGLISH_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|<[^>]*>|/[^/\s][^/]*/")
#: Labels of lines whose compounds speak of a field, not of the word's common sense.
FIELD_LABEL = re.compile(r"\[(?:" + "|".join(re.escape(label) for label in (
    "telco.", "electr.", "techn.", "comp.", "med.", "chem.", "bot.", "zool.", "mach.", "constr.", "min.", "phys.",
    "math.", "biol.", "anat.", "pharm.", "textil.", "print", "photo.", "mus.", "sport", "aviat.", "naut.", "auto",
    "agr.", "geol.", "astron.", "biochem.", "ornith.", "cook.", "ling.", "relig.", "railw.", "envir.")) + r")\]")
GERMAN_WORD = re.compile(r"[^\W\d_]+")


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
    plain = _BRACKETS.sub(" ", text.casefold())
    return tuple(english_stem(w) for w in _ENGLISH_WORD.findall(plain) if w not in ENGLISH_STOPWORDS and len(w) > 1)


@functools.lru_cache(maxsize=1)
def rules_hash() -> str:
    """A hash of this file: the family tables of an index were made by these rules."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def slot_packing(rowids: Iterable[int]) -> bytes:
    """Slot numbers as stored in `german_words.slots`: 32-bit little-endian integers."""
    packed = array("i", rowids)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def slot_unpacking(blob: bytes) -> array[int]:
    packed = array("i")
    packed.frombytes(blob)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed


def index_families(db: sqlite3.Connection, lines: list[tuple[int, str]], slots_per_line: int) -> None:
    """Write the family tables for the Ding lines (number, text); slot numbers as in the trigram index."""
    db.executescript(
        """
        CREATE TABLE german_words (folded TEXT, word TEXT, slots BLOB, PRIMARY KEY (folded, word)) WITHOUT ROWID;
        CREATE TABLE german_words_backwards (backwards TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE slot_stems (slot INTEGER PRIMARY KEY, stems TEXT);
        """
    )
    words: dict[str, list[int]] = {}
    stems: list[tuple[int, str]] = []
    for number, text in lines:
        german_part, _, english_part = text.partition(" :: ")
        german = german_part.split(" | ")[:slots_per_line]
        english = english_part.split(" | ")
        field_line = FIELD_LABEL.search(german[0]) is not None
        for slot, slot_text in enumerate(german):
            rowid = number * slots_per_line + slot
            for word in dict.fromkeys(GERMAN_WORD.findall(slot_text)):
                words.setdefault(word, []).append(rowid)
            if slot < len(english) and not field_line and not FIELD_LABEL.search(slot_text):
                slot_stems = content_stems(english[slot])
                if slot_stems:
                    stems.append((rowid, " ".join(dict.fromkeys(slot_stems))))
    rows = sorted((word.casefold(), word, slot_packing(slots)) for word, slots in words.items())
    db.executemany("INSERT INTO german_words VALUES (?, ?, ?)", rows)
    db.executemany("INSERT INTO german_words_backwards VALUES (?)", sorted({(f[::-1],) for f, _, _ in rows}))
    db.executemany("INSERT INTO slot_stems VALUES (?, ?)", stems)
