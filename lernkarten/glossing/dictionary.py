"""The Ding German-English list, indexed once into SQLite for fast lookups.

The list ships inside the package (`lernkarten/data/ding-de-en.txt.gz`, GPL-2.0-or-later).
Reading and parsing its 206,000 lines takes seconds, too slow for every run, so the first
lookup builds an index in the cache folder (`lernkarten.places.cache_dir()`): every German
term of every slot (not only the headword of a line: `Militärbündnis` stands inside the
`Bündnis` lines), keyed exactly and case-folded, with its part of speech and genders, so that
knowing a word reads no line; every content word of every phrase; and, where SQLite has
FTS5's trigram tokenizer, what a word's family (`family.py`) is counted from: a trigram index
of every German slot, every German word with its slots' English stems (`family_index.py`),
and where the fragment searches of Ding's own headwords stop. It also keeps wordfreq's figure
for every English word Ding uses, so that glossing need not load wordfreq's list. About 155 MB
and 20-25 s, once per installation.
The index is built at first use rather than at install time because a wheel must not carry
a platform's SQLite file and an editable or source install has no build step to hook; the
file name carries the index format version, the data's hash and a hash of the rules it was
derived by (`derived_hash`), so a new list, format or rule builds a new index. Two processes
building at once each write a temporary file and rename it into place: the last rename wins
and both files are complete. Lookups read the file through a memory map and remember what
they read (lines, rows), so a run reads each part of it once.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lernkarten.errors import LernkartenError
from lernkarten.glossing.ding import DingLine, Term, german_slots, parse_line, term_pos
from lernkarten.glossing.english import EnglishWords, words_to_rate
from lernkarten.glossing.family_index import (
    COMPOUND_ENDINGS,
    family_rows,
    family_stems,
    index_families,
)
from lernkarten.lexicon.ding_format import DING_FILE
from lernkarten.lexicon.frequency import zipf_en

#: Bump when the index's tables or what goes into them change.
FORMAT_VERSION = 9
#: Slots of a line are numbered within it; a line has fewer than this many.
SLOTS_PER_LINE = 256
#: How many slots a substring search reads at most: a short fragment is in thousands.
MAX_FRAGMENT_SLOTS = 4000

#: What a term is within its line.
HEAD, PLURAL, FORM, PHRASE = "head", "plural", "form", "phrase"
_KIND_CODES = {HEAD: 0, PLURAL: 1, FORM: 2, PHRASE: 3}
_KIND_NAMES = {code: name for name, code in _KIND_CODES.items()}

#: Words a phrase is not indexed by: they are in every other phrase.
_UNINDEXED_WORDS = frozenset(
    ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "sich", "mich", "dich", "uns", "euch", "es"]
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in the index: the line it stands in and its place there.

    The line is read when first asked for: many hits are passed over for their kind or slot.
    """

    number: int                      # the line's number
    slot: int
    index: int
    kind: str
    dictionary: Dictionary = field(compare=False, repr=False)
    _line: DingLine | None = field(default=None, compare=False, repr=False)

    @property
    def line(self) -> DingLine:
        if self._line is None:
            object.__setattr__(self, "_line", self.dictionary.line(self.number))
        return self._line  # type: ignore[return-value]

    @property
    def term(self) -> Term:
        return self.line.slots[self.slot].terms[self.index]


def data_path() -> Path:
    """The Ding list shipped inside the package."""
    return DING_FILE


@functools.lru_cache(maxsize=4)
def data_hash(path: Path) -> str:
    """sha256 of the shipped list: a changed list must not be read through an old index."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Dictionary:
    """Read-only lookups in the index: `dictionary.lookup("Bündnis")`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        # lookups jump all over the file: reading it through a memory map spares a system call a page
        self._db.execute("PRAGMA mmap_size = 1073741824")
        #: how common English words are, from the figures this index keeps
        self.english = EnglishWords(self.english_zipf)

    def lookup(self, key: str) -> list[Hit]:
        """Every term whose key is exactly `key` ("Bündnis", "sich beteiligen", "den Ausschlag geben")."""
        # the rows say each term's key: lines of other spellings are not read
        return [Hit(line, slot, idx, _KIND_NAMES[kind], self)
                for line, slot, idx, kind, term_key, _, _ in self._rows(key.casefold()) if term_key == key]

    def lookup_folded(self, key: str) -> list[Hit]:
        """Terms equal to `key` but for case: "Dunkeln" finds "dunkeln"."""
        rows = self._rows(key.casefold())
        return [Hit(line, slot, idx, _KIND_NAMES[kind], self) for line, slot, idx, kind, _, _, _ in rows]

    def knows(self, key: str) -> bool:
        """True when `key` is a term of the list (any slot, any kind)."""
        return any(term_key == key for _, _, _, _, term_key, _, _ in self._rows(key.casefold()))

    def knows_head(self, key: str, pos: str = "") -> bool:
        """True when `key` is a headword of the list (with the part of speech `pos`, when given)."""
        head = _KIND_CODES[HEAD]
        return any(term_key == key and kind == head and (not pos or term_pos == pos)
                   for _, _, _, kind, term_key, term_pos, _ in self._rows(key.casefold()))

    def genders(self, key: str) -> set[str]:
        """The genders ("m", "f", "n") Ding gives the terms whose key is exactly `key`, in any slot."""
        return {gender for _, _, _, _, term_key, _, genders in self._rows(key.casefold()) if term_key == key
                for gender in genders}

    def phrases_with(self, word: str) -> list[tuple[str, int, int, int]]:
        """(phrase key, line, slot, index) of every phrase one of whose words is `word` (lower case)."""
        return self._db.execute(
            "SELECT key, line, slot, idx FROM phrase_words WHERE word = ?", (word.casefold(),)
        ).fetchall()

    def slots_containing(self, fragment: str) -> list[tuple[int, int]]:
        """(line, slot) of every German slot whose text contains `fragment` (case-folded, 3+ letters).

        The words built on a word ("Friedensvermittlung", "Vermittlungsausschuss") are where
        Ding shows which sense of it is the common one; a trigram index finds them. Empty
        when this SQLite lacks the trigram tokenizer: the caller then does without.
        """
        fragment = fragment.casefold()
        if len(fragment) < 3 or not self._has_fragments():
            return []
        trigrams = dict.fromkeys(fragment[i:i + 3] for i in range(len(fragment) - 2))
        query = " AND ".join('"' + t.replace('"', '""') + '"' for t in trigrams)
        try:
            rows = self._db.execute("SELECT rowid FROM german_slots WHERE german_slots MATCH ? ORDER BY rowid LIMIT ?",
                                    (query, MAX_FRAGMENT_SLOTS)).fetchall()
        except sqlite3.OperationalError:
            return []
        found = []
        for (rowid,) in rows:
            line, slot = divmod(rowid, SLOTS_PER_LINE)
            german = self.line_text(line).partition(" :: ")[0].split(" | ")
            # the trigrams only say the letters are there, not in this order
            if slot < len(german) and fragment in german[slot].casefold():
                found.append((line, slot))
        return found

    def english_zipf(self, word: str) -> float | None:
        """wordfreq's Zipf frequency of an English word Ding uses, None for another word."""
        row = self._db.execute("SELECT zipf FROM english_zipf WHERE word = ?", (word,)).fetchone()
        return row[0] if row else None

    def has_families(self) -> bool:
        """True when the index has the family tables (`family_index.py`); without FTS5 it has neither."""
        return self._has_fragments()

    def german_words(self, starts: tuple[str, ...], word: str = "", endings: tuple[str, ...] = (),
                     keep: Callable[[str], bool] | None = None) -> list[tuple[str, str, str, str]]:
        """(word as written, its lines, slots and their English stems) of every German word whose
        case-folded form starts with one of `starts`, or ends in `word` and one of `endings`
        (those of the latter `keep` keeps, when given: it is asked with the case-folded word).

        Lines and slots are numbers joined by spaces, the stems of each slot joined by spaces
        and the slots' stems by "|" (`family_index.py`); only slots the family support counts.
        """
        starts = tuple(start for start in starts if start)
        rows: list[tuple[str, str, str, str]] = []
        if starts:
            rows.extend(self._db.execute(
                "SELECT word, lines, slots, stems FROM german_words WHERE "
                + " OR ".join(["(folded >= ? AND folded < ?)"] * len(starts)),
                [bound for start in starts for bound in (start, _after_prefix(start))]))
        if word and endings:
            key = word[::-1]
            wanted = {COMPOUND_ENDINGS.index(ending) for ending in endings}
            folded = [stripped[::-1] + COMPOUND_ENDINGS[code] for stripped, code in self._db.execute(
                "SELECT stripped, ending FROM german_word_ends WHERE stripped >= ? AND stripped < ?",
                (key, _after_prefix(key))) if code in wanted]
            if keep is not None:
                folded = [f for f in folded if keep(f)]
            if folded:
                # one statement for any number of words (a list of parameters would be a new one each time)
                rows.extend(self._db.execute(
                    "SELECT word, lines, slots, stems FROM german_words WHERE folded IN (SELECT value FROM json_each(?))",
                    (json.dumps(folded),)))
        return rows

    def fragment_cutoff(self, fragment: str) -> int | None:
        """The last slot `slots_containing(fragment)` reads when MAX_FRAGMENT_SLOTS cuts its search
        short (-1 when the search fails), None when it reads every slot with the fragment's letters.

        Only a fragment each of whose trigrams is in more than MAX_FRAGMENT_SLOTS slots can be cut
        short; for the others ("vermittl") no search is needed.
        """
        fragment = fragment.casefold()
        if len(fragment) < 3 or not self._has_fragments():
            return -1
        common = self._common_trigrams()
        if not all(fragment[i:i + 3] in common for i in range(len(fragment) - 2)):
            return None
        # the index has the answer for the fragments of Ding's own headwords
        row = self._db.execute("SELECT cutoff FROM fragment_cutoffs WHERE fragment = ?", (fragment,)).fetchone()
        return row[0] if row else _search_cutoff(self._db, fragment)

    def slot_text(self, slot: int) -> str:
        """The German of one slot numbered as in the trigram index (line * SLOTS_PER_LINE + slot)."""
        line, index = divmod(slot, SLOTS_PER_LINE)
        return self.line_text(line).partition(" :: ")[0].split(" | ")[index]

    @functools.lru_cache(maxsize=1)  # noqa: B019
    def _common_trigrams(self) -> frozenset[str]:
        return frozenset(row[0] for row in self._db.execute("SELECT trigram FROM common_trigrams"))

    @functools.lru_cache(maxsize=65536)  # noqa: B019
    def line_text(self, number: int) -> str:
        """The line as Ding writes it."""
        row = self._db.execute("SELECT text FROM lines WHERE id = ?", (number,)).fetchone()
        if row is None:
            raise KeyError(number)
        return row[0]

    @functools.lru_cache(maxsize=1)  # noqa: B019
    def _has_fragments(self) -> bool:
        row = self._db.execute("SELECT value FROM meta WHERE name = 'fragments'").fetchone()
        return bool(row and row[0] == "yes")

    def hit(self, line: int, slot: int, index: int, kind: str = PHRASE) -> Hit:
        return Hit(line, slot, index, kind, self)

    @functools.lru_cache(maxsize=32768)  # noqa: B019 - one dictionary per process
    def line(self, number: int) -> DingLine:
        return parse_line(self.line_text(number), number)

    @functools.lru_cache(maxsize=16384)  # noqa: B019
    def _rows(self, fold: str) -> tuple[tuple[int, int, int, int, str, str, str], ...]:
        """(line, slot, index, kind code, key, part of speech, genders) of the terms whose key
        case-folded is `fold`."""
        return tuple((line, slot, idx, kind, fold if key is None else key, pos, genders)
                     for line, slot, idx, kind, key, pos, genders in self._db.execute(
                         "SELECT line, slot, idx, kind, key, pos, genders FROM terms WHERE fold = ?"
                         " ORDER BY line, slot, idx", (fold,)))


def open_dictionary(source: Path | None = None, *, progress: bool = False) -> Dictionary:
    """The index of the Ding list, built first when this machine has none for this list and format."""
    source = source or data_path()
    if not source.is_file():
        raise LernkartenError(f"the Ding dictionary is missing from the installation ({source})")
    path = index_path(source)
    folder = path.parent
    if not path.exists():
        with _lazy_bar(progress, "Indexing the Ding dictionary (once)") as bar:
            build_index(source, path, progress=bar)
        _remove_stale(folder, keep=path)
    return _open(path)


def index_path(source: Path) -> Path:
    """Where the index of the list at `source` is kept: its name says the format, the list and
    the rules it was made by, so that a change to any builds a new one."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.places import cache_dir

    return cache_dir() / f"ding-v{FORMAT_VERSION}-{data_hash(source)[:16]}-{derived_hash()}.sqlite"


@functools.lru_cache(maxsize=1)
def derived_hash() -> str:
    """A hash of what the index takes from beyond the Ding list and this file: the family rules
    (`family_index.py`) and wordfreq's figures. (Which English words it rates does not matter:
    a word it lacks is asked of wordfreq.)"""
    from importlib.metadata import version

    digest = hashlib.sha256(version("wordfreq").encode())
    digest.update((Path(__file__).parent / "family_index.py").read_bytes())
    return digest.hexdigest()[:12]


@functools.lru_cache(maxsize=4)
def _open(path: Path) -> Dictionary:
    return Dictionary(path)


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
                       [("format", str(FORMAT_VERSION)), ("data_sha256", data_hash(source))])
        with gzip.open(source, "rt", encoding="utf-8") as handle:
            text_lines = [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]
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
                    terms.append((fold, number, slot, idx, _KIND_CODES[kind], None if key == fold else key,
                                  term_pos(slot_terms, idx), "".join(term.genders)))
                    if kind == PHRASE:
                        for word in dict.fromkeys(w.casefold() for w in term.words):
                            if word not in _UNINDEXED_WORDS and len(word) > 1:
                                words.append((word, number, slot, idx, key))
            if progress and number % 5000 == 0:
                progress(number, steps)
        db.executemany("INSERT INTO lines VALUES (?, ?)", lines)
        # sorted inserts build the clustered tables without page splits
        db.executemany("INSERT OR IGNORE INTO terms VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sorted(terms))
        db.executemany("INSERT OR IGNORE INTO phrase_words VALUES (?, ?, ?, ?, ?)", sorted(words))
        if progress:
            progress(total, steps)
        fragments = _index_fragments(db, lines)
        db.execute("INSERT INTO meta VALUES ('fragments', ?)", ("yes" if fragments else "no",))
        db.commit()
        if progress:
            progress(int(total * 1.6), steps)
        heads = sorted({key if key is not None else fold for fold, _, _, _, kind, key, _, _ in terms
                        if kind == _KIND_CODES[HEAD]})
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


def _search_cutoff(db: sqlite3.Connection, fragment: str) -> int | None:
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
        return [(f, _search_cutoff(db, f)) for f in sorted(fragments)
                if f == f.casefold() and len(f) >= 3 and all(f[i:i + 3] in common for i in range(len(f) - 2))]
    finally:
        db.close()


def _english_zipf_rows(lines: list[tuple[int, str]]) -> list[tuple[str, float]]:
    """wordfreq's figure for every English word of the list glossing may weigh (`english.py`)."""
    words: set[str] = set()
    for _, text in lines:
        words |= words_to_rate(text.partition(" :: ")[2])
    return [(w, zipf_en(w)) for w in sorted(words)]


def _after_prefix(prefix: str) -> str:
    """A string greater than every word starting with `prefix` (SQLite compares UTF-8 bytes: code point order)."""
    return prefix + "\U0010ffff"


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


def _remove_stale(folder: Path, keep: Path) -> None:
    """Old indexes of an older list or format are dead weight: remove them (best effort)."""
    for old in folder.glob("ding-v*.sqlite"):
        if old != keep:
            with contextlib.suppress(OSError):
                old.unlink()


@contextlib.contextmanager
def _lazy_bar(enabled: bool, label: str) -> Iterator[Progress | None]:
    """A progress callback that draws a rich bar on standard error once the work has taken a second."""
    if not enabled:
        yield None
        return
    started = time.monotonic()
    state: dict[str, object] = {}

    def progress(done: int, total: int) -> None:
        if "bar" not in state:
            if time.monotonic() - started < 1.0:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            console = Console(stderr=True)
            bar = Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                           console=console, transient=True, disable=not console.is_terminal)
            bar.start()
            state["bar"] = bar
            state["task"] = bar.add_task(label, total=total)
        state["bar"].update(state["task"], completed=done, total=total)  # type: ignore[attr-defined]

    try:
        yield progress
    finally:
        if "bar" in state:
            state["bar"].stop()  # type: ignore[attr-defined]
