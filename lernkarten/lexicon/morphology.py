"""German word formation: the suffixes that tell a noun's gender, the linking elements of
compounds, and the prefixes of verbs. Each fact once; a stage's list is built from them.
"""

from __future__ import annotations

from lernkarten.lexicon.particles import CORE_PARTICLES

#: each umlaut and the vowel it is made from
UMLAUT_BASES = {"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"}
#: `word.translate(WITHOUT_UMLAUTS)`: Bündnis -> Bundnis
WITHOUT_UMLAUTS = str.maketrans(UMLAUT_BASES)


def without_last_umlaut(word: str) -> str:
    """The word with its last umlaut made its vowel again: "Ärzt" -> "Arzt", "Häus" -> "Haus";
    the stem a feminine in -in ("Ärztin") or a diminutive ("Häuschen") is made from."""
    last = max(word.rfind(umlaut) for umlaut in UMLAUT_BASES)
    return word[:last] + UMLAUT_BASES[word[last]] + word[last + 1:] if last >= 0 else word


def masculine_stems(feminine: str) -> tuple[str, ...]:
    """The masculine nouns a feminine in -in may be made from, in this order: the word without
    -in ("Ministerin": Minister), without its umlaut too ("Ärztin": Arzt), with -e ("Kollegin": Kollege)."""
    stem = feminine.removesuffix("in")
    return tuple(dict.fromkeys((stem, without_last_umlaut(stem), stem + "e")))

# -- nouns ------------------------------------------------------------------------------------

#: suffixes that make a noun feminine with a plural in -en, whatever its first part
FEMININE_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "ität")

#: feminine with a plural in -(e)n as well, but left out where a gender is guessed for a noun
#: Ding lists (glossing): Bäckerei, Soziologie
FEMININE_EN_SUFFIXES = (*FEMININE_SUFFIXES, "erei", "logie")

#: Latin endings of derived nouns, mostly feminine (Region, Qualität, Konferenz, Distanz; but
#: der Spion): they cover -tion and -ität and more
LATIN_NOUN_SUFFIXES = ("ion", "tät", "enz", "anz")

#: endings of feminine nouns, which have no form in -s: `Leistungs`, `Zeitungs` can only be the
#: first part of a compound, with its linking s
FEMININE_ENDINGS = (*FEMININE_SUFFIXES, *LATIN_NOUN_SUFFIXES, "ik", "ei", "ur")

#: suffixes of derived nouns, which with a linking -s start many compounds (Demarkations|gebiet)
DERIVATIONAL_SUFFIXES = (*FEMININE_SUFFIXES, *LATIN_NOUN_SUFFIXES, "ismus", "ment", "tum")

#: what may join the parts of a compound (Fugenelemente), longest first:
#: Herz-ens-wunsch, Hilfe-s-bitte, Frieden-s-truppe, Sonne-n-schein
LINKING_ELEMENTS = ("ens", "es", "en", "er", "ns", "s", "n", "e", "")

# -- verbs ------------------------------------------------------------------------------------

#: prefixes never separated from their verb: be|kommen, ver|stehen, miss|achten
INSEPARABLE_PREFIXES = ("ver", "be", "ent", "er", "zer", "ge", "emp", "miss")

#: verb prefixes that are separable in one verb and not in another (um|fahren, umfahren)
TWO_WAY_PREFIXES = ("durch", "über", "unter", "um", "wider", "wieder", "hinter", "voll")

#: prefixes of nouns only: Un|glück, Ur|sache
NOUN_PREFIXES = ("un", "ur")

#: prefixes a verb stem that starts a compound may carry (Ab|räum-, Ver|kehrs-): the core
#: particles and the common inseparable prefixes (not emp-, miss-)
STEM_PREFIXES = (*CORE_PARTICLES, *(p for p in INSEPARABLE_PREFIXES if p not in ("emp", "miss")))

#: prefixes that make another word of a word's end: "Versicherung" is not a kind of `Sicherung`
#: (`mit` is left out: Mit|glied is no other word than Glied's family would show)
DERIVING_PREFIXES = (*INSEPARABLE_PREFIXES, *NOUN_PREFIXES, *(p for p in CORE_PARTICLES if p != "mit"),
                     "wider", "zurück")
