"""Separable particles re-attached to their verbs, and reflexive verbs.

`Die ODKB lehnte einen solchen Einsatz ab`: the tagger sees `lehnte` (ablehnen? lehnen?)
and a particle `ab`; the learner must learn `ablehnen`. In a German main clause the finite
verb stands second (or first) and its particle at the end of the same clause, so without a
parser the verb of a particle is the nearest finite full verb to its left in its clause,
skipping clauses inserted in between (`lehnte, wie erwartet, den Vorschlag ab`). A joined
verb is trusted only when it is a real word (`mitteilen` is; a tagger's slip like `zuhelfen`
is not common enough). With a trained pipeline, the parser's particle relation is used.

`beteiligt sich` -> `sich beteiligen`, only where it is safe: the pronoun agrees with the
subject (`mich` needs `ich`), Ding lists the verb as reflexive, and when the clause has a
further accusative object (`sich die Frage stellen`, `sich heftige Kämpfe liefern`) `sich`
is a dative, so the verb must be one Ding lists as "sich etw. ...".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Token

from lernkarten.analysis import extensions
from lernkarten.analysis.clauses import SUBORDINATORS, is_boundary, stretches
from lernkarten.analysis.lemmas import zipf
from lernkarten.analysis.stts import PREPOSITION_PARTICLES

#: a joined particle verb must be at least this common (Zipf) to be believed; less so when the
#: tagger itself took the word for a separable particle
MIN_ZIPF = 1.5
MIN_ZIPF_TAGGED = 1.0

#: words that are separable particles besides the prepositions: fest|stellen, zurück|kommen, ...
#: (not `wieder`, `dazu`, `dabei` and the like: far more often plain adverbs; the tagger's
#: PTKVZ is needed to believe them)
ADVERB_PARTICLES = frozenset(
    [
        "aufrecht", "auseinander", "bekannt", "bereit", "dar", "durcheinander", "ein", "empor", "entgegen",
        "entlang", "fehl", "fern", "fest", "fort", "frei", "gegenüber", "geheim", "heim", "her", "herab",
        "heran", "herauf", "heraus", "herbei", "herein", "herüber", "herum", "herunter", "hervor", "hin",
        "hinab", "hinauf", "hinaus", "hinein", "hinterher", "hinüber", "hinunter", "hinzu", "hoch", "inne",
        "kaputt", "kund", "los", "nieder", "preis", "statt", "still", "teil", "übrig", "vorab", "voran",
        "voraus", "vorbei", "vorüber", "vorweg", "weg", "weiter", "zurecht", "zurück", "zusammen"
    ]
)

_PARTICLE_LIKE_TAGS = frozenset({"APPR", "ADV", "ADJD", "PTKA"})
_PARTICLE_WORDS = PREPOSITION_PARTICLES | ADVERB_PARTICLES

#: finite full verbs take particles; of the auxiliaries only haben does (vorhaben, innehaben)
_FINITE_VERBS = frozenset({"VVFIN", "VVIMP"})

_REFLEXIVE_PERSON = {"mich": "ich", "dich": "du", "uns": "wir", "euch": "ihr"}
_DATIVE_DETERMINERS = frozenset({"dem", "einem", "keinem", "meinem", "deinem", "seinem", "ihrem", "unserem",
                                 "eurem", "diesem", "jenem", "jedem", "welchem", "manchem", "solchem"})
_DATIVE_PRONOUNS = frozenset({"mir", "dir", "ihm", "ihnen", "uns", "euch"})
_NP_INNER = frozenset({"ADJA", "ADV", "CARD", "PIAT", "PIDAT", "PTKA", "ADJD"})
_DETERMINER_TAGS = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "PWAT", "PRELAT"})
_PREPOSITION_TAGS = frozenset({"APPR", "APPRART", "APPO", "KOKOM", "APZR"})


@Language.factory("lernkarten_verbs")
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
    """Find each separable particle's verb in a sentence tagged without a parser."""
    spans: list[range] | None = None
    for index, token in enumerate(tokens):
        tag = token.tag_
        if tag != "PTKVZ" and not (tag in _PARTICLE_LIKE_TAGS and token.lower_ in _PARTICLE_WORDS):
            continue  # the cheap test first: most words are no particle
        if token._.particle_verb is not None or not is_particle(tokens, index):
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.tag_ in ("VVINF", "VVPP", "VVIZU", "PTKZU"):
            verb = spelled_apart(tokens, index)
        else:
            spans = spans or stretches(tokens)
            verb = particle_verb(tokens, index, spans)
        if verb is not None:
            join(verb, token)


def spelled_apart(tokens: Sequence[Token], index: int) -> Token | None:
    """The infinitive or participle right after a particle written apart: "zurück bekommen", "zusammen zu arbeiten"."""
    following = tokens[index + 1:index + 3]
    if following and following[0].tag_ == "PTKZU":
        following = following[1:]
    if not following or following[0].tag_ not in ("VVINF", "VVPP", "VVIZU") or following[0]._.particle is not None:
        return None
    verb = following[0]
    return verb if joined_verb(tokens[index].text, verb.lemma_, MIN_ZIPF) else None


def attach_parsed_particles(tokens: Sequence[Token]) -> None:
    """Take the particle relations a trained parser found (TIGER `svp`, UD `compound:prt`)."""
    for token in tokens:
        head = token.head
        if (token.dep_ in ("svp", "compound:prt") and head is not token and head.pos_ in ("VERB", "AUX")
                and head._.particle is None and joined_verb(token.text, head.lemma_)):
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
    if token.tag_ == "PTKVZ":
        return True
    word = word.lower()
    if token.tag_ not in ("APPR", "ADV", "ADJD", "PTKA") or not (word in PREPOSITION_PARTICLES or word in ADVERB_PARTICLES):
        return False
    if following is not None and following.tag_ in ("VVINF", "VVPP", "VVIZU", "PTKZU") and token.tag_ != "APPR":
        return True  # written apart from its verb: "zurück bekommen"
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
                return None  # haben is an auxiliary here: "hatte ... als Schritt zurück bezeichnet"
            least = MIN_ZIPF_TAGGED if particle.tag_ == "PTKVZ" else MIN_ZIPF
            if verb._.particle is None and joined_verb(particle.text, verb.lemma_, least):
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


def joined_verb(particle: str, verb_lemma: str, least: float = MIN_ZIPF_TAGGED) -> str | None:
    """`mit` + `teilen` -> "mitteilen" if that is a German verb in use (Zipf >= `least`), else None."""
    joined = particle.lower() + verb_lemma.lower()
    if zipf(joined) >= least:
        return joined
    return None


def join(verb: Token, particle: Token) -> None:
    """Record that `particle` belongs to `verb`: both learn the joined infinitive."""
    from lernkarten.analysis.stts import upos

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
    from lernkarten.analysis.reflexive_verbs import reflexive_verbs

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
        if pronoun in _REFLEXIVE_PERSON:
            subject = _REFLEXIVE_PERSON[pronoun]
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
        while start > 0 and (clause[start - 1].tag_ in _NP_INNER or clause[start - 1].tag_ in _DETERMINER_TAGS):
            start -= 1
            if clause[start].tag_ in _DETERMINER_TAGS:
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
