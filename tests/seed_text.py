"""The seed article's sentences and the spans of words in them, for tests that quote the real text."""

from __future__ import annotations

from conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def seed_sentence(start: str) -> str:
    """The sentence of the seed text that begins with `start`."""
    begin = SEED_TEXT.index(start)
    ends = [i for i in (SEED_TEXT.find(mark, begin) for mark in (". ", ".\n")) if i >= 0]
    return SEED_TEXT[begin : min(ends) + 1]


def word_spans(text: str, *words: str) -> list[tuple[int, int]]:
    """The character spans of `words`, found left to right in `text`."""
    spans, position = [], 0
    for word in words:
        start = text.index(word, position)
        spans.append((start, start + len(word)))
        position = start + len(word)
    return spans
