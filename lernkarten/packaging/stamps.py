"""When each note's content last changed: the mod times that let a rebuilt deck update.

Anki takes a re-imported note only when its mod time is strictly newer than the learner's
copy (`ANKI.md`). An entry's `modified` therefore moves exactly when what its cards show
moves: unchanged entries keep their old time (a rebuild gives the same package), changed and
new ones get the current time. Each entry also keeps a hash of what its cards showed at
that time (`Entry.content_hash`), so an entry edited by hand in the deck JSON is seen as
changed even when no earlier package is at hand to compare with.

Rendering an entry is most of the cost of packaging, so each function here can be handed the
notes already rendered (`Rendered`, one list per entry in the deck's order): a build renders
each entry once for the hash, the comparison with the earlier package and the package itself.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import fields, replace
from typing import TYPE_CHECKING

from lernkarten.entries import Deck, Entry
from lernkarten.packaging.render import RenderedNote, render_entry

if TYPE_CHECKING:
    from lernkarten.audio.clips import DeckAudio

#: The notes of each entry of a deck, in the deck's order.
Rendered = Sequence[list[RenderedNote]]


def render_deck(deck: Deck, *, reverse: bool = False, audio: DeckAudio | None = None) -> list[list[RenderedNote]]:
    """Every entry's notes, as `write_package` writes them with these options."""
    return [render_entry(entry, deck, reverse=reverse, audio=audio.of(entry) if audio is not None else None)
            for entry in deck.entries]


def render_both(deck: Deck, *, reverse: bool = False,
                audio: DeckAudio | None = None) -> tuple[Rendered, Rendered]:
    """The notes without reverse cards or audio (what the content hash covers) and the notes as
    written with these options: one rendering when the two are the same."""
    plain = render_deck(deck)
    written = plain if not reverse and audio is None else render_deck(deck, reverse=reverse, audio=audio)
    return plain, written


def card_content(entry: Entry, deck: Deck) -> tuple[object, ...]:
    """Everything of an entry that reaches Anki's notes: GUIDs, field values, tags."""
    return notes_content(render_entry(entry, deck))


def notes_content(notes: list[RenderedNote]) -> tuple[object, ...]:
    """`card_content` of notes already rendered (without reverse cards or audio)."""
    return tuple((note.guid, note.fields, note.tags) for note in notes)


def _hash(content: tuple[object, ...]) -> str:
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()[:16]


def _own_time(entry: Entry, digest: str, now: int) -> int:
    """The mod time an entry's own record supports: newer than before if its cards were edited
    (`digest` is the hash of what they show now)."""
    if entry.modified <= 0:
        return now
    if entry.content_hash and entry.content_hash != digest:
        return max(now, entry.modified + 1)
    return entry.modified


def stamp_edits(deck: Deck, now: int, *, rendered: Rendered | None = None) -> Deck:
    """`deck` (a deck JSON, maybe edited by hand) with a newer mod time for each edited entry."""
    plain = rendered if rendered is not None else render_deck(deck)
    stamped = []
    for entry, notes in zip(deck.entries, plain, strict=True):
        digest = _hash(notes_content(notes))
        stamped.append(replace(entry, modified=_own_time(entry, digest, now), content_hash=digest))
    return replace(deck, entries=stamped)


def stamp_modified(new: Deck, previous: Deck | None, now: int, *, rendered: Rendered | None = None) -> Deck:
    """`new` with each entry's `modified` set (the previous time if its cards are unchanged, else
    `now`) and its `content_hash` (what its cards show now).

    A changed entry gets a time strictly newer than its previous one even if the clock is
    behind, so Anki always takes the change. `new` itself is not modified; `rendered` holds
    its entries' notes without reverse cards or audio, when the caller has them.
    """
    before = {e.key: e for e in previous.entries} if previous is not None else {}
    plain = rendered if rendered is not None else render_deck(new)
    # the same entry over the same sources shows the same: its old notes need no rendering
    same_sources = previous is not None and previous.sources == new.sources
    stamped = []
    for entry, notes in zip(new.entries, plain, strict=True):
        content = notes_content(notes)
        digest = _hash(content)
        old = before.get(entry.key)
        if old is None or previous is None:
            modified = now
        elif old.modified > 0 and _shows_the_same(old, entry, previous, content, digest, same_sources):
            modified = old.modified
        else:
            modified = max(now, old.modified + 1)
        stamped.append(replace(entry, modified=modified, content_hash=digest))
    return replace(new, entries=stamped)


def _shows_the_same(old: Entry, entry: Entry, previous: Deck, content: tuple[object, ...], digest: str,
                    same_sources: bool) -> bool:
    """Whether `entry`'s cards show what `old`'s showed when last stamped. The old entry's own
    hash says so without rendering it (a big deck rebuilt after one new text changes its
    sources, so every entry would be rendered twice otherwise); only a JSON from before the
    hashes is rendered and compared."""
    if old.content_hash:
        return old.content_hash == digest
    return (same_sources and _same_but_stamps(old, entry)) or content == card_content(old, previous)


_CONTENT_FIELDS = tuple(f.name for f in fields(Entry) if f.name not in ("modified", "content_hash"))


def _same_but_stamps(one: Entry, other: Entry) -> bool:
    """Whether two entries are equal in all but their mod time and content hash."""
    return all(getattr(one, name) == getattr(other, name) for name in _CONTENT_FIELDS)


def stamp_from_package(deck: Deck, package: str | os.PathLike[str], now: int, *, reverse: bool = False,
                       audio: DeckAudio | None = None, rendered: Rendered | None = None,
                       plain: Rendered | None = None) -> Deck:
    """`deck` stamped against the notes of an earlier .apkg (for a hand-edited deck JSON).

    An entry whose notes the package holds unchanged keeps the package's mod time, a changed
    one gets a time newer than the package's, and one the package lacks keeps its own time
    unless it was edited since (see `stamp_edits`). The notes are compared as `write_apkg`
    will write them, `audio` included: sound added, changed or dropped is a change.
    `rendered` holds those notes and `plain` the notes without reverse cards or audio (the
    content hash's), when the caller has them.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.packaging.apkg import note_digest, read_package_digests

    packaged = read_package_digests(package)
    if rendered is None or plain is None:
        plain, rendered = render_both(deck, reverse=reverse, audio=audio)
    written = rendered
    stamped = []
    for entry, notes, plain_notes in zip(deck.entries, written, plain, strict=True):
        digest = _hash(notes_content(plain_notes))
        earlier = [packaged.get(note.guid) for note in notes]
        known = [old[1] for old in earlier if old is not None]
        if not known:
            modified = _own_time(entry, digest, now)
        elif all(
            old is not None and old[0] == note_digest(note.fields, note.tags)
            for old, note in zip(earlier, notes, strict=True)
        ):
            modified = max(known)
        else:
            modified = max(now, max(known) + 1)
        stamped.append(replace(entry, modified=modified, content_hash=digest))
    return replace(deck, entries=stamped)
