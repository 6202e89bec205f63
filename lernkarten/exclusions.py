"""Words the learner already has elsewhere: in earlier decks or in an Anki collection.

Both are read as data only (zipfile and sqlite3, read-only): nothing in them is executed or
rendered. From a lernkarten deck the Lemma field is taken; from any other Anki note the first
field, stripped of markup and of a leading article ("das Bündnis" -> "Bündnis").
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from lernkarten.errors import LernkartenError
from lernkarten.packaging.deckjson import read_deck_json
from lernkarten.packaging.fields import CLOZE_MODEL_ID, WORD_FIELDS, WORD_MODEL_ID
from lernkarten.plaintext import strip_tags
from lernkarten.quiz.store import mature_lemmas

_ARTICLE = re.compile(r"^(?:der|die|das|der/die|der/das|die/das|sich)\s+", re.IGNORECASE)
# inline markup may sit inside a word (<b>ab</b>holen); only breaks separate words
_BREAKS = dict.fromkeys(("br", "div", "/div", "p", "/p", "li", "/li"), " ")

if TYPE_CHECKING:
    from lernkarten.packaging.unpack import NoteRow


def excluded_lemmas(decks: Iterable[str], collections: Iterable[str], mature: bool, db: str | None) -> list[str]:
    """Lemmas the learner already has: in earlier decks (.apkg or lernkarten .json), in Anki
    collections, and (with `mature`) known well in the quiz progress at `db` (None: the default)."""
    words: set[str] = set()
    for deck in decks:
        if deck.lower().endswith(".json"):
            words.update(e.lemma for e in read_deck_json(deck).entries)
        else:
            words.update(words_in_apkg(deck))
    for collection in collections:
        words.update(words_in_collection(collection))
    if mature:
        words.update(mature_lemmas(db))
    return sorted(words)


def words_in_apkg(path: str | Path) -> set[str]:
    """The lemmas of the notes in an Anki package (`.apkg`), read through `packaging/unpack.py`."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.unpack import note_rows, open_package

    with open_package(path) as connection:
        return _words(note_rows(connection, str(path)))


def words_in_collection(path: str | Path) -> set[str]:
    """The lemmas of the notes in an Anki collection (`collection.anki2`), opened read-only."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.unpack import note_rows

    file = Path(path)
    if not file.is_file():
        raise LernkartenError(f"{path}: no such Anki collection")
    try:
        # read-only but not immutable: notes Anki added lately may sit in the -wal file
        db = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            db.execute("SELECT count(*) FROM notes").fetchone()   # where a lock held by Anki shows
            return _words(note_rows(db, str(path)))
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise LernkartenError(f"{path}: Anki has this collection open; close Anki and try again") from None
        raise LernkartenError(f"{path}: not a readable Anki collection ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise LernkartenError(f"{path}: not a readable Anki collection ({exc})") from None


def _words(notes: list[NoteRow]) -> set[str]:
    lemma_index = WORD_FIELDS.index("Lemma")
    words: set[str] = set()
    for note in notes:
        if note.model_id == WORD_MODEL_ID and len(note.fields) > lemma_index:
            word = _plain(note.fields[lemma_index])
        elif note.model_id == CLOZE_MODEL_ID:
            continue  # its word note carries the same lemma
        else:
            word = _ARTICLE.sub("", _plain(note.fields[0]))
        if word:
            words.add(word)
    return words


def _plain(field: str) -> str:
    return strip_tags(field, breaks=_BREAKS).strip()

