"""The tagger's analyses of single word forms, kept on disk so that a new process need not redo them.

HanTa spends most of its time on two searches per word form (its candidate tags with their
probabilities, for words its lexicon lacks; the lemma under a tag): both depend on the form
alone, never on the sentence. The caching tagger keeps them in memory; this store keeps them
in the cache folder between runs, in SQLite: a text is analysed in batches of sentences, and
each batch asks for the forms it holds in one query, so nothing is read that is not needed
and a large store costs no start-up time. New analyses are written when a batch is done, in
one transaction.

The file's name carries HanTa's version, the model file's size and a fingerprint of the
code that computes the analyses (`hanta_tagger.py`): any change to them starts a new file, and
older files are removed. A store that cannot be opened or written (read-only folder,
another process holding the lock too long) is left alone: it only saves time.
"""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from lernkarten.caches import CACHES

#: forms asked for per query: SQLite allows 999 parameters in older builds
_CHUNK = 900

#: one stored value: (the form's candidate tags with log probabilities or None, {tag: (lemma, tag name)})
Analyses = tuple[list | None, dict[int, tuple[str, str]]]


class WordAnalysisStore:
    """A word form -> analyses table in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._pending: dict[str, Analyses] = {}

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS words (form TEXT PRIMARY KEY, analyses BLOB NOT NULL)"
                           " WITHOUT ROWID")
                self._db = db
            except sqlite3.Error:
                self._broken = True
        return self._db

    def fetch(self, forms: Iterable[str]) -> dict[str, Analyses]:
        """The stored analyses of those `forms` the store holds."""
        db = self._connection()
        found: dict[str, Analyses] = {}
        if db is None:
            return found
        wanted = list(dict.fromkeys(forms))
        try:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start:start + _CHUNK]
                query = f"SELECT form, analyses FROM words WHERE form IN ({','.join('?' * len(chunk))})"
                for form, blob in db.execute(query, chunk):
                    with contextlib.suppress(ValueError, EOFError, TypeError):
                        found[form] = marshal.loads(blob)
        except sqlite3.Error:
            self._broken = True
        return found

    def remember(self, form: str, analyses: Analyses) -> None:
        """Keep `analyses` (all that is known of `form`) to be written with the next `flush()`."""
        self._pending[form] = analyses

    def flush(self) -> None:
        """Write what was remembered since the last flush, in one transaction."""
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        db = self._connection()
        if db is None:
            return
        rows = [(form, marshal.dumps(value)) for form, value in pending.items()]
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO words (form, analyses) VALUES (?, ?)", rows)
            db.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")

    def close(self) -> None:
        if self._db is not None:
            self.flush()
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


def store_path(folder: Path) -> Path:
    """The store's file for this HanTa version (and its model) and this analysing code, as
    `caches.CACHES["hanta-words"]` fingerprints them; older stores are removed."""
    entry = CACHES["hanta-words"]
    path = folder / entry.file_name()
    if not path.exists():
        entry.prune(keep=path)
    return path
