"""Clauses without a parser: the stretches between commas and other clause punctuation.

German puts the finite verb of a main clause second and its separable particle last; a
subordinate clause (introduced by `dass`, `weil`, a relative pronoun, ...) puts its verb last.
Rules that pair words across a sentence (a particle and its verb, `sich` and its verb, an
auxiliary and its participle) must not reach into another clause; these stretches, and
whether each one is subordinate, are what they need.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


#: STTS tags that end a clause stretch: comma, sentence punctuation (also : and ;), brackets and dashes
BOUNDARY_TAGS = frozenset({"$,", "$.", "$("})

#: quote and bracket characters that do not end a clause when they stand inside a word group
_NON_BOUNDARY = frozenset({"'", "/"})

#: tags that open a subordinate clause
SUBORDINATORS = frozenset({"KOUS", "KOUI", "PRELS", "PRELAT", "PWS", "PWAV", "PWAT"})


def is_boundary(token: Token) -> bool:
    """True for a comma, full stop, colon, bracket, quote or dash: where a clause can end."""
    return token.tag_ in BOUNDARY_TAGS and token.text not in _NON_BOUNDARY or token.is_space


def stretches(tokens: Sequence[Token]) -> list[range]:
    """The index ranges of `tokens` between clause punctuation (punctuation itself left out)."""
    found = []
    start = 0
    for index, token in enumerate(tokens):
        if is_boundary(token):
            if index > start:
                found.append(range(start, index))
            start = index + 1
    if start < len(tokens):
        found.append(range(start, len(tokens)))
    return found


def clause_of(tokens: Sequence[Token], index: int, commas_only: bool = False) -> list[Token]:
    """The tokens of the stretch that holds `tokens[index]`.

    With `commas_only`, quotes, brackets and dashes do not end the stretch: they more often
    enclose a few words (`im Hotel "Ladenmühle" verbracht`) than separate clauses.
    """
    ends = _ends_commas_only if commas_only else is_boundary
    start = index
    while start > 0 and not ends(tokens[start - 1]):
        start -= 1
    end = index
    while end + 1 < len(tokens) and not ends(tokens[end + 1]):
        end += 1
    return list(tokens[start:end + 1])


def _ends_commas_only(token: Token) -> bool:
    return token.tag_ in ("$,", "$.")


def is_subordinate(tokens: Sequence[Token], stretch: range) -> bool:
    """True when the stretch opens like a subordinate clause: `dass ...`, `die ...`, `in dem ...`."""
    first = tokens[stretch.start]
    if first.tag_ in SUBORDINATORS:
        return True
    if first.tag_ in ("APPR", "APPRART") and len(stretch) > 1:
        return tokens[stretch.start + 1].tag_ in ("PRELS", "PRELAT", "PWS", "PWAV")
    return False
