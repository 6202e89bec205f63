"""lernkarten: German texts in, flashcards for English-speaking learners out.

The library's face is small; each stage lives in its own module:
`sources` (read texts), `analysis` (spaCy + HanTa), `vocabulary` (what is worth learning),
`glossing` (English glosses and grammar), `packaging` (Anki decks), `quiz` (FSRS sessions).

A script builds a deck in three lines::

    import lernkarten
    built = lernkarten.build_decks(["article.txt"], lernkarten.Options(level="B1"))
    lernkarten.write_deck(built.decks[0], "decks/article.apkg")

The names below are loaded on first use, so `import lernkarten` (and the quiz, which
needs none of the language models) starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lernkarten.version import __version__

_EXPORTS = {
    "build_decks": "lernkarten.pipeline",
    "extract_entries": "lernkarten.pipeline",
    "Build": "lernkarten.pipeline",
    "Extraction": "lernkarten.pipeline",
    "Options": "lernkarten.pipeline",
    "write_deck": "lernkarten.packaging.rebuild",
    "package_deck_json": "lernkarten.packaging.rebuild",
    "read_deck_json": "lernkarten.packaging.deckjson",
    "write_apkg": "lernkarten.packaging.apkg",
    "Deck": "lernkarten.entries",
    "Entry": "lernkarten.entries",
    "Source": "lernkarten.entries",
    "LernkartenError": "lernkarten.errors",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    from lernkarten.entries import Deck, Entry, Source
    from lernkarten.errors import LernkartenError
    from lernkarten.packaging.apkg import write_apkg
    from lernkarten.packaging.deckjson import read_deck_json
    from lernkarten.packaging.rebuild import package_deck_json, write_deck
    from lernkarten.pipeline import Build, Extraction, Options, build_decks, extract_entries


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'lernkarten' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value
