"""The learnable units of an analysed Doc, one `Occurrence` per time each is seen.

A unit is what a learner learns: a word by its learner's lemma (`mitteilen` for
`teilte ... mit`, with the particle's position in its spans; `sich beteiligen` for
`beteiligt sich`), or a multi-word expression (`den Ausschlag geben`). A verb, adjective or
adverb inside an expression is learned with it, not on its own (`claimed_words`): "heißt" of
"heißt es" does not mean "to mean". Punctuation, numbers and symbols are left out;
separable particles are part of their verb.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Token

from lernkarten.analysis.occurrences import Occurrence
from lernkarten.analysis.stts import DETERMINER_TAGS
from lernkarten.lexicon.expressions import expression_level
from lernkarten.lexicon.prepositions import FUSED_ARTICLES

_SKIPPED_POS = frozenset({"PUNCT", "SPACE", "NUM", "SYM"})

#: parts of speech a learner does not learn from a word list (function words)
FUNCTION_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "INTJ"})

#: a preposition fused with an article -> that article: "im Dunkeln" governs like "in dem"
_FUSED_ARTICLES = {fused: article for fused, (_, article) in FUSED_ARTICLES.items()}

#: tags of the words that may stand between a determiner and its noun: "der [sehr] kasachische Präsident"
_NOUN_PHRASE_INNER = frozenset({"ADJA", "ADJD", "ADV", "CARD", "PIAT", "PIDAT", "PTKA", "TRUNC", "KON", "$,"})


def occurrences(doc: Doc) -> list[Occurrence]:
    """Every learnable unit in `doc`, in text order (an expression after the words it starts with)."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis import extensions

    extensions.register()
    found: list[Occurrence] = []
    expressions_by_start: dict[int, list] = {}
    for expression in doc._.expressions or ():
        expressions_by_start.setdefault(expression.tokens[0], []).append(expression)
    claimed = claimed_words(doc, doc._.expressions or ())
    sentence_index = 0
    whole = doc.text  # spaCy joins every token's text again at each `doc.text`: once, not once a sentence
    for sentence in doc.sents:
        words = [token for token in sentence if not token.is_space]
        if not words:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        text = whole[start:end]
        for token in words:
            unit = None if token.i in claimed else _word_unit(doc, token, text, start, sentence_index)
            if unit is not None:
                found.append(unit)
            for expression in expressions_by_start.get(token.i, ()):
                found.append(_expression_unit(doc, expression, text, start, sentence_index))
        sentence_index += 1
    return found


def claimed_words(doc: Doc, expressions) -> set[int]:  # type: ignore[no-untyped-def]
    """The tokens whose words are learned as part of an expression rather than on their own.

    Every word of an expression but its nouns: its verbs, adjectives and adverbs have the
    phrase's sense in it, seldom their own ("heißt es", "es handelt sich um", "Schritte
    ergreifen", "für Empörung sorgen", "eine härtere Gangart"); the rest are function words,
    never cards. Its nouns stay words of their own as well: most keep their sense in it ("eine
    Koalition bilden", "auf Kritik stoßen", "vor Gericht"). Nor does an expression a learner
    knows early (`je ... desto`, `von außen`: marked with a level in the list) claim its words:
    the deck leaves such an expression out, so its words are all it has of it.
    """
    return {i for expression in expressions if expression_level(expression.lemma) is None
            for i in expression.tokens if doc[i].pos_ not in ("NOUN", "PROPN")}


def _word_unit(doc: Doc, token: Token, sentence: str, offset: int, index: int) -> Occurrence | None:
    if token.pos_ in _SKIPPED_POS or token.is_punct or token.like_num and token.pos_ != "NOUN":
        return None
    if token._.particle_verb is not None:
        return None  # the particle is learned with its verb
    parts = [token]
    if token._.reflexive is not None:
        parts.append(doc[token._.reflexive])
    if token._.particle is not None:
        parts.append(doc[token._.particle])
    parts.sort(key=lambda t: t.i)
    lemma = token._.entry_lemma or token.lemma_
    pos = token.pos_
    return Occurrence(
        lemma=lemma,
        pos=pos,
        form=_form(parts),
        sentence=sentence,
        spans=tuple((t.idx - offset, t.idx - offset + len(t.text)) for t in parts),
        sentence_index=index,
        tag=token.tag_,
        morph=str(token.morph),
        article=governing_article(token) if pos in ("NOUN", "PROPN") else "",
        is_name=bool(token._.is_name),
        is_function_word=pos in FUNCTION_POS,
    )


def _expression_unit(doc: Doc, expression, sentence: str, offset: int, index: int) -> Occurrence:
    parts = [doc[i] for i in expression.tokens]
    head = parts[-1]
    return Occurrence(
        lemma=expression.lemma,
        pos="EXPR",
        form=_form(parts),
        sentence=sentence,
        spans=tuple((t.idx - offset, t.idx - offset + len(t.text)) for t in parts),
        sentence_index=index,
        tag=head.tag_,
        morph="",
    )


def _form(parts: list[Token]) -> str:
    """The words as written, with " ... " where other words come between: "teilte ... mit"."""
    pieces = [parts[0].text]
    for before, after in pairwise(parts):
        pieces.append(" " if after.i == before.i + 1 else " ... ")
        pieces.append(after.text)
    return "".join(pieces)


def governing_article(noun: Token) -> str:
    """The determiner of a noun's phrase, as written in lower case ("den", "einem"), or ""."""
    doc = noun.doc
    i = noun.i - 1
    while i >= 0 and noun.i - i <= 6:
        token = doc[i]
        if token.tag_ in DETERMINER_TAGS:
            return token.text.lower()
        if token.tag_ == "APPRART":
            return _FUSED_ARTICLES.get(token.text.lower(), "")
        if token.tag_ not in _NOUN_PHRASE_INNER or token.is_sent_start:
            return ""
        i -= 1
    return ""
