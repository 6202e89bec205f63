"""Writing a Deck as an Anki package (.apkg), and reading back what an earlier one held.

The package is genanki's legacy collection (`collection.anki2`, schema 11) in a zip. genanki
writes the collection; the zip is ours, because genanki's takes the temporary file's mtime
and the current time, and a rebuild of the same deck has to give the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import os
import sqlite3
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lernkarten.entries import Deck
from lernkarten.errors import LernkartenError
from lernkarten.fileio import atomic_path
from lernkarten.packaging.render import RenderedNote, render_entry
from lernkarten.packaging.subdecks import deck_id, parent_name, subdeck_name
from lernkarten.plaintext import without_controls

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lernkarten.audio.clips import DeckAudio

#: Zip entries get this date: the earliest a zip can hold, so it never depends on the clock.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

CREDITS_HTML = (
    "English glosses: <b>Ding</b> German–English dictionary, © Frank Richter, TU Chemnitz, "
    "GPL-2.0-or-later (dict.tu-chemnitz.de).<br>"
    "Noun gender, plural and genitive: <b>Wiktionary</b> contributors via german-nouns, "
    "CC BY-SA 4.0 (de.wiktionary.org).<br>"
    "Made with lernkarten (GPL-3.0-or-later)."
)


@dataclass(frozen=True)
class PackageSummary:
    """What went into a package, for the learner's one-line report."""

    notes: int
    cards: int
    decks: tuple[str, ...]            # full deck names, parent first
    skipped: tuple[str, ...] = ()     # keys of entries without a gloss (no card made)
    media: int = 0                    # sound files packaged


@dataclass(frozen=True)
class PackagedNote:
    """A note as an earlier package holds it: what Anki will compare against."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    modified: int


def write_apkg(deck: Deck, path: str | os.PathLike[str], *, reverse: bool = False,
               audio: DeckAudio | None = None) -> PackageSummary:
    """Write `deck` as an Anki package at `path`, atomically; return what it holds (see `write_package`)."""
    with atomic_path(path) as tmp:
        return write_package(deck, tmp, reverse=reverse, audio=audio)


def write_package(deck: Deck, path: Path, *, reverse: bool = False, audio: DeckAudio | None = None,
                  rendered: Sequence[list[RenderedNote]] | None = None) -> PackageSummary:
    """Write `deck` as an Anki package into the file `path` (the caller makes it atomic).

    With `audio`, the notes' spare fields play their pronunciations and the package carries
    the sound files the notes name (and no others: Anki's Check Media finds nothing unused).

    Each note gets its entry's `modified` as mod time (see `stamp_modified`); an entry never
    stamped (0) gets the current time, which makes the package differ from build to build.
    Entries without a gloss are skipped; the same entry twice is refused (its notes would
    share a GUID, and a re-import could update only one of them). `rendered` holds each
    entry's notes as these options render them, when the caller has them already.
    """
    import genanki

    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.anki_records import StampedNote
    from lernkarten.packaging.models import AUDIO_REVISED, REVISED, cloze_model, word_model

    now = int(time.time())
    with_audio = audio is not None
    models = {"word": word_model(audio=with_audio), "cloze": cloze_model(audio=with_audio)}
    revised = AUDIO_REVISED if with_audio else REVISED
    media: dict[str, bytes] = {}
    parent = parent_name(deck)
    anki_decks: dict[str, genanki.Deck] = {parent: genanki.Deck(deck_id(parent), parent, _deck_description(deck))}
    sources_of_deck: dict[str, set[str]] = {}
    for source in deck.sources:
        sources_of_deck.setdefault(f"{parent}::{subdeck_name(source)}", set()).add(source.id)
    seen: set[str] = set()
    skipped: list[str] = []
    note_count = card_count = 0
    newest = 0
    for position, entry in enumerate(deck.entries, start=1):
        if entry.key in seen:
            raise LernkartenError(f"the deck has the entry {entry.key!r} twice; keep one of them")
        seen.add(entry.key)
        sounds = audio.of(entry) if audio is not None else None
        notes = (rendered[position - 1] if rendered is not None
                 else render_entry(entry, deck, reverse=reverse, audio=sounds))
        if not notes:
            skipped.append(entry.key)
            continue
        if audio is not None and sounds is not None:
            media.update((name, audio.media[name]) for name in (sounds.word, sounds.sentence) if name)
        modified = entry.modified if entry.modified > 0 else now
        newest = max(newest, modified)
        for note in notes:
            if note.deck not in anki_decks:
                described = sources_of_deck.get(note.deck, set())
                anki_decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck, _deck_description(deck, described))
            # `due` of a new card is its place in Anki's new queue: the deck's order, best first.
            anki_note = StampedNote(
                modified, model=models[note.kind], fields=list(note.fields), tags=list(note.tags), guid=note.guid,
                due=position,
            )
            anki_decks[note.deck].add_note(anki_note)
            note_count += 1
            card_count += len(anki_note.cards)

    with tempfile.TemporaryDirectory(prefix="lernkarten-apkg-") as workdir:
        collection = Path(workdir) / "collection.anki2"
        connection = sqlite3.connect(collection)
        try:
            # Note ids double as Anki's "created" time: the newest content time keeps them stable.
            ids = itertools.count((newest or revised) * 1000)
            genanki.Package(list(anki_decks.values())).write_to_db(connection.cursor(), revised, ids)
            connection.commit()
            connection.execute("VACUUM")
        finally:
            connection.close()
        _write_zip(path, collection.read_bytes(), media)
    return PackageSummary(note_count, card_count, tuple(anki_decks), tuple(skipped), len(media))


def _write_zip(path: Path, collection: bytes, media: dict[str, bytes]) -> None:
    """The .apkg: the collection, the media map ("0" -> file name), and the files as "0", "1", ..."""
    files = sorted(media)
    media_map = json.dumps({str(i): name for i, name in enumerate(files)}).encode() if files else b"{}"
    entries = [("collection.anki2", collection, zipfile.ZIP_DEFLATED), ("media", media_map, zipfile.ZIP_DEFLATED)]
    # MP3 does not shrink any further: stored as it is
    entries += [(str(i), media[name], zipfile.ZIP_STORED) for i, name in enumerate(files)]
    with zipfile.ZipFile(path, "w") as archive:
        for name, content, compression in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)


def _deck_description(deck: Deck, source_ids: set[str] | None = None) -> str:
    """HTML for Anki's deck overview: where the words come from, and the data credits."""
    sources = [s for s in deck.sources if source_ids is None or s.id in source_ids]
    lines = []
    for source in sources:
        title = source.title.strip() or source.id
        line = html.escape(without_controls(f"{title} ({source.date})" if source.date.strip() else title))
        if source.attribution.strip():
            line += f"<br><small>{html.escape(without_controls(source.attribution.strip()))}</small>"
        lines.append(line)
    intro = "German words from:<br>" + "<br>".join(lines) if lines else "German words from German texts."
    return f"{intro}<hr>{CREDITS_HTML}"


def note_digest(fields: tuple[str, ...], tags: tuple[str, ...]) -> str:
    """A hash of what a note shows: equal exactly when its fields and tags are."""
    return hashlib.sha256(repr((fields, tags)).encode("utf-8")).hexdigest()


def read_package_digests(path: str | os.PathLike[str]) -> dict[str, tuple[str, int]]:
    """(`note_digest`, mod time) of the notes of an .apkg, by GUID: what stamping compares
    against, without holding every field of a big deck's package."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.unpack import note_rows, open_package

    with open_package(Path(path)) as connection:
        notes = note_rows(connection, str(path))
    return {note.guid: (note_digest(note.fields, tuple(note.tags.split())), note.modified) for note in notes}


def read_package_notes(path: str | os.PathLike[str]) -> dict[str, PackagedNote]:
    """The notes of an .apkg, by GUID: what a learner imported from it last time.

    Read through `unpack.py` like every package, since the file at the output path may be anything.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.unpack import note_rows, open_package

    with open_package(Path(path)) as connection:
        notes = note_rows(connection, str(path))
    return {note.guid: PackagedNote(note.guid, note.fields, tuple(note.tags.split()), note.modified)
            for note in notes}
