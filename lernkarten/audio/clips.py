"""The sound files of a deck: which texts are spoken, and the media names Anki sees.

Each entry that becomes a card gets its word spoken as the card says it ("das Bündnis",
"sich beteiligen"), and with `sentences` its card's example sentence too. A word's file is
named from its note's GUID, the voice and the text; a sentence's from the voice and the text
alone, because many words of a text share one sentence (the seed's 312 words show 57) and one
file serves them all. A rebuild of the same words gives the same names and the same bytes
(`SpeechCache`), so Anki keeps one copy, and a changed text gets a new file instead of
overwriting one a learner already has.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from lernkarten.audio.note_audio import NoteAudio
from lernkarten.audio.voices import Speaker
from lernkarten.entries import Deck, Entry
from lernkarten.packaging.fields import note_guid
from lernkarten.packaging.render import card_example, headword, usable_glosses

__all__ = ["AUDIO_CHOICES", "DeckAudio", "NoteAudio", "deck_audio", "media_name"]

#: What `--audio` may speak.
AUDIO_CHOICES = ("words", "sentences")


@dataclass
class DeckAudio:
    """Every entry's pronunciations by entry key, the files themselves, and what went wrong."""

    notes: dict[str, NoteAudio] = field(default_factory=dict)
    media: dict[str, bytes] = field(default_factory=dict)      # file name -> MP3 bytes
    warnings: list[str] = field(default_factory=list)
    synthesised: int = 0                                         # texts eSpeak NG spoke anew

    def of(self, entry: Entry) -> NoteAudio | None:
        return self.notes.get(entry.key)


def media_name(entry: Entry, role: str, voice: str, text: str) -> str:
    """The file name of a pronunciation: stable for the same note (a word's), voice and text."""
    owner = note_guid(entry.key) if role == "word" else ""
    digest = hashlib.sha256(f"{owner}|{role}|{voice}|{text}".encode()).hexdigest()[:20]
    return f"lernkarten-{digest}.mp3"


def deck_audio(deck: Deck, *, sentences: bool = False, speaker: Speaker | None = None,
               progress: Callable[[int, int], None] | None = None) -> DeckAudio:
    """The pronunciations of `deck`'s cards, spoken by `speaker` (eSpeak NG with the user's cache by default)."""
    if speaker is None:
        # deferred: read only when this runs (start-up time)
        from lernkarten.audio.cache import SpeechCache

        speaker = Speaker(cache=SpeechCache())
    audio = DeckAudio()
    entries = [e for e in deck.entries if usable_glosses(e)]
    for done, entry in enumerate(entries, start=1):
        word = _spoken(entry, "word", headword(entry), speaker, audio)
        example = card_example(entry) if sentences else None
        sentence = _spoken(entry, "sentence", example.text.strip(), speaker, audio) if example else ""
        audio.notes[entry.key] = NoteAudio(word, sentence)
        if progress is not None:
            progress(done, len(entries))
    audio.warnings = list(speaker.warnings)
    audio.synthesised = speaker.synthesised
    return audio


def _spoken(entry: Entry, role: str, text: str, speaker: Speaker, audio: DeckAudio) -> str:
    if not text:
        return ""
    voice, mp3 = speaker.speak(text)
    name = media_name(entry, role, voice, text)
    audio.media[name] = mp3
    return name
