"""The voices a deck can speak with, and the rules for the online one.

eSpeak NG (`espeak`) is always there. Google's voice (`google`, through gTTS) sounds natural
but sends each text to Google, so it is used only when asked, under the translators' rules
(`glossing/online.py`): each request under a deadline, all of them under a budget, the first
failure gives one warning and the rest of the run speaks offline, and nothing is asked twice
(`SpeechCache`). A text the online voice could not speak gets eSpeak's pronunciation.
"""

from __future__ import annotations

import importlib.util
import io
import time
from collections.abc import Callable
from typing import Protocol

from lernkarten.audio.cache import SpeechCache
from lernkarten.errors import LernkartenError

OFFLINE = "espeak"
VOICES = (OFFLINE, "google")


class Voice(Protocol):
    """Anything that speaks German text as MP3 bytes."""

    name: str

    def mp3(self, text: str) -> bytes: ...


class EspeakVoice:
    """eSpeak NG, offline."""

    name = OFFLINE

    def mp3(self, text: str) -> bytes:
        # deferred: read only when this runs (start-up time)
        from lernkarten.audio.espeak import speak
        from lernkarten.audio.mp3 import encode_mp3

        return encode_mp3(speak(text))


class GoogleVoice:
    """Google Translate's German voice through gTTS (online)."""

    name = "google"

    def __init__(self, timeout: float = 10) -> None:
        self.timeout = timeout

    def mp3(self, text: str) -> bytes:
        from gtts import gTTS

        buffer = io.BytesIO()
        gTTS(text, lang="de", timeout=self.timeout).write_to_fp(buffer)
        return buffer.getvalue()


def make_voice(name: str) -> Voice:
    """The voice of a name; LernkartenError for one this code does not know."""
    name = name.lower()
    if name == OFFLINE:
        return EspeakVoice()
    if name == "google":
        if importlib.util.find_spec("gtts") is None:
            # gTTS caps click below the version lernkarten needs, so it is an extra, not a dependency
            raise LernkartenError("--audio-voice google needs gTTS, which is not installed: pip install gTTS")
        return GoogleVoice()
    raise LernkartenError(f"unknown voice {name!r}; choose one of {', '.join(VOICES)}")


class Speaker:
    """Speech for one run: cached, online when asked and while it works, eSpeak NG otherwise."""

    def __init__(self, voice: Voice | None = None, *, cache: SpeechCache | None = None, timeout: float = 10,
                 budget: float = 120, clock: Callable[[], float] = time.monotonic) -> None:
        self.offline = EspeakVoice()
        self.online = voice if voice is not None and voice.name != OFFLINE else None
        self.cache = cache
        self.timeout, self.budget, self.clock = timeout, budget, clock
        self.spent = 0.0
        self.stopped = False
        self.synthesised = 0
        self.warnings: list[str] = []

    def speak(self, text: str) -> tuple[str, bytes]:
        """(the voice that spoke, MP3 bytes) of `text`: the online voice's when it answered."""
        if self.online is not None:
            mp3 = self._cached(self.online.name, text) or self._ask_online(text)
            if mp3 is not None:
                return self.online.name, mp3
        mp3 = self._cached(OFFLINE, text)
        if mp3 is None:
            mp3 = self.offline.mp3(text)
            self.synthesised += 1
            self._store(OFFLINE, text, mp3)
        return OFFLINE, mp3

    def _cached(self, voice: str, text: str) -> bytes | None:
        return self.cache.get(voice, text) if self.cache is not None else None

    def _store(self, voice: str, text: str, mp3: bytes) -> None:
        if self.cache is not None:
            self.cache.put(voice, text, mp3)

    def _ask_online(self, text: str) -> bytes | None:
        # deferred: read only when this runs (start-up time)
        from lernkarten.audio.mp3 import looks_like_mp3
        from lernkarten.glossing.online import call_with_deadline, describe_failure

        assert self.online is not None
        if self.stopped:
            return None
        display = f"the {self.online.name} voice"
        remaining = self.budget - self.spent
        if remaining <= 0:
            self._stop(f"{display} used up its time budget of {self.budget:g} s; the rest is spoken by eSpeak NG")
            return None
        limit = min(self.timeout, remaining)
        started = self.clock()
        try:
            mp3 = call_with_deadline(self.online.mp3, text, limit)
        except TimeoutError:
            what = (f"used up its time budget of {self.budget:g} s" if limit < self.timeout
                    else f"did not answer within {limit:g} s")
            self._stop(f"{display} {what}; the rest is spoken by eSpeak NG")
            return None
        except Exception as exc:  # gTTS raises requests' errors and its own: all mean "offline"
            # gTTS wraps the network's error in its own: the cause says what happened
            reason = describe_failure(exc.__cause__ or exc.__context__ or exc)
            self._stop(f"{display} is not available ({reason}); the rest is spoken by eSpeak NG")
            return None
        finally:
            self.spent += self.clock() - started
        if not isinstance(mp3, bytes) or not looks_like_mp3(mp3):
            self._stop(f"{display} sent something that is not MP3; the rest is spoken by eSpeak NG")
            return None
        self._store(self.online.name, text, mp3)
        return mp3

    def _stop(self, warning: str) -> None:
        if not self.stopped:
            self.stopped = True
            self.warnings.append(warning)
