"""The terminal quiz: lernkarten decks studied with FSRS, progress kept in SQLite.

`cards` reads decks (`.apkg` or `.json`) into `QuizCard`s, `session` decides what comes
next, `answers` judges typed answers, `scheduler` wraps FSRS, `store` keeps progress,
`stats` sums it up, and `terminal` is the keyboard-and-rich front end. Everything here is
light to import: the quiz must show its first card fast.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "QuizCard": "lernkarten.quiz.cards",
    "read_decks": "lernkarten.quiz.cards",
    "select_cards": "lernkarten.quiz.cards",
    "Session": "lernkarten.quiz.session",
    "Scheduler": "lernkarten.quiz.scheduler",
    "Store": "lernkarten.quiz.store",
    "Quiz": "lernkarten.quiz.terminal",
    "progress_report": "lernkarten.quiz.stats",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lernkarten.quiz' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
