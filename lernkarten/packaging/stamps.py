"""When each note's content last changed: the mod times that let a rebuilt deck update.

Anki takes a re-imported note only when its mod time is strictly newer than the learner's
copy (`ANKI.md`). An entry's `modified` therefore moves exactly when what its cards show
moves: unchanged entries keep their old time (a rebuild gives the same package), changed and
new ones get the current time. Each entry also keeps a hash of what its cards showed at
that time (`Entry.content_hash`), so an entry edited by hand in the deck JSON is seen as
changed even when no earlier package is at hand to compare with.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from typing import TYPE_CHECKING

from lernkarten.entries import Deck, Entry
from lernkarten.packaging.render import render_entry

if TYPE_CHECKING:
    from lernkarten.audio.clips import DeckAudio


def card_content(entry: Entry, deck: Deck) -> tuple[object, ...]:
    """Everything of an entry that reaches Anki's notes: GUIDs, field values, tags."""
    return tuple((note.guid, note.fields, note.tags) for note in render_entry(entry, deck))


def content_hash(entry: Entry, deck: Deck) -> str:
    """A short hash of `card_content`: equal exactly when the cards show the same."""
    return hashlib.sha256(repr(card_content(entry, deck)).encode("utf-8")).hexdigest()[:16]


def _own_time(entry: Entry, deck: Deck, now: int) -> int:
    """The mod time an entry's own record supports: newer than before if its cards were edited."""
    if entry.modified <= 0:
        return now
    if entry.content_hash and entry.content_hash != content_hash(entry, deck):
        return max(now, entry.modified + 1)
    return entry.modified


def stamp_edits(deck: Deck, now: int) -> Deck:
    """`deck` (a deck JSON, maybe edited by hand) with a newer mod time for each edited entry."""
    return replace(deck, entries=[replace(e, modified=_own_time(e, deck, now), content_hash=content_hash(e, deck))
                                  for e in deck.entries])


def stamp_modified(new: Deck, previous: Deck | None, now: int) -> Deck:
    """`new` with each entry's `modified` set (the previous time if its cards are unchanged, else
    `now`) and its `content_hash` (what its cards show now).

    A changed entry gets a time strictly newer than its previous one even if the clock is
    behind, so Anki always takes the change. `new` itself is not modified.
    """
    before = {e.key: (e, previous) for e in previous.entries} if previous is not None else {}
    stamped = []
    for entry in new.entries:
        old, old_deck = before.get(entry.key, (None, None))
        if old is None or old_deck is None:
            modified = now
        elif old.modified > 0 and card_content(entry, new) == card_content(old, old_deck):
            modified = old.modified
        else:
            modified = max(now, old.modified + 1)
        stamped.append(replace(entry, modified=modified, content_hash=content_hash(entry, new)))
    return replace(new, entries=stamped)


def stamp_from_package(deck: Deck, package: str | os.PathLike[str], now: int, *, reverse: bool = False,
                       audio: DeckAudio | None = None) -> Deck:
    """`deck` stamped against the notes of an earlier .apkg (for a hand-edited deck JSON).

    An entry whose notes the package holds unchanged keeps the package's mod time, a changed
    one gets a time newer than the package's, and one the package lacks keeps its own time
    unless it was edited since (see `stamp_edits`). The notes are compared as `write_apkg`
    will write them, `audio` included: sound added, changed or dropped is a change.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.apkg import read_package_notes

    packaged = read_package_notes(package)
    stamped = []
    for entry in deck.entries:
        notes = render_entry(entry, deck, reverse=reverse, audio=audio.of(entry) if audio is not None else None)
        earlier = [packaged.get(note.guid) for note in notes]
        known = [old.modified for old in earlier if old is not None]
        if not known:
            modified = _own_time(entry, deck, now)
        elif all(
            old is not None and (old.fields, old.tags) == (note.fields, note.tags)
            for old, note in zip(earlier, notes, strict=True)
        ):
            modified = max(known)
        else:
            modified = max(now, max(known) + 1)
        stamped.append(replace(entry, modified=modified, content_hash=content_hash(entry, deck)))
    return replace(deck, entries=stamped)
