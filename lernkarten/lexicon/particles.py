"""German separable particles: the words that stand apart from their verb (`lehnte ... ab`).

Which words can be a particle at all is written here once; the stages pick from it what their
rule needs (every particle to re-attach one to its verb, the common ones to read a clause's end
or take a participle apart).
"""

from __future__ import annotations

#: prepositions that also serve as separable particles; UD tags such a particle ADP, others ADV
PREPOSITION_PARTICLES = frozenset(
    [
        "ab", "an", "auf", "aus", "bei", "durch", "gegen", "hinter", "mit", "nach", "neben", "ohne",
        "statt", "über", "um", "unter", "vor", "wider", "zu", "zwischen"
    ]
)

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

#: every word that can be a separable particle
SEPARABLE_PARTICLES = PREPOSITION_PARTICLES | ADVERB_PARTICLES

#: the particles most separable verbs are made with, and `wieder` (wieder|holen, separable
#: only now and then, but where text is read from its end a particle as often as not)
COMMON_PARTICLES = ("ab", "an", "auf", "aus", "bei", "durch", "ein", "fest", "fort", "her", "heraus", "hervor",
                    "hin", "hinaus", "mit", "nach", "über", "um", "unter", "vor", "voran", "vorbei", "weg",
                    "weiter", "wieder", "zu", "zurück", "zusammen")

#: particles a participle is taken apart at: "abgekürzt" -> ab + ge + kürz + t, "herbeigeführt"
PARTICIPLE_PARTICLES = (*COMMON_PARTICLES, "herbei")

#: particles that close a clause in Ding's examples: "lehnte einen solchen Einsatz ab", "nahm teil"
CLAUSE_FINAL_PARTICLES = frozenset(COMMON_PARTICLES) | {"dar", "los", "statt", "teil"}

#: the common particles that are prepositions too, and `ein` (`in` as a particle): the prefixes
#: the stems of compounds and derived words start with (Ab|räum-, Ein|satz)
CORE_PARTICLES = (*(p for p in COMMON_PARTICLES if p in PREPOSITION_PARTICLES), "ein")
