"""The Ding German-English list, indexed once into SQLite for fast lookups.

The list ships inside the package (`lernkarten/data/ding-de-en.txt.gz`, GPL-2.0-or-later).
Reading and parsing its 206,000 lines takes seconds, too slow for every run, so it is read
through an index (`ding_index.py` builds it): every German term of every slot (not only the
headword of a line: `Militärbündnis` stands inside the `Bündnis` lines), keyed exactly and
case-folded, with its part of speech and genders, so that knowing a word reads no line; every
content word of every phrase; and, where SQLite has FTS5's trigram tokenizer, what a word's
family (`family.py`) is counted from: a trigram index of every German slot, every German word
with its slots' English stems (`family_index.py`), and where the fragment searches of Ding's own
headwords stop. It also keeps wordfreq's figure for every English word Ding uses, so that
glossing need not load wordfreq's list. About 155 MB.
A wheel carries the index built with it (an SQLite file reads the same on every platform);
an editable install, or one whose data or rules differ from the wheel's, builds it in the
cache folder on first use (20-25 s, once). The file name carries the index's fingerprint
(`caches.CACHES["ding"]`: format version, the list, the rules it was made by), so a new list,
format or rule builds a new index. Two processes building at once each write a temporary
file and rename it into place: the last rename wins and both files are complete. Lookups
read the file through a memory map and remember what they read (lines, rows), so a run
reads each part of it once.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lernkarten.caches import CACHES
from lernkarten.errors import LernkartenError
from lernkarten.glossing.ding import DingLine, Term, parse_line
from lernkarten.glossing.ding_index import (
    FORM,
    HEAD,
    KIND_CODES,
    KIND_NAMES,
    MAX_FRAGMENT_SLOTS,
    PHRASE,
    PLURAL,
    SLOTS_PER_LINE,
    build_index,
    search_cutoff,
)
from lernkarten.glossing.english import EnglishWords
from lernkarten.glossing.family_index import COMPOUND_ENDINGS
from lernkarten.lexicon.ding_format import DING_FILE

__all__ = ["FORM", "HEAD", "PHRASE", "PLURAL", "SLOTS_PER_LINE", "Dictionary", "Hit", "build_index",
           "open_dictionary"]

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
        return [Hit(line, slot, idx, KIND_NAMES[kind], self)
                for line, slot, idx, kind, term_key, _, _ in self._rows(key.casefold()) if term_key == key]

    def lookup_folded(self, key: str) -> list[Hit]:
        """Terms equal to `key` but for case: "Dunkeln" finds "dunkeln"."""
        rows = self._rows(key.casefold())
        return [Hit(line, slot, idx, KIND_NAMES[kind], self) for line, slot, idx, kind, _, _, _ in rows]

    def knows(self, key: str) -> bool:
        """True when `key` is a term of the list (any slot, any kind)."""
        return any(term_key == key for _, _, _, _, term_key, _, _ in self._rows(key.casefold()))

    def knows_head(self, key: str, pos: str = "") -> bool:
        """True when `key` is a headword of the list (with the part of speech `pos`, when given)."""
        head = KIND_CODES[HEAD]
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
        return row[0] if row else search_cutoff(self._db, fragment)

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
    """The index of the Ding list: the one a wheel ships, or the cache folder's, built first when
    this machine has none for this list and these rules."""
    source = source or data_path()
    if not source.is_file():
        raise LernkartenError(f"the Ding dictionary is missing from the installation ({source})")
    path = index_path(source)
    if not path.exists():
        with _lazy_bar(progress, "Indexing the Ding dictionary (once)") as bar:
            build_index(source, path, progress=bar)
        CACHES["ding"].prune(keep=path)
    return _open(path)


def index_path(source: Path) -> Path:
    """Where the index of the list at `source` is: its name says the format, the list and the
    rules it was made by (`caches.CACHES["ding"]`), so that a change to any builds a new one."""
    if source == DING_FILE:
        return CACHES["ding"].find()
    return CACHES["ding"].path((source,))


@functools.lru_cache(maxsize=4)
def _open(path: Path) -> Dictionary:
    return Dictionary(path)


def _after_prefix(prefix: str) -> str:
    """A string greater than every word starting with `prefix` (SQLite compares UTF-8 bytes: code point order)."""
    return prefix + "\U0010ffff"


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
