"""Where lernkarten keeps its caches and the learner's progress on this machine.

Environment variables move them (tests and several profiles need that):
`LERNKARTEN_CACHE_DIR` for rebuildable indexes and caches, `LERNKARTEN_DATA_DIR` for what
must never be lost (quiz progress, known words).
"""

from __future__ import annotations

import os
from pathlib import Path

from lernkarten.errors import LernkartenError


def cache_dir() -> Path:
    """The folder for indexes that can be rebuilt at any time (dictionary, noun table, analysis cache)."""
    return _folder("LERNKARTEN_CACHE_DIR", "user_cache_dir")


def data_dir() -> Path:
    """The folder for the learner's own data: quiz progress and known words."""
    return _folder("LERNKARTEN_DATA_DIR", "user_data_dir")


def _folder(variable: str, platform_kind: str) -> Path:
    override = os.environ.get(variable)
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(getattr(platformdirs, platform_kind)("lernkarten", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LernkartenError(f"cannot use the folder {path} ({exc.strerror or exc}); "
                              f"set {variable} to another folder") from None
    return path
