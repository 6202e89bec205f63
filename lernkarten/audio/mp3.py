"""PCM to MP3 with lameenc, whose wheel carries the LAME encoder itself.

MP3 rather than Ogg/Opus: every Anki plays it (AnkiMobile on iOS does not play Ogg), the
online voice sends MP3 too, and at 32 kbit/s mono a word costs about 3 kB.
"""

from __future__ import annotations

from lernkarten.audio.espeak import Speech
from lernkarten.errors import LernkartenError

#: kbit/s. Lower rates make LAME cut the high frequencies where German's s, sch and ch live.
BIT_RATE = 32


def encode_mp3(speech: Speech) -> bytes:
    """The speech as an MP3 file's bytes."""
    try:
        import lameenc
    except ImportError:
        raise LernkartenError("speech needs the lameenc package: pip install lameenc") from None
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(speech.rate)
    encoder.set_channels(1)
    encoder.set_quality(2)
    return bytes(encoder.encode(speech.pcm) + encoder.flush())


def looks_like_mp3(data: bytes) -> bool:
    """Whether `data` starts as an MP3 file does: an ID3 tag or an MPEG audio frame sync."""
    return data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0)
