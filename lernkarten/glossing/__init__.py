"""The glossing stage: English glosses for the sense a text uses, and the grammar a card shows.

    from lernkarten.glossing import gloss_entries, lookup_word
    result = gloss_entries(entries)             # offline, from the Ding list shipped inside
    result.entries, result.unglossed, result.warnings
    lookup_word("Bündnis")                      # what the tool knows of one word

Offline by default (Ding German-English, GPL-2.0-or-later; german-nouns, CC BY-SA; ablaut);
online translators only when asked for (`translator="google"`, "deepl", "mymemory"). This
module stays light: the work is imported when a function is called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lernkarten.entries import Entry
    from lernkarten.glossing.stage import GlossResult
    from lernkarten.glossing.word import WordInfo

__all__ = ["GlossResult", "WordInfo", "gloss_entries", "lookup_word"]


def gloss_entries(entries: list[Entry], *, translator: Any = None, timeout: float = 10, budget: float = 120,
                  progress: bool | Callable[[int, int], None] = False) -> GlossResult:
    """Gloss entries: 1-3 glosses for the sense of their text, grammar, notes, what is uncertain.

    `translator` is None (offline), a service name ("google", "deepl", "mymemory") or any object
    with `translate(text) -> str`; `timeout` bounds each request, `budget` all of them (seconds).
    Entries with no gloss come back in `.unglossed`, not in `.entries`.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.stage import gloss_entries as gloss

    return gloss(entries, translator=translator, timeout=timeout, budget=budget, progress=progress)


def lookup_word(word: str, *, progress: bool = False) -> WordInfo:
    """What the tool knows of one word, in any form: its readings, glosses, gender, plural, verb parts."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.word import lookup_word as lookup

    return lookup(word, progress=progress)


def __getattr__(name: str) -> Any:
    if name == "GlossResult":
        # deferred: read only when this runs (start-up time)
        from lernkarten.glossing.stage import GlossResult

        return GlossResult
    if name == "WordInfo":
        # deferred: read only when this runs (start-up time)
        from lernkarten.glossing.word import WordInfo

        return WordInfo
    raise AttributeError(name)
