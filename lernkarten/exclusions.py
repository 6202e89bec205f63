"""Words the learner already has elsewhere: in earlier decks or in an Anki collection.

Both are read as data only (zipfile and sqlite3, read-only): nothing in them is executed or
rendered. From a lernkarten deck the Lemma field is taken; from any other Anki note the first
field, stripped of markup and of a leading article ("das Bündnis" -> "Bündnis").
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from lernkarten.errors import LernkartenError
from lernkarten.packaging.fields import CLOZE_MODEL_ID, WORD_FIELDS, WORD_MODEL_ID
from lernkarten.plaintext import strip_tags

_ARTICLE = re.compile(r"^(?:der|die|das|der/die|der/das|die/das|sich)\s+", re.IGNORECASE)
# inline markup may sit inside a word (<b>ab</b>holen); only breaks separate words
_BREAKS = dict.fromkeys(("br", "div", "/div", "p", "/p", "li", "/li"), " ")
_COLLECTION_MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")


def words_in_apkg(path: str | Path) -> set[str]:
    """The lemmas of the notes in an Anki package (`.apkg`)."""
    file = Path(path)
    if not file.is_file():
        raise LernkartenError(f"{path}: no such deck")
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            member = next((m for m in _COLLECTION_MEMBERS if m in names), None)
            if member == "collection.anki21b":
                raise LernkartenError(f"{path}: exported in Anki's newest format; export it again with "
                                      "\"Support older Anki versions\" ticked")
            if member is None:
                raise LernkartenError(f"{path}: no Anki collection inside this package")
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / "collection.sqlite"  # our own name, never the member's
                with archive.open(member) as src, open(target, "wb") as dst:
                    dst.write(src.read())
                return _words_in_collection(target, str(path))
    except zipfile.BadZipFile:
        raise LernkartenError(f"{path} is not an Anki package (not a zip file)") from None


def words_in_collection(path: str | Path) -> set[str]:
    """The lemmas of the notes in an Anki collection (`collection.anki2`), opened read-only."""
    file = Path(path)
    if not file.is_file():
        raise LernkartenError(f"{path}: no such Anki collection")
    return _words_in_collection(file, str(path))


def _words_in_collection(file: Path, display: str) -> set[str]:
    try:
        # read-only but not immutable: notes Anki added lately may sit in the -wal file
        db = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            rows = db.execute("SELECT mid, flds FROM notes").fetchall()
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise LernkartenError(f"{display}: Anki has this collection open; close Anki and try again") from None
        raise LernkartenError(f"{display}: not a readable Anki collection ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise LernkartenError(f"{display}: not a readable Anki collection ({exc})") from None
    lemma_index = WORD_FIELDS.index("Lemma")
    words: set[str] = set()
    for model_id, fields in rows:
        values = fields.split("\x1f")
        if model_id == WORD_MODEL_ID and len(values) > lemma_index:
            word = _plain(values[lemma_index])
        elif model_id == CLOZE_MODEL_ID:
            continue  # its word note carries the same lemma
        else:
            word = _ARTICLE.sub("", _plain(values[0]))
        if word:
            words.add(word)
    return words


def _plain(field: str) -> str:
    return strip_tags(field, breaks=_BREAKS).strip()

