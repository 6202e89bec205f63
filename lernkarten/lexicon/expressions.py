"""Common German multi-word expressions a reader of news meets, and their English.

The list is data (`data/expressions.txt`, one `German = English` a line; its header says how
the analysis matches a line). Dictionaries list few of these expressions as such, and with no
sentence around them their senses are a guess ("im Großen und Ganzen": "much"); an expression
the analysis finds is taught with the English written in the list (`expression_glosses`).
wordfreq knows single words only, so an expression's commonness is what the list says of it
(`expression_level`): the few a learner knows early are marked, the rest count as unknown.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

#: the list, shipped inside the package
EXPRESSIONS_FILE = Path(__file__).resolve().parent / "data" / "expressions.txt"


def expression_lines() -> list[str]:
    """The expressions, without comments, blank lines and English, each once."""
    return list(_parsed())


def expression_glosses() -> Mapping[str, tuple[str, ...]]:
    """Each expression's English glosses, most common sense first."""
    return MappingProxyType(_parsed())


def expression_level(expression: str) -> str | None:
    """The level by whose end a learner knows `expression` ("A2" for `immer wieder`), or None
    for one the list does not mark: unknown, however common its words."""
    return _levels().get(expression)


@functools.lru_cache(maxsize=1)
def _parsed() -> dict[str, tuple[str, ...]]:
    return {german: glosses for german, (glosses, _) in _read().items()}


@functools.lru_cache(maxsize=1)
def _levels() -> dict[str, str]:
    return {german: level for german, (_, level) in _read().items() if level}


@functools.lru_cache(maxsize=1)
def _read() -> dict[str, tuple[tuple[str, ...], str]]:
    parsed: dict[str, tuple[tuple[str, ...], str]] = {}
    for line in EXPRESSIONS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        german, _, rest = line.partition(" = ")
        english, _, level = rest.partition(" = ")
        glosses = tuple(g.strip() for g in english.split(";") if g.strip())
        parsed.setdefault(german.strip(), (glosses, level.strip()))
    return parsed
