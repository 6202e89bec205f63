"""Building the SQLite index of the Ding list that `dictionary.Dictionary` reads.

What the index holds (see `dictionary.py`) and how it is laid out is decided here: its tables,
how a line's slots are numbered, which kinds of term are kept, the trigram index and the
families' tables (`family_index.py`), and wordfreq's figure for every English word. The
cache registry (`lernkarten/caches.py`, entry "ding") fingerprints this module with the list,
so a change to how the index is made builds a new one; a change to how it is read does not.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import sqlite3
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lernkarten.caches import CACHES, content_hash
from lernkarten.glossing.ding import Term, german_slots, term_pos, without_see_also
from lernkarten.glossing.english import words_to_rate
from lernkarten.glossing.family_index import family_rows, family_stems, index_families
from lernkarten.lexicon.frequency import zipf_en

#: Slots of a line are numbered within it; a line has fewer than this many.
SLOTS_PER_LINE = 256
#: How many slots a substring search reads at most: a short fragment is in thousands.
MAX_FRAGMENT_SLOTS = 4000

#: What a term is within its line.
HEAD, PLURAL, FORM, PHRASE = "head", "plural", "form", "phrase"
KIND_CODES = {HEAD: 0, PLURAL: 1, FORM: 2, PHRASE: 3}
KIND_NAMES = {code: name for name, code in KIND_CODES.items()}

#: Words a phrase is not indexed by: they are in every other phrase.
UNINDEXED_WORDS = frozenset(
    ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "sich", "mich", "dich", "uns", "euch", "es"]
)

Progress = Callable[[int, int], None]


def build_index(source: Path, path: Path, *, progress: Progress | None = None) -> None:
    """Parse the whole list and write the index to `path` (through a temporary file, then a rename)."""
    fd, tmp_name = tempfile.mkstemp(prefix=".ding.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp_name)
        db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE lines (id INTEGER PRIMARY KEY, text TEXT);
            CREATE TABLE terms (fold TEXT, line INTEGER, slot INTEGER, idx INTEGER, kind INTEGER,
                                key TEXT, pos TEXT, genders TEXT, PRIMARY KEY (fold, line, slot, idx)) WITHOUT ROWID;
            CREATE TABLE phrase_words (word TEXT, line INTEGER, slot INTEGER, idx INTEGER, key TEXT,
                                       PRIMARY KEY (word, line, slot, idx)) WITHOUT ROWID;
            """
        )
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("format", str(CACHES["ding"].version)), ("data_sha256", content_hash(source))])
        with gzip.open(source, "rt", encoding="utf-8") as handle:
            text_lines = [without_see_also(line.rstrip("\n")) for line in handle
                          if line.strip() and not line.startswith("#")]
        total = len(text_lines)
        steps = total * 3           # reading the lines is about a third of the work
        lines: list[tuple[int, str]] = []
        terms: list[tuple[str, int, int, int, int, str | None, str, str]] = []
        words: list[tuple[str, int, int, int, str]] = []
        for number, text in enumerate(text_lines, start=1):
            lines.append((number, text))
            for slot, slot_terms in enumerate(german_slots(text)):
                slot_has_gender = any(t.genders for t in slot_terms)
                for idx, term in enumerate(slot_terms):
                    kind = _kind(term, slot, slot_has_gender)
                    if kind is None:
                        continue
                    key = term.key
                    fold = key.casefold()
                    # the key only where case tells it from the folded one; the part of speech
                    # and genders so that `knows_head` and `genders` need no line read
                    terms.append((fold, number, slot, idx, KIND_CODES[kind], None if key == fold else key,
                                  term_pos(slot_terms, idx), "".join(term.genders)))
                    if kind == PHRASE:
                        for word in dict.fromkeys(w.casefold() for w in term.words):
                            if word not in UNINDEXED_WORDS and len(word) > 1:
                                words.append((word, number, slot, idx, key))
            if progress and number % 5000 == 0:
                progress(number, steps)
        del text_lines  # the peak is in the family rows below: hold nothing there that is written already
        db.executemany("INSERT INTO lines VALUES (?, ?)", lines)
        # sorted inserts build the clustered tables without page splits
        terms.sort()
        db.executemany("INSERT OR IGNORE INTO terms VALUES (?, ?, ?, ?, ?, ?, ?, ?)", terms)
        words.sort()
        db.executemany("INSERT OR IGNORE INTO phrase_words VALUES (?, ?, ?, ?, ?)", words)
        heads = sorted({key if key is not None else fold for fold, _, _, _, kind, key, _, _ in terms
                        if kind == KIND_CODES[HEAD]})
        del terms, words
        if progress:
            progress(total, steps)
        fragments = _index_fragments(db, lines)
        db.execute("INSERT INTO meta VALUES ('fragments', ?)", ("yes" if fragments else "no",))
        db.commit()
        if progress:
            progress(int(total * 1.6), steps)
        # the fragment searches run in SQLite, without Python's lock, while the family tables'
        # and the word frequencies' rows are worked out here; nothing is written meanwhile
        with ThreadPoolExecutor(max_workers=1) as pool:
            searches = pool.submit(_search_cutoffs, tmp_name, heads) if fragments else None
            families = family_rows(lines, SLOTS_PER_LINE) if fragments else None
            frequencies = _english_zipf_rows(lines)
            cutoffs = searches.result() if searches else None
        if families is not None and cutoffs is not None:
            index_families(db, families)
            db.execute("CREATE TABLE fragment_cutoffs (fragment TEXT PRIMARY KEY, cutoff INTEGER) WITHOUT ROWID")
            db.executemany("INSERT INTO fragment_cutoffs VALUES (?, ?)", cutoffs)
        db.execute("CREATE TABLE english_zipf (word TEXT PRIMARY KEY, zipf REAL) WITHOUT ROWID")
        db.executemany("INSERT INTO english_zipf VALUES (?, ?)", frequencies)
        db.commit()
        db.close()
        if progress:
            progress(steps, steps)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _index_fragments(db: sqlite3.Connection, lines: list[tuple[int, str]]) -> bool:
    """A trigram index of every German slot, for `Dictionary.slots_containing` (False: no FTS5 here).

    Contentless and without positions: 25 MB instead of 50; the slots' text is in `lines`.
    """
    try:
        db.execute("CREATE VIRTUAL TABLE german_slots USING fts5(text, tokenize='trigram', detail='none', content='')")
    except sqlite3.OperationalError:
        return False
    rows = ((number * SLOTS_PER_LINE + slot, german.casefold())
            for number, text in lines
            for slot, german in enumerate(text.partition(" :: ")[0].split(" | ")[:SLOTS_PER_LINE]))
    db.executemany("INSERT INTO german_slots (rowid, text) VALUES (?, ?)", rows)
    # the trigrams so common that a search for a fragment made only of them may be cut short
    db.execute("CREATE VIRTUAL TABLE temp.slot_trigrams USING fts5vocab(main, german_slots, row)")
    db.execute("CREATE TABLE common_trigrams (trigram TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute("INSERT INTO common_trigrams SELECT term FROM temp.slot_trigrams WHERE doc > ?", (MAX_FRAGMENT_SLOTS,))
    db.execute("DROP TABLE temp.slot_trigrams")
    return True


def search_cutoff(db: sqlite3.Connection, fragment: str) -> int | None:
    """`Dictionary.fragment_cutoff` by a trigram search: the MAX_FRAGMENT_SLOTS-th slot it finds."""
    trigrams = dict.fromkeys(fragment[i:i + 3] for i in range(len(fragment) - 2))
    query = " AND ".join('"' + t.replace('"', '""') + '"' for t in trigrams)
    try:
        row = db.execute("SELECT rowid FROM german_slots WHERE german_slots MATCH ? ORDER BY rowid LIMIT 1 OFFSET ?",
                         (query, MAX_FRAGMENT_SLOTS - 1)).fetchone()
    except sqlite3.OperationalError:
        return -1
    return None if row is None else row[0]


def _search_cutoffs(index: str, heads: list[str]) -> list[tuple[str, int | None]]:
    """(fragment, `Dictionary.fragment_cutoff`) of the fragments of the headwords' families
    whose search can be cut short, from the trigram index of the index file being built."""
    db = sqlite3.connect(index)
    try:
        common = {row[0] for row in db.execute("SELECT trigram FROM common_trigrams")}
        fragments: set[str] = set()
        for head in heads:
            for pos in ("NOUN", "VERB", "ADJ"):
                family = family_stems(head, pos)
                if family is not None:
                    fragments.update(family[1] + (family[0],))
        return [(f, search_cutoff(db, f)) for f in sorted(fragments)
                if f == f.casefold() and len(f) >= 3 and all(f[i:i + 3] in common for i in range(len(f) - 2))]
    finally:
        db.close()


def _english_zipf_rows(lines: list[tuple[int, str]]) -> list[tuple[str, float]]:
    """wordfreq's figure for every English word of the list glossing may weigh (`english.py`)."""
    words: set[str] = set()
    for _, text in lines:
        words |= words_to_rate(text.partition(" :: ")[2])
    return [(w, zipf_en(w)) for w in sorted(words)]


def _kind(term: Term, slot: int, slot_has_gender: bool) -> str | None:
    """What a term is within its line, or None for what is never looked up (example sentences)."""
    if not term.words or term.is_example:
        return None
    if term.is_phrase:
        return PHRASE
    markers = set(term.markers)
    if slot == 0 or markers - {"pl"}:
        return HEAD
    if "pl" in markers:
        # a plural in slot 1 belongs to the headword; one further on to a compound, also a plural
        return PLURAL
    return FORM
