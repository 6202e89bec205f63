"""What a card's note is told of its sound files: the record the deck's renderer
(`packaging/render.py`) reads and the audio stage (`audio/clips.py`) writes, kept apart from both."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoteAudio:
    """The media file names of one entry's pronunciations ("" for none)."""

    word: str
    sentence: str = ""
