"""Separable particles re-attached to their verbs, and reflexive verbs.

`Die ODKB lehnte einen solchen Einsatz ab`: the tagger sees `lehnte` (ablehnen? lehnen?)
and a particle `ab`; the learner must learn `ablehnen`. In a German main clause the finite
verb stands second (or first) and its particle at the end of the same clause, so without a
parser the verb of a particle is the nearest finite full verb to its left in its clause,
skipping clauses inserted in between (`lehnte, wie erwartet, den Vorschlag ab`). When a
clause ends in two particle-like words, the last one is the particle (`lädt zu "Wandern" ein`).
A joined verb is trusted only when a dictionary lists it as one word (`mitteilen` is;
`dazusagen` is, but `dazu` is a pronominal adverb far more often; `bereiterklären` is not:
`sich bereit erklären` is written apart), or when the tagger itself took the word for a
particle, the word is a preposition or an adverb of direction, whose verbs are made freely,
and the verb is in use (`nachkochen`, `wegdrücken`).
The particle must end the verb's clause: a verb after it (`hatte ... als Schritt zurück
bezeichnet`) shows it is an adverb. With a trained pipeline, the parser's particle relation is used.

`beteiligt sich` -> `sich beteiligen`, only where it is safe: the pronoun agrees with the
subject (`mich` needs `ich`), Ding lists the verb as reflexive, and when the clause has a
further accusative object (`sich die Frage stellen`, `sich heftige Kämpfe liefern`) `sich`
is a dative, so the verb must be one Ding lists as "sich etw. ...".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from lernkarten.analysis import extensions
from lernkarten.analysis.clauses import SUBORDINATORS, is_boundary, stretches
from lernkarten.analysis.stts import DETERMINER_TAGS, upos
from lernkarten.lexicon.frequency import zipf_de
from lernkarten.lexicon.headwords import dictionary_verbs
from lernkarten.lexicon.particles import ADVERB_PARTICLES, PREPOSITION_PARTICLES, SEPARABLE_PARTICLES
from lernkarten.lexicon.pronouns import REFLEXIVE_PERSON
from lernkarten.lexicon.reflexive_verbs import reflexive_verbs

#: a particle verb no dictionary lists must be at least this common (Zipf) to be believed, and
#: its particle a preposition or adverb of direction the tagger itself took for a particle
MIN_ZIPF = 1.5

#: particle adverbs of direction, whose verbs are made as freely as with a preposition (zurück|schicken)
_DIRECTIONS = frozenset(
    word for word in ADVERB_PARTICLES if word.startswith(("her", "hin", "vor", "zu", "weg", "fort", "los", "ent", "empor"))
)

_PARTICLE_LIKE_TAGS = frozenset({"APPR", "ADV", "ADJD", "PTKA"})

#: pronominal adverbs (`dazu`, `dabei`, `darauf`, `drauf`, `hierzu`, `womit`) and `da`: at the end
#: of a clause they are adverbs ("sagte er dazu"); where a verb like `dazukommen` exists, the
#: adverb reads the same ("kommen noch Kosten dazu")
_PRONOMINAL_ADVERB = re.compile(
    r"^(da|dar|dr|hier|wo|wor)(an|auf|aus|bei|durch|für|gegen|hinter|in|mit|nach|neben|über|um|unter|"
    r"von|vor|wider|zu|zwischen)$|^da$"
)

#: verb forms a particle may stand right before, written apart: "zurück bekommen", "(die Macht) inne haben",
#: "Hinzu kommt, dass ...", "Fest steht, dass ..."
_APART_VERB_TAGS = frozenset({"VVINF", "VVPP", "VVIZU", "VVFIN"})

#: what ends the stretch after a particle that belongs to its clause: a comma, the sentence end,
#: a coordinator, a subordinate clause or bracket; quotes do not ("als Schritt zurück" bezeichnet)
_CLAUSE_ENDS = frozenset({"$,", "$.", "KON"}) | SUBORDINATORS

#: finite full verbs take particles; of the auxiliaries only haben does (vorhaben, innehaben)
_FINITE_VERBS = frozenset({"VVFIN", "VVIMP"})

_DATIVE_DETERMINERS = frozenset({"dem", "einem", "keinem", "meinem", "deinem", "seinem", "ihrem", "unserem",
                                 "eurem", "diesem", "jenem", "jedem", "welchem", "manchem", "solchem"})
_DATIVE_PRONOUNS = frozenset({"mir", "dir", "ihm", "ihnen", "uns", "euch"})
_NP_INNER = frozenset({"ADJA", "ADV", "CARD", "PIAT", "PIDAT", "PTKA", "ADJD"})
_PREPOSITION_TAGS = frozenset({"APPR", "APPRART", "APPO", "KOKOM", "APZR"})


def make_verb_joiner(nlp: Language, name: str) -> VerbJoiner:
    """spaCy's hook: `nlp.add_pipe("lernkarten_verbs")`."""
    extensions.register()
    return VerbJoiner()


class VerbJoiner:
    """Sets `particle`, `particle_verb`, `reflexive` and `entry_lemma` on verbs and their parts."""

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.has_annotation("DEP")
        for sentence in doc.sents:
            tokens = [token for token in sentence if not token.is_space]
            if parsed:
                attach_parsed_particles(tokens)
            else:
                attach_particles(tokens)
            attach_reflexives(tokens)
        return doc


# --- separable particles ---------------------------------------------------------------------

def attach_particles(tokens: Sequence[Token]) -> None:
    """Find each separable particle's verb in a sentence tagged without a parser.

    From the sentence's end backwards: a particle closes its clause, so of two particle-like
    words that could belong to one verb, the later one does.
    """
    spans: list[range] | None = None
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        tag = token.tag_
        if tag != "PTKVZ" and not (tag in _PARTICLE_LIKE_TAGS and token.lower_ in SEPARABLE_PARTICLES):
            continue  # the cheap test first: most words are no particle
        if token._.particle_verb is not None or not is_particle(tokens, index):
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        verb = spelled_apart(tokens, index) if following is not None and following.tag_.startswith(("V", "PTKZU")) else None
        if verb is None:
            spans = spans or stretches(tokens)
            verb = particle_verb(tokens, index, spans)
        if verb is not None:
            join(verb, token)


def spelled_apart(tokens: Sequence[Token], index: int) -> Token | None:
    """The verb right after a particle written apart from it: "zurück bekommen", "zusammen zu arbeiten", "Hinzu kommt".

    Only where the tagger took the word for a particle: written apart, `weiter zu empfehlen`
    or `frei gemacht` may as well be an adverb or adjective with its verb.
    """
    if tokens[index].tag_ != "PTKVZ":
        return None
    following = tokens[index + 1:index + 3]
    if following and following[0].tag_ == "PTKZU":
        following = following[1:]
    if not following or following[0]._.particle is not None:
        return None
    verb = following[0]
    if verb.tag_ not in _APART_VERB_TAGS and not (verb.tag_.startswith("VA") and verb.lemma_ == "haben"):
        return None
    return verb if joined_verb(tokens[index].text, verb.lemma_) else None


def attach_parsed_particles(tokens: Sequence[Token]) -> None:
    """Take the particle relations a trained parser found (TIGER `svp`, UD `compound:prt`)."""
    for token in tokens:
        head = token.head
        if (token.dep_ in ("svp", "compound:prt") and head is not token and head.pos_ in ("VERB", "AUX")
                and head._.particle is None and joined_verb(token.text, head.lemma_, tagged=True)):
            join(head, token)


def is_particle(tokens: Sequence[Token], index: int) -> bool:
    """True for a word that stands where a separable particle stands: tagged so, or a bare
    preposition or particle adverb closing its clause ("kündigte die Sprecherin an.")."""
    token = tokens[index]
    word = token.text
    if word[:1].isupper() and index > 0:
        return False  # "Vor- und Nachteile"
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if word.lower() == "nach" and following is not None and following.text == "wie":
        return False  # nach wie vor
    if word.lower() == "hin" and any(t.text.lower() in ("zu", "zum", "zur", "auf") for t in tokens[max(0, index - 4):index]):
        return False  # zum Schluss hin, auf Anfrage hin: a postposition
    if _PRONOMINAL_ADVERB.match(word.lower()) or reads_as_participle(word.lower()):
        return False
    if token.tag_ == "PTKVZ":
        return True
    word = word.lower()
    if token.tag_ not in ("APPR", "ADV", "ADJD", "PTKA") or word not in SEPARABLE_PARTICLES:
        return False
    # written apart from a verb after it ("weiter zu empfehlen", "frei gemacht"), an adverb or
    # adjective is believed to be a particle only when the tagger says so
    return following is None or is_boundary(following)


def particle_verb(tokens: Sequence[Token], index: int, spans: list[range] | None = None) -> Token | None:
    """The finite verb the particle at `index` belongs to, or None."""
    particle = tokens[index]
    spans = spans or stretches(tokens)
    here = next((n for n, span in enumerate(spans) if index in span), None)
    if here is None:
        return None
    for n in range(here, -1, -1):
        span = spans[n]
        if n < here and _opens_subordinate(tokens, span):
            continue  # a clause inserted between verb and particle: "lehnte, wie erwartet, ... ab"
        end = index if n == here else span.stop
        candidates = [tokens[i] for i in range(span.start, end) if tokens[i].tag_ in _FINITE_VERBS
                      or tokens[i].tag_ == "VAFIN" and tokens[i].lemma_ == "haben" and particle.tag_ == "PTKVZ"]
        if candidates:
            verb = candidates[-1]
            if verb.tag_ == "VAFIN" and any(t.tag_ in ("VVPP", "VVINF", "VVIZU") for t in tokens[span.start:span.stop]):
                return None  # haben is an auxiliary here: "hatte ... zurück bezeichnet"
            if _verb_follows(tokens, index):
                return None  # the clause goes on to its verb: "als Schritt zurück" bezeichnet
            if verb._.particle is None and joined_verb(particle.text, verb.lemma_, particle.tag_ == "PTKVZ"):
                return verb
            return None
        if n == here and _opens_subordinate(tokens, span):
            return None  # a particle in a subordinate clause without its verb: no main clause to look into
    return None


def _opens_subordinate(tokens: Sequence[Token], span: range) -> bool:
    first = tokens[span.start]
    if first.tag_ in SUBORDINATORS:
        return True
    return first.tag_ in ("APPR", "APPRART") and len(span) > 1 and tokens[span.start + 1].tag_ in SUBORDINATORS


def _verb_follows(tokens: Sequence[Token], index: int) -> bool:
    """True when a verb comes after the word at `index` in the same clause: it is no clause-final particle."""
    for token in tokens[index + 1:]:
        if token.tag_ in _CLAUSE_ENDS or token.text in ("(", ")", "-", "\u2013", "\u2014"):
            return False
        if token.tag_.startswith("V"):
            return True
    return False


def joined_verb(particle: str, verb_lemma: str, tagged: bool = True) -> str | None:
    """`mit` + `teilen` -> "mitteilen" if that is a German verb, else None.

    A verb the dictionary lists as one word is; one it does not list only when the tagger
    took the word for a particle (`tagged`), the word is a preposition or an adverb of
    direction and the verb is in use.
    """
    particle = particle.lower()
    joined = particle + verb_lemma.lower()
    if joined in dictionary_verbs():
        return joined
    if tagged and (particle in PREPOSITION_PARTICLES or particle in _DIRECTIONS) and zipf_de(joined) >= MIN_ZIPF:
        return joined
    return None


@lru_cache(maxsize=4096)
def reads_as_participle(word: str) -> bool:
    """True when the tagger's lexicon reads `word` first as a past participle (`verloren`, `getrennt`).

    A participle beside a verb is written apart from it ("verloren gehen", "getrennt leben"):
    a predicate of its own, not a separable particle.
    """
    # deferred: HanTa and its model load only when a word is tagged (start-up time)
    from lernkarten.analysis.hanta_tagger import german_tagger

    tagger = german_tagger()
    readings = tagger.cache.get(word)
    if not readings:
        return False
    best = max(score for _, score in readings)
    return any(tagger.int2tag.get(tag) == "VV(PP)" and score >= best for tag, score in readings)


def join(verb: Token, particle: Token) -> None:
    """Record that `particle` belongs to `verb`: both learn the joined infinitive."""
    joined = particle.text.lower() + verb.lemma_.lower()
    verb._.particle = particle.i
    verb._.entry_lemma = joined
    particle._.particle_verb = verb.i
    particle._.entry_lemma = joined
    if particle.tag_ != "PTKVZ":
        particle.tag_ = "PTKVZ"
        particle.pos_ = upos("PTKVZ", particle.text, particle.lemma_)


# --- reflexive verbs -------------------------------------------------------------------------

def attach_reflexives(tokens: Sequence[Token]) -> None:
    """Mark `sich` + verb as a reflexive verb where agreement, Ding and the objects allow."""
    if not any(token.tag_ == "PRF" for token in tokens):
        return
    spans = stretches(tokens)
    for index, token in enumerate(tokens):
        if token.tag_ != "PRF":
            continue
        span = next((s for s in spans if index in s), None)
        if span is None:
            continue
        clause = [tokens[i] for i in span]
        verb = reflexive_verb(tokens, index, spans)
        if verb is None or verb._.reflexive is not None:
            continue
        pronoun = token.text.lower()
        if pronoun in REFLEXIVE_PERSON:
            subject = REFLEXIVE_PERSON[pronoun]
            if not any(t.text.lower() == subject and t.tag_ == "PPER" for t in clause):
                continue  # "er sieht mich": an object, not a reflexive
        elif pronoun != "sich":
            continue
        lemma = verb._.entry_lemma or verb.lemma_
        verbs = reflexive_verbs()
        others, datives = _core_noun_phrases(clause, token)
        if others >= 2:
            allowed = verbs.with_accusative
        elif datives:
            allowed = verbs.plain | verbs.with_dative
        else:
            allowed = verbs.plain
        if lemma in allowed:
            verb._.reflexive = token.i
            verb._.entry_lemma = f"sich {lemma}"


def reflexive_verb(tokens: Sequence[Token], index: int, spans: list[range]) -> Token | None:
    """The full verb the reflexive pronoun at `index` belongs to, or None.

    The finite verb right before it ("beteiligt sich", "befasste sich die ODKB"), else the first
    full verb after it in its clause ("hat sich ... ausgesprochen", "die sich ... entzündet
    hatten"), looking past the commas of an enumeration but not into another clause.
    """
    if index > 0 and tokens[index - 1].tag_ in ("VVFIN", "VVIMP"):
        return tokens[index - 1]
    if index + 1 < len(tokens) and tokens[index + 1].tag_ in ("ADJA", "ADJD"):
        return None  # "keine sich bewegenden Objekte": the pronoun belongs to the participle
    if index > 0 and tokens[index - 1].tag_ in _PREPOSITION_TAGS:
        return None  # "für sich in Anspruch nehmen": a pronoun after a preposition
    here = next(n for n, span in enumerate(spans) if index in span)
    own_verbs = any(tokens[i].tag_.startswith("V") for i in spans[here])
    for n in range(here, len(spans)):
        span = spans[n]
        if n > here and (own_verbs or _opens_subordinate(tokens, span) or tokens[span.start - 1].tag_ != "$,"):
            return None
        for i in span:
            if i <= index:
                continue
            if tokens[i].tag_.startswith("VV"):
                return tokens[i]
            if n > here and tokens[i].tag_.startswith("V"):
                return None  # the enumeration was a clause of its own
    return None


def _core_noun_phrases(clause: list[Token], reflexive: Token) -> tuple[int, int]:
    """(noun phrases that may be subject or accusative object, noun phrases marked dative) in a clause.

    Phrases inside a prepositional phrase, genitive attributes and appositions (a phrase right
    after a noun) do not count; neither does the reflexive pronoun itself.
    """
    others = datives = 0
    for position, token in enumerate(clause):
        if token is reflexive:
            continue
        is_head = token.pos_ in ("NOUN", "PROPN") or token.tag_ in ("PPER", "PDS", "PIS", "PRELS", "PWS")
        if not is_head or token.text.lower() == "es" and position + 1 < len(clause) and clause[position + 1].tag_.startswith("V"):
            continue
        if position + 1 < len(clause) and clause[position + 1].pos_ in ("NOUN", "PROPN") and token.pos_ in ("NOUN", "PROPN"):
            continue  # the first of two nouns in a row ("Präsident Putin"): the phrase ends later
        if position + 1 < len(clause) and clause[position + 1].tag_ == "KON":
            continue  # "Serbien und Kroatien": one phrase, counted at its last part
        start = position
        while start > 0 and (clause[start - 1].tag_ in _NP_INNER or clause[start - 1].tag_ in DETERMINER_TAGS):
            start -= 1
            if clause[start].tag_ in DETERMINER_TAGS:
                break
        before_index = start - 1
        while before_index >= 0 and clause[before_index].tag_ in ("ADV", "PTKA"):
            before_index -= 1  # "mit so einer Einstellung"
        before = clause[before_index] if before_index >= 0 else None
        if before is not None and (before.tag_ in _PREPOSITION_TAGS or before.pos_ in ("NOUN", "PROPN")):
            continue
        determiner = clause[start].text.lower()
        if determiner in _DATIVE_DETERMINERS or token.text.lower() in _DATIVE_PRONOUNS:
            datives += 1
        elif determiner in ("des", "eines"):
            continue
        else:
            others += 1
    return others, datives
