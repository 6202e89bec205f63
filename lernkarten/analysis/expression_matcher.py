"""Multi-word expressions found in a text: `den Ausschlag geben`, `im Klartext`, `sowohl ... als auch`.

The expressions are written as a dictionary lists them (`lexicon/data/expressions.txt`); each becomes
a pattern matched over the words of a clause: the fixed words in their order (articles of
any case, adjectives allowed before a noun: "eine entscheidende Rolle spielen"), and a final
verb in any form anywhere in the same clause, before or after them ("spielte zwar Russland
eine entscheidende Rolle", "was den Ausschlag für die Wende gab"). What is found goes on
`Doc._.expressions`; the words keep their own occurrences too.

Freedoms of German word order and word building are allowed for, by rule rather than per expression:
- a leading indefinite article may be missing before a plural or an uncounted noun
  ("einen Beschluss fassen": "170 Beschlüsse gefasst"), but never replaced by a definite one,
  unless the verb stands before the noun as its participle ("die erhobene Forderung":
  eine Forderung erheben); a possessive may stand for the indefinite article ("ihre Konflikte
  austragen": einen Konflikt austragen), not for a definite one, which is part of the
  idiom ("seine Rede war von Pathos geprägt" is no "die Rede sein von");
- the noun of an expression with a verb may be the head of a compound ("ein Bombenanschlag
  wurde verübt": einen Anschlag verüben);
- the verb may stand in the main clause on the other side of a clause put in between, when the
  words of the expression have no verb of their own ("stellte Schickhofer, der ... studierte,
  auch in Kanada unter Beweis");
- a preposition after the final verb ("die Rede sein von", "angewiesen sein auf") may stand
  anywhere in the clause: "ist von einer Bedrohung die Rede";
- an impersonal expression cited in the third person ("es heißt") matches any form of its
  verb with its "es" anywhere in the clause: "hieß es in einer Erklärung".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from lernkarten.analysis import extensions
from lernkarten.analysis.clauses import clause_of, stretches
from lernkarten.analysis.extensions import Expression
from lernkarten.analysis.lemmas import verb_parts
from lernkarten.analysis.stts import DETERMINER_TAGS
from lernkarten.lexicon.ding_format import PLACEHOLDER_CASES
from lernkarten.lexicon.prepositions import VERB_PREPOSITIONS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

_DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des"})
_INDEFINITE = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})
_POSSESSIVE = frozenset({"sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer"})
#: objects a dictionary writes in an expression, left out of its pattern: Ding's and spelled out
_PLACEHOLDERS = frozenset(PLACEHOLDER_CASES) | {"jemandem", "jemanden", "etwas"}
#: words that may stand before a noun of a pattern without belonging to it: "um militärische Hilfe"
_INSERTABLE = frozenset({"ADJA", "ADJD", "ADV", "CARD", "PIAT", "PIDAT", "PTKA"})
_MAX_INSERTED = 3
_GAP = "..."


@dataclass(frozen=True)
class Slot:
    """One fixed word of a pattern and how a token matches it."""

    word: str
    kind: str   # "definite", "indefinite", "possessive", "noun", "word", "gap"

    def matches(self, token: Token) -> bool:
        text = token.text
        if self.kind == "definite":
            return token.tag_ in ("ART", "PDAT") and text.lower() in _DEFINITE
        if self.kind == "indefinite":
            return token.lemma_ in ("ein", "kein") and token.tag_ in ("ART", "PIAT") or token.tag_ == "PPOSAT"
        if self.kind == "possessive":
            return token.tag_ == "PPOSAT"
        if self.kind == "noun":
            lemma = token.lemma_
            return text == self.word or lemma == self.word or (
                len(lemma) >= 3 and self.word.startswith(lemma) and len(self.word) - len(lemma) <= 2)
        lowered = text.lower()
        if lowered == self.word:
            return True
        # an adjective in another ending: "grünes Licht", "freien Lauf", "einer härteren Gangart"
        lemma = token.lemma_.lower()
        if token.pos_ != "ADJ":
            return False
        return any(len(stem) >= 3 and self.word.startswith(stem) and len(self.word) - len(stem) <= 2
                   for stem in (lemma, lowered[:-1], lowered[:-2]))

    def matches_head(self, token: Token) -> bool:
        """A compound whose head is this slot's noun: "Bombenanschlag" for Anschlag."""
        return self.kind == "noun" and token.pos_ == "NOUN" and _compound_head(token.lemma_) == self.word


@dataclass(frozen=True)
class Pattern:
    """An expression made matchable: its fixed slots, its verb (or ""), whether it needs `sich`."""

    lemma: str
    slots: tuple[Slot, ...]
    verb: str
    reflexive: bool
    #: prepositions after the verb, anywhere in the clause
    trailing: tuple[str, ...] = ()
    #: the cited third-person form of an impersonal expression's verb ("heißt"), any form matching
    finite: str = ""
    #: the leading indefinite article of the listed form is left out (a bare plural)
    bare: bool = False

    @property
    def anchor(self) -> str:
        """The start of its rarest word, which a sentence must contain for the pattern to be tried."""
        for slot in self.slots:
            if slot.kind == "noun":
                return _prefix(slot.word)
        if self.verb:
            return _prefix(self.verb)
        words = [slot.word for slot in self.slots if slot.kind == "word"]
        return _prefix(max(words, key=len)) if words else ""


def _prefix(word: str) -> str:
    return word.lower()[:4]


@lru_cache(maxsize=50_000)
def _compound_head(noun: str) -> str:
    """The common noun a compound ends in ("Anschlag" for Bombenanschlag), or "" for none."""
    if len(noun) < 7 or "-" in noun:
        return ""
    # deferred: the noun table is read only when a text has a long noun
    from lernkarten.analysis.lemmas import compound_head

    split = compound_head(noun)
    return split[1][0].lemma if split is not None and split[1] else ""


def make_expression_finder(nlp: Language, name: str) -> ExpressionFinder:
    """spaCy's hook: `nlp.add_pipe("lernkarten_expressions")`."""
    extensions.register()
    return ExpressionFinder(patterns_by_anchor())


class ExpressionFinder:
    """Fills `Doc._.expressions` with the expressions of the list that the text uses.

    It holds the list's patterns it is made with (as spaCy's components hold their tables),
    read once when the pipeline is built rather than when the first text asks.
    """

    def __init__(self, by_anchor: dict[str, list[Pattern]]) -> None:
        self.by_anchor = by_anchor

    def __call__(self, doc: Doc) -> Doc:
        found: list[Expression] = []
        for sentence in doc.sents:
            tokens = [token for token in sentence if not token.is_space]
            found.extend(find_expressions(tokens, self.by_anchor))
        doc._.expressions = found
        return doc


def find_expressions(tokens: Sequence[Token], by_anchor: dict[str, list[Pattern]]) -> list[Expression]:
    """The expressions of `by_anchor` (`patterns_by_anchor()`) in one sentence; one that lies
    wholly inside a longer one is left out."""
    # where each word could start a pattern: by its first letters, or as an article
    starts: dict[str, list[int]] = {}
    for position, token in enumerate(tokens):
        keys = {_prefix(token.text), _prefix(token.lemma_)}
        if token.pos_ in ("VERB", "AUX") and token._.entry_lemma:
            keys.add(_prefix(token._.entry_lemma.removeprefix("sich ")))
        if token.pos_ == "NOUN" and (head := _compound_head(token.lemma_)):
            keys.add(_prefix(head))
        if token.tag_ in ("ART", "PDAT", "PIAT", "PPOSAT"):
            keys.update(("<definite>", "<indefinite>", "<possessive>"))
        for key in keys:
            starts.setdefault(key, []).append(position)
    candidates = [pattern for anchor in starts for pattern in by_anchor.get(anchor, ())]
    if not candidates:
        return []
    spans = stretches(tokens)
    matches: dict[tuple[int, ...], Expression] = {}
    for pattern in candidates:
        first = pattern.slots[0]
        key = f"<{first.kind}>" if first.kind in ("definite", "indefinite", "possessive") else _prefix(first.word)
        for start in starts.get(key, ()):
            if not first.matches(tokens[start]):
                continue
            if pattern.bare and _determined(tokens, start) and not _participle_before(tokens, start, pattern.verb):
                continue
            words = _match_from(tokens, start, pattern, spans)
            if words is not None:
                ids = tuple(sorted(t.i for t in words))
                matches.setdefault(ids, Expression(pattern.lemma, ids))
    kept = [m for m in matches.values()
            if not any(other is not m and set(m.tokens) < set(other.tokens) for other in matches.values())]
    return sorted(kept, key=lambda m: m.tokens)


def _match_from(tokens: Sequence[Token], start: int, pattern: Pattern, spans: list[range]) -> list[Token] | None:
    """The tokens of `pattern` matched with its first slot at `start`, or None."""
    words: list[Token] = []
    positions: list[int] = []
    position = start
    gap = False
    for number, slot in enumerate(pattern.slots):
        if slot.kind == "gap":
            gap = True
            continue
        found = None
        limit = len(tokens) if gap else min(len(tokens), position + 1 + _MAX_INSERTED)
        for i in range(position, limit):
            if slot.matches(tokens[i]) or (pattern.verb and slot.matches_head(tokens[i])):
                found = i
                break
            if gap:
                continue
            # only adjectives and adverbs may come in between, and only before a noun
            if number == 0 or slot.kind != "noun" or tokens[i].tag_ not in _INSERTABLE:
                break
        if found is None:
            return None
        words.append(tokens[found])
        positions.append(found)
        position = found + 1
        gap = False
    clause = next((span for span in spans if start in span), None)
    if clause is None:
        return None
    if pattern.verb and any(p not in clause for p in positions):
        return None  # the fixed words run across clauses
    # quotes inside a clause do not end it for the verb and what goes with it:
    # "ist von einer „Bedrohung“ die Rede"
    in_clause = clause_of(tokens, start, commas_only=True)
    if pattern.verb:
        if pattern.bare and _participle_before(tokens, start, pattern.verb):
            return [*words, tokens[start - 1]]
        verb = next((t for t in in_clause + _main_clause_around(tokens, in_clause, spans)
                     if t not in words and _is_verb(t, pattern.verb, words)), None)
        if verb is None:
            return None
        words.append(verb)
    if pattern.finite:
        verb = next((t for t in in_clause if t not in words and _is_form_of(t, pattern.finite, words)), None)
        if verb is None:
            return None
        words.append(verb)
    if pattern.reflexive:
        pronoun = next((t for t in in_clause if t.tag_ == "PRF"), None)
        if pronoun is None:
            return None
        words.append(pronoun)
    if pattern.trailing:
        for preposition in pattern.trailing:
            found_word = next((t for t in in_clause if t not in words and _is_preposition(t, preposition)), None)
            if found_word is None:
                return None
            words.append(found_word)
    return words


def _main_clause_around(tokens: Sequence[Token], clause: list[Token], spans: list[range]) -> list[Token]:
    """For a stretch without a verb of its own ("auch in Kanada unter Beweis"), the stretch of
    the main clause before the clause put in between ("stellte Schickhofer, der ... studierte,"),
    where its verb is; nothing otherwise. `spans` are the `stretches` of `tokens`."""
    if not clause or any(t.tag_.startswith("V") for t in clause):
        return []
    position = next(i for i, t in enumerate(tokens) if t is clause[0])
    before = [span for span in spans if span.stop <= position]
    kept = list(before)
    # skip the clauses put in between: they open with a relative pronoun or a conjunction
    while kept and tokens[kept[-1].start].tag_ in ("PRELS", "PRELAT", "KOUS", "PWAV"):
        kept.pop()
    if not kept or len(kept) == len(before):
        return []
    return [tokens[i] for i in kept[-1]]


def _participle_before(tokens: Sequence[Token], start: int, verb: str) -> bool:
    """"die erhobene Forderung": the word before the noun is the verb's participle."""
    parts = verb_parts(verb) if verb and start > 0 and tokens[start - 1].tag_ == "ADJA" else None
    return parts is not None and tokens[start - 1].text.lower().startswith(parts[0])


def _determined(tokens: Sequence[Token], start: int) -> bool:
    """True when an article or determiner stands before `tokens[start]` (adjectives and numbers
    aside): "die Rolle spielen" is not "eine Rolle spielen" without its article."""
    before = start - 1
    while before >= 0 and tokens[before].tag_ in _INSERTABLE:
        before -= 1
    return before >= 0 and tokens[before].tag_ in DETERMINER_TAGS


def _is_preposition(token: Token, preposition: str) -> bool:
    """The preposition, alone or fused with an article ("vom" for von, "zur" for zu)."""
    text = token.text.lower()
    return text == preposition or (token.tag_ == "APPRART" and text[:2] == preposition[:2])


def _is_form_of(token: Token, third_person: str, words: Sequence[Token] = ()) -> bool:
    """True when `token` is a form of the verb whose third person singular is `third_person`."""
    return token.tag_.startswith("V") and not _another_verb(token, token.lemma_, words) \
        and third_person in _present_forms(token.lemma_)


def _another_verb(token: Token, verb: str, words: Sequence[Token]) -> bool:
    """True when `token` has its particle elsewhere in the clause and so is another verb than
    `verb`: "finden ... statt" is stattfinden, no form of the "finden" of "ein Ende finden".
    A particle among the expression's own `words` is the expression's: "gab ... bekannt" is
    "bekannt geben", "lässt ... offen" is "offen lassen"."""
    particle = token._.particle
    if particle is None or any(word.i == particle for word in words):
        return False
    learned = (token._.entry_lemma or "").removeprefix("sich ")
    return bool(learned) and learned != verb


@lru_cache(maxsize=4096)
def _present_forms(infinitive: str) -> frozenset[str]:
    import ablaut

    try:
        return frozenset(ablaut.conjugate(infinitive).present)
    except Exception:
        return frozenset()


def _is_verb(token: Token, verb: str, words: Sequence[Token] = ()) -> bool:
    if not token.tag_.startswith("V") or _another_verb(token, verb, words):
        return False
    if token.lemma_ == verb:
        return True
    if token.tag_ == "VVPP" and "ge" + token.lemma_ == verb:
        return True  # "gelobt": the lemmatiser takes the ge- of geloben for the participle's
    learned = (token._.entry_lemma or "").removeprefix("sich ")
    return learned == verb


@lru_cache(maxsize=1)
def patterns_by_anchor() -> dict[str, list[Pattern]]:
    # deferred: read only when this runs (start-up time)
    from lernkarten.lexicon.expressions import expression_lines

    index: dict[str, list[Pattern]] = {}
    for line in expression_lines():
        pattern = compile_pattern(line)
        if pattern is None:
            continue
        index.setdefault(pattern.anchor, []).append(pattern)
        if pattern.slots[0].kind == "indefinite" and len(pattern.slots) > 1 and pattern.slots[1].kind == "noun":
            bare = Pattern(pattern.lemma, pattern.slots[1:], pattern.verb, pattern.reflexive, pattern.trailing,
                           pattern.finite, bare=True)
            index.setdefault(bare.anchor, []).append(bare)
    return index


def compile_pattern(expression: str) -> Pattern | None:
    """The matchable form of one expression of the list."""
    words = expression.split()
    reflexive = "sich" in words
    words = [w for w in words if w != "sich" and w not in _PLACEHOLDERS]
    finite = ""
    trailing: list[str] = []
    if len(words) >= 2 and words[0] == "es" and not any(_is_infinitive(w) or w[:1].isupper() for w in words[1:]):
        # "es heißt", "es geht um": the verb as cited; "es" and what follows anywhere in the clause
        finite, trailing, words = words[1], words[2:], words[:1]
    while len(words) >= 3 and words[-1] in VERB_PREPOSITIONS and _is_infinitive(words[-2]):
        trailing.insert(0, words.pop())
    verb = ""
    if len(words) >= 2 and _is_infinitive(words[-1]) and words[-2] != _GAP:
        verb = words.pop()
    slots = []
    for word in words:
        if word == _GAP:
            slots.append(Slot(word, "gap"))
        elif word in _DEFINITE:
            slots.append(Slot(word, "definite"))
        elif word in _INDEFINITE:
            slots.append(Slot(word, "indefinite"))
        elif word in _POSSESSIVE and word != words[-1]:
            slots.append(Slot(word, "possessive"))
        elif word[:1].isupper():
            slots.append(Slot(word, "noun"))
        else:
            slots.append(Slot(word.lower(), "word"))
    if not slots:
        return None
    return Pattern(expression, tuple(slots), verb, reflexive, tuple(trailing), finite)


#: last words of expressions that end in -n but are no verbs
_NOT_VERBS = frozenset({"vornherein", "allein", "zusammen", "oben", "unten", "innen", "außen", "morgen",
                        "genommen", "nachhinein", "einen", "ihn", "von", "an", "in"})


def _is_infinitive(word: str) -> bool:
    return word[:1].islower() and word.endswith(("en", "ern", "eln", "n")) and word not in _NOT_VERBS \
        and not word.endswith("ion")
