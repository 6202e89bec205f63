"""Separable particles re-attached to their verbs, and reflexive verbs."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from lernkarten.analysis import extensions


@Language.factory("lernkarten_verbs")
def make_verb_joiner(nlp: Language, name: str) -> "VerbJoiner":
    extensions.register()
    return VerbJoiner()


class VerbJoiner:
    def __call__(self, doc: Doc) -> Doc:
        return doc
