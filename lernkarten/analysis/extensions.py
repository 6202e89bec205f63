"""What the analysis adds to spaCy's Doc and Token for the learner.

spaCy's own attributes stay as a treebank has them (`teilte`: lemma `teilen`, the particle
`mit` its own token), so that standard evaluations and trained pipelines keep working. What
a learner learns goes on these extensions:

- `Token._.entry_lemma`: the learner's lemma when it differs from `lemma_`: `mitteilen` on
  `teilte` (and on its particle), `sich beteiligen` on `beteiligt`; None otherwise.
- `Token._.particle`: on a verb, the index of its separable particle; `Token._.particle_verb`:
  on the particle, the index of its verb.
- `Token._.reflexive`: on a verb, the index of the `sich` that belongs to it.
- `Token._.is_name`: a proper name (person, place, organisation), also when tagged NN.
- `Token._.nominalised`: "ADJ" for an adjective used as a noun (`die Verbündeten`, `das Gute`:
  declined like an adjective), "VERB" for an infinitive used as one (`das Eingreifen`).
- `Doc._.expressions`: the multi-word expressions found (`Expression` records).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token



@dataclass(frozen=True)
class Expression:
    """A multi-word expression seen in a Doc: `den Ausschlag geben` in "den Ausschlag für X gab"."""

    lemma: str                 # the expression as a dictionary lists it: "den Ausschlag geben"
    tokens: tuple[int, ...]    # document indices of the words that make it, in text order


def register() -> None:
    """Declare the extensions (once per process; spaCy keeps them globally)."""
    # deferred: spaCy loads only when a pipeline is built (start-up time of the stages that read these modules)
    from spacy.tokens import Doc, Token

    for name in ("entry_lemma", "particle", "particle_verb", "reflexive", "nominalised"):
        if not Token.has_extension(name):
            Token.set_extension(name, default=None)
    if not Token.has_extension("is_name"):
        Token.set_extension("is_name", default=False)
    if not Doc.has_extension("expressions"):
        Doc.set_extension("expressions", default=None)


def learner_lemma(token: Token) -> str:
    """The lemma a learner learns for `token`: its entry lemma if it has one, else its lemma."""
    return token._.entry_lemma or token.lemma_
