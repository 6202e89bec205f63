"""Writing a deck over the one a learner already studies, so that a re-import updates it.

The rule that matters most to a learner: a rebuilt deck keeps every review and brings each
changed note in. Both ways of writing a deck follow one order, under one lock:

1. take the output's write lock (two programs writing one deck take turns);
2. stamp mod times: a built deck against the previous JSON, then against the package at
   the output (it may have been made with other options); an edited JSON against that
   package, or against its own record when there is none (`stamps.py`);
3. write the .apkg and the .json to temporary files, then rename both, so the pair changes
   together or, when one cannot be written (disk full), not at all.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lernkarten.entries import Deck
from lernkarten.errors import LernkartenError
from lernkarten.fileio import atomic_paths, output_lock, write_target
from lernkarten.packaging.apkg import PackageSummary, write_package
from lernkarten.packaging.deckjson import dump_deck_json, parsed_deck_json, read_deck_json
from lernkarten.packaging.render import usable_glosses
from lernkarten.packaging.stamps import Rendered, render_both, stamp_edits, stamp_from_package, stamp_modified

if TYPE_CHECKING:
    from collections.abc import Callable

    from lernkarten.audio.clips import DeckAudio


@dataclass(frozen=True)
class Written:
    """A deck as written (mod times stamped), and what its package holds."""

    deck: Deck
    summary: PackageSummary
    json_written: bool
    unrecorded: int = 0  # entries of an old JSON with a time but no record of their cards


def json_beside(apkg: str | os.PathLike[str]) -> Path:
    """The deck JSON that goes with a package: same folder, same name."""
    return Path(apkg).with_suffix(".json")


def check_output(apkg: str | os.PathLike[str]) -> Path:
    """`apkg` if a deck and its JSON beside it can be written there, else a LernkartenError:
    checked before any long work starts."""
    path = Path(apkg)
    if path.suffix.lower() != ".apkg":
        raise LernkartenError(f"{apkg}: the output must end in .apkg")
    for file in (path, json_beside(path)):
        target = write_target(file)
        if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
            raise LernkartenError(f"cannot write {file}: permission denied")
    return path


class ReadAhead:
    """The deck JSON a build will replace, read before `write_deck` takes the output's lock
    (while the build waits for its analysis worker, `pipeline.build_decks`), and used there only
    if the file is still the one read: the same file, size and time under the lock."""

    def __init__(self, apkg: str | os.PathLike[str]) -> None:
        self.path = json_beside(apkg)
        self._deck: Deck | None = None
        self._state: tuple[int, int, int] | None = None

    def read(self) -> None:
        """Read the JSON now, if there is one; one that cannot be read is left to `write_deck`."""
        try:
            state = _file_state(self.path)
            deck = read_deck_json(self.path)
        except (OSError, LernkartenError):
            return
        self._deck, self._state = deck, state

    def drop(self) -> None:
        """Let the deck read go (the build holds a big deck's words, and packaging reads it again)."""
        self._deck, self._state = None, None

    def take(self) -> Deck | None:
        """The deck read, if its file has not changed since (stated before it was read); let go here."""
        deck, state, self._deck = self._deck, self._state, None
        try:
            return deck if state is not None and _file_state(self.path) == state else None
        except OSError:
            return None


def _file_state(path: Path) -> tuple[int, int, int]:
    stat = path.stat()  # a deck is replaced by renaming a new file over it: a new inode
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def write_deck(deck: Deck, apkg: str | os.PathLike[str], *, reverse: bool = False,
               audio: DeckAudio | None = None, now: int | None = None, read_ahead: ReadAhead | None = None) -> Written:
    """Write a freshly built `deck` as `apkg` and its JSON beside it, updating what was there.

    Each entry is rendered once (twice with reverse cards or audio: the content hash covers the
    notes without them) for stamping and writing alike, and the earlier JSON is let go once
    the times are taken from it (`read_ahead`: read already while the build waited, and kept
    through ranking and glossing, if that file is still there).
    """
    apkg = Path(apkg)
    json_path = json_beside(apkg)
    now = int(time.time()) if now is None else now
    with output_lock(apkg):
        plain, written = render_both(deck, reverse=reverse, audio=audio)
        previous = read_ahead.take() if read_ahead is not None and read_ahead.path == json_path else None
        if previous is None and json_path.exists():
            previous = read_deck_json(json_path)
        deck = stamp_modified(deck, previous, now, rendered=plain)
        del previous
        if apkg.is_file():
            deck = stamp_from_package(deck, apkg, now, reverse=reverse, audio=audio, rendered=written, plain=plain)
        del plain
        summary = _write_pair(deck, apkg, json_path, reverse=reverse, audio=audio, rendered=written)
    return Written(deck, summary, json_written=True)


def package_deck_json(deck_json: str | os.PathLike[str], apkg: str | os.PathLike[str] | None = None, *,
                      reverse: bool = False, audio: Callable[[Deck], DeckAudio] | None = None,
                      now: int | None = None) -> Written:
    """Package a (hand-edited) deck JSON as `apkg` (default: beside it), without re-analysis.

    Entries whose cards changed since the package at `apkg` was written (or, with none there,
    since the JSON last recorded them) get a newer mod time, written back into the JSON, so an
    edit counts once. `audio` makes the deck's sounds from the deck read.
    """
    deck_json = Path(deck_json)
    apkg = Path(apkg) if apkg is not None else json_beside(deck_json)
    now = int(time.time()) if now is None else now
    with output_lock(apkg):
        read = read_deck_json(deck_json)
        if not any(usable_glosses(entry) for entry in read.entries):
            raise LernkartenError(f"{deck_json}: no entry has a gloss, so there is nothing to make cards of")
        sounds = audio(read) if audio is not None else None
        plain, written = render_both(read, reverse=reverse, audio=sounds)
        if apkg.is_file():
            unrecorded = 0
            try:
                deck = stamp_from_package(read, apkg, now, reverse=reverse, audio=sounds, rendered=written,
                                          plain=plain)
            except LernkartenError as exc:
                raise LernkartenError(f"{exc}; not overwriting it") from None
        else:
            unrecorded = sum(1 for e in read.entries if e.modified > 0 and not e.content_hash)
            deck = stamp_edits(read, now, rendered=plain)
        # the new times are the JSON's now: an edit counts once, not again at every package
        json_path = deck_json if deck != read else None
        summary = _write_pair(deck, apkg, json_path, reverse=reverse, audio=sounds, rendered=written)
    return Written(deck, summary, json_written=json_path is not None, unrecorded=unrecorded)


def studied_lemmas(json_files: list[Path]) -> set[str]:
    """Lemmas of the deck JSONs a build will replace: they stay in the deck whatever is
    excluded, since dropping them would end their reviews.

    Only the lemmas are read: making a big deck's entries from its JSON and checking them
    takes twice as long as parsing it, and `write_deck` does both for the deck it replaces."""
    lemmas: set[str] = set()
    for file in json_files:
        if file.is_file():
            try:
                data = parsed_deck_json(file)
            except LernkartenError:
                continue  # not a deck of ours; write_deck reports a broken one for the deck it replaces
            lemmas.update(entry["lemma"] for entry in data["entries"]
                          if isinstance(entry, dict) and isinstance(entry.get("lemma"), str))
    return lemmas


def _write_pair(deck: Deck, apkg: Path, json_path: Path | None, *, reverse: bool,
                audio: DeckAudio | None, rendered: Rendered) -> PackageSummary:
    """The package and (unless None) the JSON, each complete before either replaces its file."""
    files = [apkg] if json_path is None else [apkg, json_path]
    with atomic_paths(*files) as temporaries:
        summary = write_package(deck, temporaries[0], reverse=reverse, audio=audio, rendered=rendered)
        if json_path is not None:
            with open(temporaries[1], "w", encoding="utf-8") as handle:
                dump_deck_json(deck, handle)
    return summary
