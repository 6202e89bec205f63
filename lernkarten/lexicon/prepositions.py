"""German prepositions: the case each governs, the ones fused with an article, the ones a verb takes.

Both stages read these: the analysis to find what a verb governs and which article a fused
form stands for, glossing to name a verb's preposition and case on its card.
"""

from __future__ import annotations

#: prepositions and the case they always take; two-way prepositions are absent on purpose
PREPOSITION_CASES = {
    "um": "Akk", "für": "Akk", "gegen": "Akk", "durch": "Akk", "ohne": "Akk", "wider": "Akk", "bis": "Akk",
    "mit": "Dat", "von": "Dat", "zu": "Dat", "aus": "Dat", "bei": "Dat", "nach": "Dat", "seit": "Dat",
    "gegenüber": "Dat", "ab": "Dat", "außer": "Dat", "entgegen": "Dat",
    "wegen": "Gen", "trotz": "Gen", "während": "Gen", "statt": "Gen", "anstatt": "Gen", "aufgrund": "Gen",
}
#: prepositions that take the accusative of a direction and the dative of a place
TWO_WAY_PREPOSITIONS = frozenset({"an", "auf", "in", "über", "unter", "vor", "hinter", "neben", "zwischen"})
PREPOSITIONS = frozenset(PREPOSITION_CASES) | TWO_WAY_PREPOSITIONS

#: the prepositions a verb takes its object with ("sich beteiligen an etw.", "rechnen mit"): in
#: Ding's verb headwords, before their placeholder, and at the end of an expression
VERB_PREPOSITIONS = frozenset(
    [
        "an", "auf", "aus", "bei", "durch", "für", "gegen", "gegenüber", "hinter", "in", "mit", "nach",
        "neben", "über", "um", "unter", "von", "vor", "wegen", "zu", "zwischen"
    ]
)

#: a preposition fused with an article -> (the preposition, the article): "im" is "in dem"
FUSED_ARTICLES = {
    "am": ("an", "dem"), "an's": ("an", "das"), "ans": ("an", "das"), "aufs": ("auf", "das"),
    "beim": ("bei", "dem"), "durchs": ("durch", "das"), "fürs": ("für", "das"), "hinterm": ("hinter", "dem"),
    "hinters": ("hinter", "das"), "im": ("in", "dem"), "ins": ("in", "das"), "übern": ("über", "den"),
    "überm": ("über", "dem"), "übers": ("über", "das"), "ums": ("um", "das"), "unterm": ("unter", "dem"),
    "unters": ("unter", "das"), "vom": ("von", "dem"), "vorm": ("vor", "dem"), "vors": ("vor", "das"),
    "zum": ("zu", "dem"), "zur": ("zu", "der"),
}
