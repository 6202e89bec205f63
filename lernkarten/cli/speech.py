"""The `--audio` options of `build` and `package`, and the pronunciations they make."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from lernkarten.audio.clips import AUDIO_CHOICES
from lernkarten.audio.voices import OFFLINE, VOICES
from lernkarten.errors import LernkartenError

if TYPE_CHECKING:
    from lernkarten.audio.clips import DeckAudio
    from lernkarten.entries import Deck


def audio_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a command with `--audio [words|sentences]` and `--audio-voice`."""
    command = click.option(
        "--audio-voice", type=click.Choice(VOICES, case_sensitive=False), default=OFFLINE, show_default=True,
        help="google: Google's natural voice, online (each text is sent to Google); eSpeak NG speaks "
             "whatever it cannot.")(command)
    return click.option(
        "--audio", type=click.Choice(AUDIO_CHOICES), is_flag=False, flag_value="words", default=None,
        help="Put pronunciations on the cards: of each word (--audio, --audio words), or of the word "
             "and its example sentence (--audio sentences). Spoken offline by eSpeak NG.")(command)


class Pronunciations:
    """One run's speech: one cache, one time budget and at most one warning for all its decks."""

    def __init__(self, audio: str, voice: str) -> None:
        from rich.console import Console

        # deferred: read only when this runs (start-up time)
        from lernkarten.audio.cache import SpeechCache
        from lernkarten.audio.voices import Speaker, make_voice

        self.sentences = audio == "sentences"
        self.console = Console(stderr=True)
        # deferred: read only when this runs (start-up time)
        from lernkarten.audio.espeak import load_engine

        try:
            self.speaker = Speaker(make_voice(voice), cache=SpeechCache())
            load_engine()  # eSpeak NG speaks whatever the online voice does not
        except LernkartenError as exc:
            raise click.ClickException(str(exc)) from None

    def of(self, deck: Deck) -> DeckAudio:
        """The deck's sound files (`DeckAudio`), with a progress bar; a voice's warning shown as it happens."""
        from rich.markup import escape

        # deferred: read only when this runs (start-up time)
        from lernkarten.audio.clips import deck_audio
        from lernkarten.cli.progress import analysis_progress

        shown = len(self.speaker.warnings)
        try:
            with analysis_progress(label="Speaking", unit="words") as advance:
                sounds = deck_audio(deck, sentences=self.sentences, speaker=self.speaker, progress=advance)
        except LernkartenError as exc:
            raise click.ClickException(str(exc)) from None
        for warning in self.speaker.warnings[shown:]:
            self.console.print(f"[yellow]Warning:[/yellow] {escape(warning)}", highlight=False)
        return sounds
