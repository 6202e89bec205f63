"""Opening an Anki package from anywhere: the one door every reader of `.apkg` files goes through.

The quiz, `build --exclude-deck` and `package -o` (reading the earlier package) all read a
zip someone may have made to hurt: a 3 MB zip can unpack to 3 GB, and its headers can lie
about it. So the collection is refused from the zip's headers when it claims too much, and
the limits hold again while it is copied out in small chunks. Nothing is extracted by member
name: the collection goes to a temporary file of our naming, opened read-only with sqlite3.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lernkarten.errors import LernkartenError
from lernkarten.plaintext import without_controls

#: A collection larger than this is not a vocabulary deck; reading stops before filling the disk.
MAX_COLLECTION_BYTES = 256 * 1024 * 1024
#: All members together, as the headers declare them (media included, though never read).
MAX_PACKAGE_BYTES = 2 * 1024 * 1024 * 1024
#: Unpacked to packed, for a collection past RATIO_FROM: a zip bomb deflates about 1000 to 1.
MAX_RATIO = 200
RATIO_FROM = 1024 * 1024

_CHUNK = 1024 * 1024
_MB = 1024 * 1024


@dataclass(frozen=True)
class NoteRow:
    """One row of a collection's notes table, checked: a NULL or a wrong type is a damaged collection."""

    id: int
    guid: str
    model_id: int
    fields: tuple[str, ...]
    tags: str
    modified: int


@contextlib.contextmanager
def open_package(path: str | Path) -> Iterator[sqlite3.Connection]:
    """The collection inside an `.apkg`, opened read-only; a one-line LernkartenError naming it if refused."""
    package = Path(path)
    with tempfile.TemporaryDirectory(prefix="lernkarten-apkg-") as folder:
        collection = Path(folder) / "collection.sqlite3"  # our own name, never the member's
        _copy_collection(package, collection)
        try:
            connection = sqlite3.connect(f"{collection.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        except sqlite3.Error as exc:
            raise LernkartenError(f"{package}: damaged Anki collection ({without_controls(str(exc))})") from None
        try:
            yield connection
        finally:
            connection.close()


def note_rows(connection: sqlite3.Connection, display: str) -> list[NoteRow]:
    """The notes of a collection, in id order, each field list split at Anki's separator."""
    try:
        rows = connection.execute("SELECT id, guid, mid, flds, tags, mod FROM notes ORDER BY id").fetchall()
    except sqlite3.Error as exc:
        raise LernkartenError(f"{display}: damaged Anki collection or not an Anki package "
                              f"({without_controls(str(exc))})") from None
    notes = []
    for note_id, guid, model_id, fields, tags, modified in rows:
        if not (isinstance(note_id, int) and isinstance(guid, str) and isinstance(model_id, int)
                and isinstance(fields, str) and isinstance(tags, (str, type(None)))
                and isinstance(modified, (int, type(None)))):
            raise LernkartenError(f"{display}: damaged Anki collection (note {note_id!r} lacks its "
                                  "id, note type or fields; Anki's Tools > Check Database repairs it)")
        notes.append(NoteRow(note_id, guid, model_id, tuple(fields.split("\x1f")), tags or "", modified or 0))
    return notes


def _copy_collection(package: Path, target: Path) -> None:
    """Copy the package's collection into `target`, refusing what no vocabulary deck looks like."""
    if not package.is_file():
        raise LernkartenError(f"{package}: no such deck" if not package.exists()
                              else f"{package} is not a file, so not an Anki package")
    try:
        with zipfile.ZipFile(package) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            for name in sorted(names):
                if _escapes(name):
                    raise LernkartenError(f"{package}: refused: the package holds a file named {name!r} "
                                          "that points outside its folder")
            if "collection.anki21b" in names:
                raise LernkartenError(f"{package}: exported by a newer Anki in its compressed format; export it "
                                      "again with \"Support older Anki versions\" ticked")
            member = next((archive.getinfo(n) for n in ("collection.anki21", "collection.anki2") if n in names),
                          None)
            if member is None:
                raise LernkartenError(f"{package}: not an Anki package (no collection inside)")
            _check_size(package, member.file_size, member.compress_size)
            if sum(m.file_size for m in members) > MAX_PACKAGE_BYTES:
                raise LernkartenError(f"{package}: refused: it would unpack to more than "
                                      f"{MAX_PACKAGE_BYTES // _MB} MB")
            copied = 0
            with archive.open(member) as source, open(target, "wb") as sink:
                while chunk := source.read(_CHUNK):
                    copied += len(chunk)
                    _check_size(package, copied, member.compress_size)   # the headers may lie
                    sink.write(chunk)
    except LernkartenError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise LernkartenError(f"{package}: damaged or truncated Anki package ({without_controls(str(exc))})") from None
    except OSError as exc:
        raise LernkartenError(f"{package}: cannot read it: {exc.strerror or exc}") from None


def _check_size(package: Path, unpacked: int, packed: int) -> None:
    if unpacked > MAX_COLLECTION_BYTES:
        raise LernkartenError(f"{package}: refused: the collection is larger than {MAX_COLLECTION_BYTES // _MB} MB")
    if unpacked > RATIO_FROM and unpacked > MAX_RATIO * packed:
        raise LernkartenError(f"{package}: refused: the collection unpacks to over {MAX_RATIO} times its "
                              "packed size, as no real deck does")


def _escapes(name: str) -> bool:
    """Whether a zip member name is absolute or climbs out of the folder it would land in."""
    posix = name.replace("\\", "/")
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix):
        return True
    return ".." in PurePosixPath(posix).parts
