"""Multi-word expressions."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from lernkarten.analysis import extensions


@Language.factory("lernkarten_expressions")
def make_expression_finder(nlp: Language, name: str) -> "ExpressionFinder":
    extensions.register()
    return ExpressionFinder()


class ExpressionFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.expressions = []
        return doc
