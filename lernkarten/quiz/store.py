"""The learner's quiz progress: one SQLite file, written in a transaction after every answer.

Where it lives: `--db PATH`, else the environment variable `LERNKARTEN_DB`, else
`progress.sqlite3` in `lernkarten.places.data_dir()`.

Schema, version 1 (`PRAGMA user_version = 1`, `PRAGMA application_id = 0x4C4B5152` "LKQR"):

    cards                       one row per quiz card: a note (by its Anki GUID) in one mode
      guid         TEXT    the note's GUID (`lernkarten.packaging.fields.note_guid`); a rebuilt
                           deck keeps its GUIDs, so its history stays
      mode         TEXT    recognise | produce | gender | cloze
      label        TEXT    the word as learned when last answered ("das Bündnis"), for people
                           reading the file
      lemma        TEXT    its bare lemma ("Bündnis"): `mature_lemmas` gives these to `build`
      state        INTEGER FSRS state: 1 learning, 2 review, 3 relearning
      step         INTEGER learning step, NULL in review
      stability    REAL    FSRS memory stability (days), NULL before the first review
      difficulty   REAL    FSRS difficulty (1..10)
      due          TEXT    when it is due next
      last_review  TEXT
      reps         INTEGER answers so far
      lapses       INTEGER times it was forgotten after graduating
      first_review TEXT
      PRIMARY KEY (guid, mode)

    reviews                     the review log, one row per answer, never rewritten
      id           INTEGER PRIMARY KEY
      guid, mode   TEXT    the card
      reviewed_at  TEXT
      rating       INTEGER 1 Again, 2 Hard, 3 Good, 4 Easy
      state_before INTEGER the card's state before the answer; NULL when it was new
      due_after    TEXT
      duration_ms  INTEGER time from question to answer, when measured

Times are UTC text `YYYY-MM-DDTHH:MM:SS.ffffffZ`: readable, and they sort as they compare.

A row another program damaged (a time that is no time, an unknown state, a number that is
text) is skipped: its card counts as new and its next answer writes the row afresh, while its
review log stays as it was, so no answer is lost. `damaged_rows` counts such rows, for the one
warning that says so.

One session at a time: a quiz holds an exclusive lock (`flock`) on `progress.sqlite3.lock`
beside the file for as long as it runs, and a second quiz on the same file is refused: both
would ask the same due and new cards, and each would save its own scheduling over the other's.
The lock dies with the process, so a crashed quiz leaves nothing to clean up. Readers take none.

Safety: every answer is one transaction (card row and review row together), committed before
the next card is shown, with `synchronous=FULL`. The journal is SQLite's default rollback
journal, not WAL: the progress is then one self-contained file that can be copied, backed up or
kept in a synced folder, and it works on network file systems, where WAL does not. WAL's gain,
writers not blocking readers, buys nothing at one small write per answer. A killed process
leaves at worst a hot journal, which SQLite rolls back on the next open: the answer being
written is lost, never an earlier one. A file that is not ours, is damaged, or comes from a
newer lernkarten is refused with one line and never rewritten.
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lernkarten.errors import LernkartenError
from lernkarten.fileio import take_lock
from lernkarten.quiz.scheduler import LEARNING, STATE_NAMES, Progress, Review, utc

SCHEMA_VERSION = 1
APPLICATION_ID = 0x4C4B5152
DB_NAME = "progress.sqlite3"
#: Anki's threshold for a mature card: an interval of three weeks or more.
MATURE_DAYS = 21
#: How long to wait for another lernkarten (a `stats` reading, a second session) to finish a write.
BUSY_SECONDS = 3.0

_SCHEMA = """
CREATE TABLE cards (
    guid TEXT NOT NULL,
    mode TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    lemma TEXT NOT NULL DEFAULT '',
    state INTEGER NOT NULL,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due TEXT NOT NULL,
    last_review TEXT,
    reps INTEGER NOT NULL DEFAULT 0,
    lapses INTEGER NOT NULL DEFAULT 0,
    first_review TEXT,
    PRIMARY KEY (guid, mode)
) WITHOUT ROWID;
CREATE INDEX cards_by_due ON cards (due);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL,
    mode TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    state_before INTEGER,
    due_after TEXT NOT NULL,
    duration_ms INTEGER
);
CREATE INDEX reviews_by_time ON reviews (reviewed_at);
"""


#: The columns `_progress_from_row` and `_review_from_row` read, in their order.
_CARD_COLUMNS = "guid, mode, state, step, stability, difficulty, due, last_review, reps, lapses, first_review"
_REVIEW_COLUMNS = "guid, mode, rating, reviewed_at, state_before, due_after, duration_ms"


class StoreError(LernkartenError):
    """The progress database cannot be used: locked, damaged, not ours, or from a newer version."""


@dataclass(frozen=True)
class DamagedRows:
    """Rows of the progress database that cannot be read, and so are left out of what it gives."""

    cards: int = 0
    reviews: int = 0

    def warning(self, path: Path) -> str:
        """One line telling the learner what was left out, or "" when nothing was."""
        parts = []
        if self.cards:
            parts.append(_damaged(self.cards, "progress", "ignored") + "; "
                         + ("that card counts" if self.cards == 1 else "those cards count") + " as new")
        if self.reviews:
            parts.append(_damaged(self.reviews, "review log", "left out"))
        return f"{path}: " + "; ".join(parts) if parts else ""


def default_path() -> Path:
    """Where progress is kept when no `--db` is given: `LERNKARTEN_DB`, else the data folder."""
    override = os.environ.get("LERNKARTEN_DB")
    if override:
        return Path(override)
    # deferred: read only when this runs (start-up time)
    from lernkarten.places import data_dir

    return data_dir() / DB_NAME


#: How the database writes a moment: UTC, to the microsecond.
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def format_time(moment: datetime) -> str:
    return utc(moment).strftime(TIME_FORMAT)


class Store:
    """An open progress database. Use `Store.open(path)`; close it (or use `with`) when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection
        self._lock_fd: int | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> Store:
        """Open (or create) the progress database, refusing one that is locked, damaged or not ours.

        `readonly` is for readers (stats, `build --exclude-mature`): the database must exist,
        nothing is created, and no write lock is taken, so a quiz running meanwhile goes on.
        """
        path = Path(path) if path is not None else default_path()
        if readonly and not path.is_file():
            raise StoreError(f"no progress yet: {path} does not exist")
        if path.is_dir():
            raise StoreError(f"progress database {path} is a folder")
        if not path.parent.is_dir():
            raise StoreError(f"progress database {path}: folder {path.parent} does not exist")
        if path.exists() and path.stat().st_size > 0:
            try:
                with open(path, "rb") as handle:
                    header = handle.read(16)
            except OSError as exc:
                raise StoreError(f"cannot read progress database {path}: {exc.strerror or exc}") from None
            if header != b"SQLite format 3\x00":
                raise StoreError(f"{path} is not a lernkarten progress database (not SQLite); "
                                 "it was left untouched")
        try:
            # Even a reader opens read-write: after a killed session, SQLite rolls its hot
            # journal back on the first read, which a read-only connection cannot do.
            connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open progress database {path}: {exc}") from None
        store = cls(path, connection)
        try:
            store._prepare(readonly)
            if not readonly:
                store._lock_fd = _lock_session(path)
        except BaseException:
            store.close()
            raise
        return store

    def _prepare(self, readonly: bool) -> None:
        connection = self._connection
        with self._errors("open"):
            if not readonly:
                connection.execute("PRAGMA synchronous = FULL")
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application_id == 0 and version == 0 and tables == 0 and not readonly:
            with self._errors("create"):
                connection.execute("BEGIN IMMEDIATE")
                try:
                    # One statement at a time: executescript would commit the transaction first.
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            connection.execute(statement)
                    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
            return
        if application_id != APPLICATION_ID:
            raise StoreError(f"{self.path} is not a lernkarten progress database; it was left untouched")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer lernkarten (progress schema {version}; "
                             f"this one reads {SCHEMA_VERSION}); update lernkarten")
        if version != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: unknown progress schema version {version}")
        with self._errors("check"):
            problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise StoreError(f"progress database {self.path} is damaged ({problems[0]}); "
                                 "it was left untouched: restore it from a backup or move it away")
        if not readonly:
            self._check_writable(version)

    def _check_writable(self, version: int) -> None:
        """Write once now, and roll it back, so that a locked or read-only file is reported before
        the first card instead of losing the first answer.

        Taking the write lock is not enough: SQLite grants it on a read-only file, and only the
        first page written (or its journal, beside the file) fails.
        """
        connection = self._connection
        try:
            with self._errors("check"):
                connection.execute("BEGIN IMMEDIATE")
                try:
                    connection.execute(f"PRAGMA user_version = {version}")
                except sqlite3.Error as exc:
                    if "readonly" in str(exc) or "unable to open" in str(exc):
                        raise StoreError(f"cannot write progress database {self.path}: "
                                         f"{_why_not_writable(self.path)}; the quiz saves every answer "
                                         "there (--db chooses another file)") from None
                    raise
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")

    # -- reading --------------------------------------------------------------------------------

    def progress(self, guids: Iterable[str] | None = None) -> dict[tuple[str, str], Progress]:
        """The progress of every card (or of the given notes' cards), keyed by (guid, mode)."""
        wanted = set(guids) if guids is not None else None
        result = {}
        for row in self._card_rows():
            if wanted is not None and row[0] not in wanted:
                continue
            progress = _progress_from_row(row)
            if progress is not None:
                result[(progress.guid, progress.mode)] = progress
        return result

    def reviews(self, since: datetime | None = None) -> list[Review]:
        """The review log, oldest first (from `since` on, when given)."""
        query = f"SELECT {_REVIEW_COLUMNS} FROM reviews"
        parameters: tuple = ()
        if since is not None:
            query += " WHERE reviewed_at >= ?"
            parameters = (format_time(since),)
        with self._errors("read"):
            rows = self._connection.execute(query + " ORDER BY id", parameters).fetchall()
        return [review for review in map(_review_from_row, rows) if review is not None]

    def damaged_rows(self) -> DamagedRows:
        """How many card rows and review rows cannot be read: `progress` and `reviews` leave them out."""
        with self._errors("read"):
            reviews = self._connection.execute(f"SELECT {_REVIEW_COLUMNS} FROM reviews").fetchall()
        return DamagedRows(cards=sum(_progress_from_row(row) is None for row in self._card_rows()),
                           reviews=sum(_review_from_row(row) is None for row in reviews))

    def _card_rows(self) -> list[tuple]:
        with self._errors("read"):
            return self._connection.execute(f"SELECT {_CARD_COLUMNS} FROM cards").fetchall()

    def labels(self) -> dict[tuple[str, str], str]:
        """The word as learned ("das Bündnis") each card was last answered under."""
        with self._errors("read"):
            return {(g, m): label for g, m, label in
                    self._connection.execute("SELECT guid, mode, label FROM cards")}

    def mature_lemmas(self, *, min_interval_days: float = MATURE_DAYS) -> set[str]:
        """Lemmas of words known well: some card of theirs waits at least `min_interval_days`.

        Anki calls a card with an interval of 21 days or more mature; knowing a word in any
        mode that well is reason enough to leave it out of a new deck.
        """
        with self._errors("read"):
            rows = self._connection.execute(
                f"SELECT lemma, {_CARD_COLUMNS} FROM cards WHERE state = 2 AND lemma != '' "
                "AND last_review IS NOT NULL").fetchall()
        known = set()
        for lemma, *row in rows:
            progress = _progress_from_row(tuple(row))
            if progress is not None and progress.last_review is not None and isinstance(lemma, str) and (
                    (progress.due - progress.last_review).total_seconds() >= min_interval_days * 86400):
                known.add(lemma)
        return known

    # -- writing --------------------------------------------------------------------------------

    def record(self, progress: Progress, review: Review, *, label: str = "", lemma: str = "") -> None:
        """Save one answer: the card's new state and the review, together or not at all."""
        connection = self._connection
        with self._errors("save the answer to"):
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute(
                    "INSERT INTO cards (guid, mode, label, lemma, state, step, stability, difficulty, "
                    "due, last_review, reps, lapses, first_review) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                    "ON CONFLICT (guid, mode) DO UPDATE SET label = excluded.label, "
                    "lemma = excluded.lemma, "
                    "state = excluded.state, step = excluded.step, stability = excluded.stability, "
                    "difficulty = excluded.difficulty, due = excluded.due, "
                    "last_review = excluded.last_review, reps = excluded.reps, "
                    "lapses = excluded.lapses, first_review = excluded.first_review",
                    (progress.guid, progress.mode, label, lemma, progress.state, progress.step,
                     progress.stability, progress.difficulty, format_time(progress.due),
                     format_time(progress.last_review) if progress.last_review else None,
                     progress.reps, progress.lapses,
                     format_time(progress.first_review) if progress.first_review else None))
                connection.execute(
                    "INSERT INTO reviews (guid, mode, reviewed_at, rating, state_before, due_after, "
                    "duration_ms) VALUES (?,?,?,?,?,?,?)",
                    (review.guid, review.mode, format_time(review.reviewed_at), review.rating,
                     review.state_before, format_time(review.due_after), review.duration_ms))
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self._connection.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)     # and with it the session lock
            self._lock_fd = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- errors ---------------------------------------------------------------------------------

    def _errors(self, doing: str):
        return _SqliteErrors(self.path, doing)


class _SqliteErrors:
    """Turn SQLite's exceptions into one line a learner can act on."""

    def __init__(self, path: Path, doing: str) -> None:
        self.path = path
        self.doing = doing

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> None:
        if error is None or not isinstance(error, sqlite3.Error):
            return
        message = str(error)
        if "locked" in message or "busy" in message:
            raise StoreError(f"progress database {self.path} is locked by another program "
                             "(another lernkarten quiz?); close it and try again") from None
        if isinstance(error, sqlite3.DatabaseError) and (
                "malformed" in message or "not a database" in message or "corrupt" in message):
            raise StoreError(f"progress database {self.path} is damaged ({message}); it was left "
                             "untouched: restore it from a backup or move it away") from None
        if "readonly" in message:
            raise StoreError(f"cannot write progress database {self.path}: it is read-only") from None
        raise StoreError(f"cannot {self.doing} progress database {self.path}: {message}") from None


def lock_path(path: Path) -> Path:
    """The file whose lock says a quiz is using the progress database at `path`.

    Beside the file itself, not beside a link to it: two quizzes reaching one file by two
    names must meet the same lock.
    """
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + ".lock")


def _lock_session(path: Path) -> int:
    """Take the one-session lock of the database at `path`, or refuse: another quiz holds it."""
    lock = lock_path(path)
    try:
        fd = take_lock(lock)
    except OSError as exc:
        raise StoreError(f"cannot lock progress database {path}: cannot lock {lock} "
                         f"({exc.strerror or exc})") from None
    if fd is None:
        raise StoreError(f"another quiz is using {path}; finish it first")
    return fd


def _why_not_writable(path: Path) -> str:
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only (SQLite writes a journal beside the file)"
    return "it is read-only"


def _damaged(count: int, kind: str, done: str) -> str:
    if count == 1:
        return f"1 {kind} row is damaged and was {done}"
    return f"{count} {kind} rows are damaged and were {done}"


class _Damaged(Exception):
    """A field of a row is not what lernkarten writes there."""


def _progress_from_row(row: tuple) -> Progress | None:
    """The card a row holds, or None when the row is damaged."""
    guid, mode, state, step, stability, difficulty, due, last_review, reps, lapses, first = row
    try:
        _check(isinstance(guid, str) and isinstance(mode, str) and _is_int(state) and state in STATE_NAMES)
        _check((step is None or (_is_int(step) and step >= 0)) and _is_int(reps) and reps >= 0
               and _is_int(lapses) and lapses >= 0)
        # a card past its learning steps has a memory state; FSRS cannot go on without one
        needed = state != LEARNING
        _check(_is_number(stability, needed) and _is_number(difficulty, needed))
        return Progress(guid=guid, mode=mode, state=state, step=step, stability=stability,
                        difficulty=difficulty, due=_time(due), last_review=_optional_time(last_review),
                        reps=reps, lapses=lapses, first_review=_optional_time(first))
    except _Damaged:
        return None


def _review_from_row(row: tuple) -> Review | None:
    """The answer a review row holds, or None when the row is damaged."""
    guid, mode, rating, reviewed_at, before, due_after, duration_ms = row
    try:
        _check(isinstance(guid, str) and isinstance(mode, str) and _is_int(rating) and 1 <= rating <= 4
               and (before is None or (_is_int(before) and before in STATE_NAMES))
               and (duration_ms is None or _is_int(duration_ms)))
        return Review(guid=guid, mode=mode, rating=rating, reviewed_at=_time(reviewed_at), state_before=before,
                      due_after=_time(due_after), duration_ms=duration_ms)
    except _Damaged:
        return None


def _check(condition: bool) -> None:
    if not condition:
        raise _Damaged


def _time(text: object) -> datetime:
    if not isinstance(text, str):
        raise _Damaged
    try:
        return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise _Damaged from None


def _optional_time(text: object) -> datetime | None:
    return None if text is None else _time(text)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object, required: bool) -> bool:
    if value is None:
        return not required
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def mature_lemmas(path: str | os.PathLike[str] | None = None, *,
                  min_interval_days: float = MATURE_DAYS) -> set[str]:
    """Lemmas the learner knows well according to the quiz; empty when there is no progress yet.

    Reads without creating or locking anything, so `build` can ask while a quiz runs.
    """
    path = Path(path) if path is not None else default_path()
    if not path.is_file():
        return set()
    with Store.open(path, readonly=True) as store:
        return store.mature_lemmas(min_interval_days=min_interval_days)
