"""What the analysis stage hands to the vocabulary stage: one learnable unit seen once.

A unit is a word as a learner learns it (`mitteilen` for `teilte ... mit`, `sich beteiligen`,
`Streitkräfte`) or a multi-word expression (`den Ausschlag geben`). The vocabulary stage
counts and ranks them and turns them into `Entry` records.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a learnable unit in a sentence of the text."""

    lemma: str                            # the learner's lemma
    pos: str                              # UPOS of the unit (NOUN, VERB, ADJ, ADV, PROPN, NUM, ...) or "EXPR"
    form: str                             # as written: "Streitkräften", "teilte ... mit"
    sentence: str                         # the sentence's text
    spans: tuple[tuple[int, int], ...]    # character offsets of the unit's words within `sentence`
    sentence_index: int                   # position of the sentence in the document
    tag: str = ""                         # STTS tag of the head word
    morph: str = ""                       # spaCy morph string of the head word: "Gender=Fem|Number=Plur"
    article: str = ""                     # a determiner directly governing a noun: "der", "den", "einem"
    is_name: bool = False                 # a proper name: person, place, organisation
    is_function_word: bool = False        # article, pronoun, conjunction, auxiliary, ...

    def to_dict(self) -> dict[str, object]:
        """The fields by name, as `dataclasses.asdict` gives them (the analysis cache holds them
        as JSON), at a fifth of its cost: every field is text, a number, a flag or the spans."""
        return {name: getattr(self, name) for name in _FIELDS}


_FIELDS = tuple(field.name for field in fields(Occurrence))
