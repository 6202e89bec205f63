"""Building the spaCy pipeline once per process: HanTa by default, a trained model on request.

Default (offline, nothing to download): `spacy.blank("de")`, a sentencizer that also ends a
sentence at a line break (headlines have no full stop), the HanTa tagger, then the learner's
components. With `model="de_core_news_sm"` (or md/lg, if installed) the trained pipeline
tags, lemmatises and parses instead, and the same learner components run after it.
"""

from __future__ import annotations

import threading

from spacy.language import Language
from spacy.tokens import Doc

from lernkarten.errors import LernkartenError

#: the name that selects the built-in HanTa pipeline
DEFAULT_MODEL = "hanta"

#: the components that turn tagged tokens into what a learner learns, in order
LEARNER_COMPONENTS = ("lernkarten_names", "lernkarten_lemmas", "lernkarten_verbs", "lernkarten_expressions")

#: each component's name -> the module and function that make it. They are registered with
#: spaCy here, when a pipeline is built, not when their modules are imported: the vocabulary
#: stage reads the name and lemma rules of those modules without loading spaCy at all
FACTORIES = {
    "lernkarten_hanta": ("lernkarten.analysis.hanta_component", "make_hanta_tagger"),
    "lernkarten_names": ("lernkarten.analysis.names", "make_name_finder"),
    "lernkarten_lemmas": ("lernkarten.analysis.lemmas", "make_lemma_checker"),
    "lernkarten_verbs": ("lernkarten.analysis.verbs", "make_verb_joiner"),
    "lernkarten_expressions": ("lernkarten.analysis.expression_matcher", "make_expression_finder"),
}

_pipelines: dict[str, Language] = {}
_lock = threading.Lock()


def load_nlp(model: str | None = None) -> Language:
    """The pipeline for `model` (None: the built-in HanTa one), built on first use and then reused."""
    name = model or DEFAULT_MODEL
    with _lock:
        nlp = _pipelines.get(name)
        if nlp is None:
            nlp = _pipelines[name] = _build(name)
    return nlp


def _build(name: str) -> Language:
    import importlib

    for component, (module, function) in FACTORIES.items():
        if not Language.has_factory(component):
            Language.factory(component, func=getattr(importlib.import_module(module), function))
    if name == DEFAULT_MODEL:
        nlp = _hanta_pipeline()
    else:
        nlp = _trained_pipeline(name)
    for component in LEARNER_COMPONENTS:
        nlp.add_pipe(component)
    _load_tables(nlp)
    return nlp


def _load_tables(nlp: Language) -> None:
    """Open every table the components read (tagger model, noun table, word frequencies,
    reflexive and one-word verbs, expressions) now, so that the first text is not the one to wait for them."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis.lemmas import _table
    from lernkarten.lexicon.frequency import german_table
    from lernkarten.lexicon.headwords import dictionary_verbs
    from lernkarten.lexicon.reflexive_verbs import reflexive_verbs

    _table()
    german_table()  # on disk, read word by word: the whole table in memory would cost 80 MB
    reflexive_verbs()
    dictionary_verbs()
    nlp("Die Regierung lehnte den Vorschlag ab und beteiligt sich nicht.")


def _hanta_pipeline() -> Language:
    import spacy

    nlp = spacy.blank("de")
    _split_dashes(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lernkarten_line_breaks")
    nlp.add_pipe("lernkarten_hanta")
    return nlp


def _trained_pipeline(name: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise LernkartenError(
            f"spaCy model '{name}' is not installed; install it with `python -m spacy download {name}`, "
            f"or leave the model out to use the built-in tagger"
        ) from None
    if nlp.lang != "de":
        raise LernkartenError(f"spaCy model '{name}' is for language '{nlp.lang}', not German")
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def _split_dashes(nlp: Language) -> None:
    """Split words joined by a dash (`Premiere—und`), which the German tokenizer keeps as one."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or []) + [r"(?<=\w)[\u2013\u2014](?=\w)"]
    # the German pipeline's tokenizer is a Tokenizer (it has infix_finditer), not any callable
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


@Language.component("lernkarten_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break: titles and headlines end without a full stop."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
