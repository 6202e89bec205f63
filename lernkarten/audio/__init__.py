"""Pronunciations on cards: German speech made offline (eSpeak NG) or, when asked, online (gTTS).

`deck_audio` gives each entry's sound files and the `[sound:...]` values of its notes'
spare fields; the packaging stage puts both into the .apkg. Nothing here is imported unless
a deck is built with audio or the quiz plays a word.
"""

from lernkarten.audio.clips import DeckAudio, NoteAudio, deck_audio

__all__ = ["DeckAudio", "NoteAudio", "deck_audio"]
