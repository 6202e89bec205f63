"""The analysis stage: German text -> a spaCy Doc -> the learnable units it holds.

`load_nlp()` builds the pipeline (HanTa by default, a trained spaCy model on request) once per
process; `occurrences(doc)` lists what a learner could learn from the analysed text. Both
import spaCy only when called, so that importing this package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lernkarten.analysis.occurrences import Occurrence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Occurrence", "load_nlp", "occurrences"]


def load_nlp(model: str | None = None) -> Language:
    """The spaCy pipeline for `model` (None: built-in HanTa), built on first use, then shared."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis.spacy_pipeline import load_nlp as load

    return load(model)


def occurrences(doc: Doc) -> list[Occurrence]:
    """Every learnable unit the analysed `doc` holds, one per occurrence, in text order."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis.units import occurrences as find

    return find(doc)
