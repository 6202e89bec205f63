"""In which order an entry Ding has no sense for is glossed through other words, per part of speech.

Every way of glossing a word through others (`fallbacks.py`: compounds, bases, expressions;
`derived.py`: derivations, places, loanwords) is a step here with one signature, a
`FallbackInput` in and a `Fallback` or None out; `gloss_entry` takes the first step of the
entry's part of speech that gives one. The order is the order of trust, and each place says why
it is where it is: a step that reads a word's shape more exactly goes before one that would also
match it and read it wrongly ("Tischlein" is a little table, not Tisch + Lein).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from lernkarten.entries import Entry
from lernkarten.glossing.derived import (
    adjectival_noun_fallback,
    compass_fallback,
    diminutive_fallback,
    feminine_fallback,
    infinitive_noun_fallback,
    loanword_fallback,
    making_fallback,
    particle_verb_fallback,
    place_fallback,
    suffixoid_fallback,
)
from lernkarten.glossing.dictionary import Dictionary
from lernkarten.glossing.fallbacks import (
    Fallback,
    able_fallback,
    adjective_compound_fallback,
    agent_fallback,
    base_fallback,
    compound_fallback,
    expression_fallback,
    governed_verb_fallback,
    nationality_fallback,
    participle_fallback,
)
from lernkarten.glossing.senses import choose_senses, glosses_of


@dataclass(frozen=True, slots=True)
class FallbackInput:
    """What every fallback is given: the entry, the dictionary, and the noun table."""

    entry: Entry
    dictionary: Dictionary
    nouns: object


FallbackStep = Callable[[FallbackInput], Fallback | None]


def reflexive(given: FallbackInput) -> Fallback | None:
    """A verb the tagger saw without its pronoun: "beteiligen" glossed as "sich beteiligen"."""
    entry = given.entry
    if entry.lemma.startswith("sich "):
        return None
    lemma = f"sich {entry.lemma}"
    alternative = copy.copy(entry)
    alternative.lemma = lemma
    choices = choose_senses(alternative, given.dictionary)
    if not choices:
        return None
    return Fallback("base", glosses_of(choices, source="ding:base", uncertain=True, via=lemma), lemma, base=lemma)


# -- each fallback with the one signature ---------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """A fallback as a step: called as `fallback(entry, dictionary)`, or with the noun table third."""

    fallback: Callable[..., Fallback | None]
    nouns: bool = False

    def __call__(self, given: FallbackInput) -> Fallback | None:
        if self.nouns:
            return self.fallback(given.entry, given.dictionary, given.nouns)
        return self.fallback(given.entry, given.dictionary)


def place(given: FallbackInput) -> Fallback | None:
    """`place_fallback` takes the noun table before the dictionary."""
    return place_fallback(given.entry, given.nouns, given.dictionary)


adjectival_noun = Step(adjectival_noun_fallback, nouns=True)
infinitive_noun = Step(infinitive_noun_fallback)
diminutive = Step(diminutive_fallback)
feminine = Step(feminine_fallback, nouns=True)
compound = Step(compound_fallback, nouns=True)
base = Step(base_fallback)
agent = Step(agent_fallback)
making = Step(making_fallback)
loanword = Step(loanword_fallback, nouns=True)
participle = Step(participle_fallback)
adjective_compound = Step(adjective_compound_fallback)
able = Step(able_fallback)
nationality = Step(nationality_fallback)
suffixoid = Step(suffixoid_fallback)
compass = Step(compass_fallback, nouns=True)
expression = Step(expression_fallback)
governed_verb = Step(governed_verb_fallback)
particle_verb = Step(particle_verb_fallback)


# -- the order, per part of speech ------------------------------------------------------------------

NOUN: tuple[FallbackStep, ...] = (
    adjectival_noun,    # "der Beamte", "Verletzte": an adjective's noun is read whole before it is split
    infinitive_noun,    # "Zusammensitzen" is sitting together, not a compound "together sitting"
    diminutive,         # "Tischlein" is a little table, not Tisch + Lein (flax)
    feminine,           # "Innenministerin" is Innenminister + -in, not Inn + Ministerin
    compound,           # the common case: Ding knows the last part and the first
    base,               # an inflected or plural form of a headword Ding has
    agent,              # "Protestierer" from protestieren: only when no part of it is a word Ding has
    place,              # "Kasache", "Almatyer": people of a place, once the word is no compound of Ding's
    making,             # "Germanisierung": English makes the same word from the same root
    loanword,           # last: a word also written in English ("Lockdown") only when nothing German fits
)
PROPN: tuple[FallbackStep, ...] = (
    compound,           # a name built of words ("Innenministerium") reads as they do
    base,               # a form of a headword Ding has
    agent,              # who does what a verb says, last as for nouns
)
ADJ: tuple[FallbackStep, ...] = (
    participle,         # "gefordert": the verb's participle is the most exact reading
    base,               # an inflected or compared form of a headword Ding has
    adjective_compound, # "sicherheitspolitisch": Ding knows both parts
    able,               # "-bar": what can be done, from the verb
    nationality,        # "kasachisch": of a country Ding names
    suffixoid,          # "-frei", "-reich": a productive ending with a fixed English
    compass,            # "nordkasachisch": a compass point before a place's adjective
    place,              # last: an adjective of a place name, a guess
)
EXPR: tuple[FallbackStep, ...] = (
    expression,         # an expression only from its own words (copula, manner, governed noun)
)
VERB: tuple[FallbackStep, ...] = (
    reflexive,          # a reflexive verb the tagger saw without its pronoun: Ding's own sense
    governed_verb,      # "resultieren aus": Ding lists the verb with what it takes
    participle,         # a participle read as a verb's form
    base,               # a form of a headword Ding has
    particle_verb,      # last: a particle verb made of a verb and an English-like particle
)
#: Every other part of speech.
OTHER: tuple[FallbackStep, ...] = (base,)

ORDER: dict[str, tuple[FallbackStep, ...]] = {"NOUN": NOUN, "PROPN": PROPN, "ADJ": ADJ, "ADV": ADJ,
                                              "EXPR": EXPR, "VERB": VERB}


def first_fallback(entry: Entry, dictionary: Dictionary, nouns: object) -> Fallback | None:
    """The first step of the entry's part of speech that glosses it, in order of trust."""
    given = FallbackInput(entry, dictionary, nouns)
    for step in ORDER.get(entry.pos, OTHER):
        found = step(given)
        if found:
            return found
    return None
