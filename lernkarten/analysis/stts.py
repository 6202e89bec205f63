"""STTS part-of-speech tags: HanTa's variants made standard, and their Universal POS.

HanTa writes the subtype of a tag in parentheses (`VV(FIN)`, `ADJ(A)`) and has tags of its
own (`NNA` for nominalised adjectives, `NNI` for nominalised infinitives). Standard STTS
(`VVFIN`, `ADJA`, `NN`) is what other German tools, treebanks and spaCy's German pipelines
use, and what the UPOS mapping below expects; without it, every word maps to `X`.
"""

from __future__ import annotations

from lernkarten.lexicon.particles import PREPOSITION_PARTICLES

#: HanTa's own tags -> standard STTS (tags not listed are already standard)
_HANTA_TO_STTS = {
    "ADJ(A)": "ADJA",
    "ADJ(D)": "ADJD",
    "NNA": "NN",         # das Gute, die Verbündeten: nouns in STTS
    "NNI": "NN",         # das Tauchen
    "PROAV": "PAV",      # darauf, damit: TIGER's PROAV is STTS's PAV
}

#: tags of the words that make a noun phrase definite or counted (der, diese, seine, viele, welche, deren)
DETERMINER_TAGS = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "PWAT", "PRELAT"})

#: STTS -> UPOS where the tag alone decides
_UPOS = {
    "$(": "PUNCT", "$,": "PUNCT", "$.": "PUNCT",
    "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV",
    "APPO": "ADP", "APPR": "ADP", "APPRART": "ADP", "APZR": "ADP",
    "ART": "DET", "CARD": "NUM", "FM": "X", "ITJ": "INTJ",
    "KOKOM": "CCONJ", "KON": "CCONJ", "KOUI": "ADP", "KOUS": "SCONJ",
    "NE": "PROPN", "NN": "NOUN",
    "PAV": "ADV", "PDAT": "DET", "PDS": "PRON", "PIAT": "DET", "PIDAT": "DET", "PIS": "PRON",
    "PPER": "PRON", "PPOSAT": "DET", "PPOSS": "PRON", "PRELAT": "DET", "PRELS": "PRON",
    "PRF": "PRON", "PTKA": "ADV", "PTKANT": "PART", "PTKNEG": "PART", "PTKVZ": "ADV",
    "PTKZU": "PART", "PWAT": "DET", "PWAV": "ADV", "PWS": "PRON", "TRUNC": "X",
    "VAFIN": "AUX", "VAIMP": "AUX", "VAINF": "AUX", "VAPP": "AUX",
    "VMFIN": "AUX", "VMINF": "AUX", "VMPP": "AUX",
    "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB",
    "XY": "X",
}

#: indefinite pronouns that UD German treats as determiners even when they stand alone ("alle kamen")
_DETERMINER_PRONOUNS = frozenset(
    [
        "all", "alle", "aller", "ander", "andere", "anderer", "beide", "ein", "einige", "einiger", "jeder",
        "jede", "jedes", "mancher", "mehr", "viel", "solch", "solcher", "wenig"
    ]
)

_SYMBOLS = frozenset(["%", "€", "$", "£", "¥", "§", "+", "=", "<", ">", "°", "&", "*", "#", "@", "/", "×"])


def standard_tag(hanta_tag: str) -> str:
    """The STTS tag for one of HanTa's tags: `VV(FIN)` -> `VVFIN`, `ADJ(A)` -> `ADJA`."""
    tag = _HANTA_TO_STTS.get(hanta_tag)
    if tag is not None:
        return tag
    if hanta_tag.endswith(")") and not hanta_tag.startswith("$"):
        return hanta_tag.replace("(", "").replace(")", "")
    return hanta_tag


#: adjectives that, used as adverbs, UD counts as adverbs: "Das ist wirklich gut"
_ADVERB_ADJECTIVES = frozenset({"wirklich", "tatsächlich", "unbedingt", "bestimmt", "genau", "maximal", "minimal"})

#: adjective-like words UD German counts as determiners: "die anderen Kunden", "im selben Jahr"
_DETERMINER_ADJECTIVES = frozenset({"ander", "anderer", "selb", "selber", "derselbe", "dieselbe", "dasselbe"})


def upos(tag: str, word: str, lemma: str) -> str:
    """The Universal POS of a word from its STTS tag, with the few choices the tag leaves open.

    Auxiliaries and modals used as full verbs (`Ich habe Zeit`) need the clause and are
    settled later; here they are AUX.
    """
    if tag == "PTKVZ":
        return "ADP" if word.lower() in PREPOSITION_PARTICLES else "ADV"
    if tag == "PIS" and lemma.lower() in _DETERMINER_PRONOUNS:
        return "DET"
    if tag == "KOKOM":
        return "ADP" if word.lower() == "als" else "CCONJ"
    if tag in ("$(", "XY") and word in _SYMBOLS:
        return "SYM"
    if tag == "TRUNC":
        return "NOUN" if word[:1].isupper() else "ADJ"
    if tag in ("$(", "XY", "FM") and word and not any(c.isalnum() for c in word):
        return "PUNCT"  # "--", "....": HanTa has not seen them
    if tag == "ADJD" and lemma.lower() in _ADVERB_ADJECTIVES:
        return "ADV"
    if tag == "ADJA" and lemma.lower() in _DETERMINER_ADJECTIVES:
        return "DET"
    if tag == "ADV" and lemma.lower() == "aber":
        return "CCONJ"
    return _UPOS.get(tag, "X")
