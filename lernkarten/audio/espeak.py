"""eSpeak NG through ctypes: German speech from the library and voice data `espeakng-loader` ships.

The wheel holds libespeak-ng and its `espeak-ng-data` (German included), so `pip install`
is all a learner needs: no program on PATH, nothing downloaded. eSpeak NG is a formant
synthesiser: robotic, but clear and the same on every machine. The library keeps global
state and is not thread-safe, so one lock guards it and it is initialised once a process.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass

from lernkarten.errors import LernkartenError

_AUDIO_OUTPUT_SYNCHRONOUS = 2     # espeak_AUDIO_OUTPUT: synthesise into our callback, return when done
_POS_CHARACTER = 1                # espeak_POSITION_TYPE
_CHARS_UTF8 = 1                   # espeakCHARS_UTF8
_RATE = 1                         # espeak_PARAMETER: words per minute
#: Slower than eSpeak's 175 words a minute: the learner hears each sound of a new word.
WORDS_PER_MINUTE = 150

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


@dataclass(frozen=True)
class Speech:
    """Mono 16-bit PCM (little-endian, as the machine's shorts) at `rate` samples a second."""

    pcm: bytes
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate


class _Engine:
    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError:
            raise LernkartenError("speech needs the espeakng-loader package: pip install espeakng-loader") from None
        try:
            self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as exc:
            raise LernkartenError(f"cannot load eSpeak NG from espeakng-loader ({exc})") from None
        self.lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        self.lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        self.lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                          ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        self.rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode(), 0)
        if self.rate <= 0:
            raise LernkartenError(f"eSpeak NG did not start (data folder {data})")
        if self.lib.espeak_SetVoiceByName(b"de") != 0:
            raise LernkartenError("eSpeak NG has no German voice in this espeakng-loader")
        self.lib.espeak_SetParameter(_RATE, WORDS_PER_MINUTE, 0)
        self.chunks: list[bytes] = []
        # kept on self: a callback collected by Python while C holds it would crash the process
        self.callback = _CALLBACK(self._collect)
        self.lib.espeak_SetSynthCallback(self.callback)

    def _collect(self, wav, samples, events):  # type: ignore[no-untyped-def]
        if samples > 0:
            self.chunks.append(ctypes.string_at(wav, samples * 2))
        return 0

    def say(self, text: str) -> Speech:
        self.chunks = []
        data = text.encode("utf-8") + b"\0"
        status = self.lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        if status != 0:
            raise LernkartenError(f"eSpeak NG could not speak {text!r} (error {status})")
        return Speech(b"".join(self.chunks), self.rate)


_engine: _Engine | None = None
_lock = threading.Lock()


def load_engine() -> None:
    """Start eSpeak NG now: a broken install is then reported before any long work."""
    global _engine
    with _lock:
        if _engine is None:
            _engine = _Engine()


def speak(text: str) -> Speech:
    """German speech of `text` from eSpeak NG; LernkartenError when the library cannot be used."""
    load_engine()
    assert _engine is not None
    with _lock:
        return _engine.say(text)
