"""Common German multi-word expressions a reader of news meets, and their English.

The list is data (`data/expressions.txt`, one `German = English` a line; its header says how
the analysis matches a line). Dictionaries list few of these expressions as such, and with no
sentence around them their senses are a guess ("im Großen und Ganzen": "much"); an expression
the analysis finds is taught with the English written in the list (`expression_glosses`).
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


@functools.lru_cache(maxsize=1)
def _parsed() -> dict[str, tuple[str, ...]]:
    parsed: dict[str, tuple[str, ...]] = {}
    for line in EXPRESSIONS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        german, _, english = line.partition(" = ")
        glosses = tuple(g.strip() for g in english.split(";") if g.strip())
        parsed.setdefault(german.strip(), glosses)
    return parsed
