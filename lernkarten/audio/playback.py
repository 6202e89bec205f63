"""Playing a word to the learner in the terminal quiz, where the machine can play sound.

The quiz speaks the card's German itself with eSpeak NG (a word takes milliseconds), so a
`.json` deck and an `.apkg` deck sound the same. Playing is optional and needs something
that reaches the speakers: the simpleaudio package if installed, else a player the system
has (PulseAudio's or PipeWire's, ALSA's, macOS's). With none of them, `find_player` says so.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from lernkarten.audio.espeak import Speech

#: System players that take a WAV file, in the order tried.
PLAYER_COMMANDS = ("paplay", "pw-play", "aplay", "afplay")
#: A word never takes this long: a player that hangs is given up.
PLAY_TIMEOUT = 20


@dataclass(frozen=True)
class Player:
    """How this machine plays sound: a command on PATH, or "simpleaudio"."""

    name: str
    command: str = ""

    def play(self, speech: Speech) -> bool:
        """Play `speech` to the end; False when the player failed."""
        if not self.command:
            return _play_simpleaudio(speech)
        with tempfile.TemporaryDirectory(prefix="lernkarten-sound-") as folder:
            path = Path(folder) / "word.wav"
            write_wav(speech, path)
            args = [self.command, "-q", str(path)] if self.name == "aplay" else [self.command, str(path)]
            try:
                done = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, timeout=PLAY_TIMEOUT, check=False)
            except (OSError, subprocess.TimeoutExpired):
                return False
            return done.returncode == 0


def write_wav(speech: Speech, path: Path) -> None:
    """`speech` as a mono 16-bit WAV file."""
    with wave.open(str(path), "wb") as sink:
        sink.setnchannels(1)
        sink.setsampwidth(2)
        sink.setframerate(speech.rate)
        sink.writeframes(speech.pcm)


def _play_simpleaudio(speech: Speech) -> bool:
    try:
        import simpleaudio

        simpleaudio.play_buffer(speech.pcm, 1, 2, speech.rate).wait_done()
    except Exception:  # no audio device, a broken driver: the quiz goes on silently
        return False
    return True


def find_player() -> Player | None:
    """The way this machine plays sound, or None when it has none lernkarten knows."""
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        pass
    else:
        return Player("simpleaudio")
    for name in PLAYER_COMMANDS:
        command = shutil.which(name)
        if command:
            return Player(name, command)
    return None
