"""Speech already made, one MP3 file per voice and text in the cache folder.

A rebuild then synthesises nothing and asks no service again, and the file it packages is
the very one it packaged before (eSpeak NG's output differs by a few samples from run to run).
Deleting the folder loses nothing but time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lernkarten.caches import CACHES
from lernkarten.errors import LernkartenError
from lernkarten.fileio import write_atomic


class SpeechCache:
    """`cache.get("espeak", "das Bündnis")` -> MP3 bytes or None; `put` stores them."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            folder = CACHES["speech"].path()
        self.folder = folder

    def _path(self, voice: str, text: str) -> Path:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
        return self.folder / voice / f"{digest}.mp3"

    def get(self, voice: str, text: str) -> bytes | None:
        try:
            return self._path(voice, text).read_bytes() or None
        except OSError:
            return None

    def put(self, voice: str, text: str, mp3: bytes) -> None:
        path = self._path(voice, text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, mp3)
        except (OSError, LernkartenError):  # an unwritable cache costs time on the next build, not this one
            pass
