"""genanki's Note and Model, carrying their own mod times instead of the build time.

genanki 0.13 stamps every note, card and note type with one package-wide timestamp. Anki
updates a learner's note only when the incoming mod time is strictly newer (`ANKI.md`), so
each note here carries the time its content last changed (`Entry.modified`) and each note
type the time its templates last changed (`models.REVISED`): a rebuild of the same input is
then identical, and a changed gloss still reaches the learner.

This module imports genanki at its top: import it only where a package is written.
"""

from __future__ import annotations

from typing import Any

import genanki


class RevisedModel(genanki.Model):  # type: ignore[misc]
    """A note type whose mod time is the time its templates or CSS last changed."""

    def __init__(self, revised: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.revised = revised

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        return super().to_json(self.revised, deck_id)


class StampedNote(genanki.Note):  # type: ignore[misc]
    """A note (and its cards) with the mod time of its own content."""

    def __init__(self, modified: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.modified = modified

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.modified, deck_id, id_gen)
