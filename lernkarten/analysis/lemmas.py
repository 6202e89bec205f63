"""Noun lemmas checked against the German noun table, and abbreviations kept as written.

HanTa guesses the lemma of a word it does not know by cutting off what looks like an
ending: `Einfluss` -> "Einflus", `Hilfsbitte` -> "Hilfsbitt", `im Dunkeln` -> "Dunkelne",
`ODKB-Friedenstruppen` -> "Odkb-friedenstruppe". The noun table (german-nouns, from
Wiktionary) knows every inflected form of ~100,000 nouns; for a form it does not know, the
compound's head usually is known (`Hilfs|bitte`), and the head is what inflects. Hyphenated
compounds keep their first parts as written and inflect only the last one; all-caps
abbreviations are never lower-cased.

A noun whose singular is rare next to its plural (`Streitkräfte`, `Sicherheitskräfte`) keeps
its singular lemma for the treebank, but the learner learns the plural: `Token._.entry_lemma`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from lernkarten.analysis import extensions
from lernkarten.analysis.clauses import clause_of
from lernkarten.analysis.common_words import common_words
from lernkarten.lexicon.frequency import known_german, zipf_de
from lernkarten.lexicon.headwords import dictionary_verbs, headwords, standard_spelling
from lernkarten.lexicon.morphology import DERIVATIONAL_SUFFIXES, FEMININE_EN_SUFFIXES, LINKING_ELEMENTS, STEM_PREFIXES
from lernkarten.lexicon.nouns import NounInfo, noun_table
from lernkarten.lexicon.particles import SEPARABLE_PARTICLES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: shortest compound head we trust: shorter suffixes (Ei, Tat) match by accident too often
MIN_HEAD = 3

#: a noun counts as used in the plural when its plural is this much more frequent (Zipf: x30)
PLURAL_PREFERENCE = 1.5

#: how common (Zipf) a plural must be to be learned when the word list lacks its singular
RARE_SINGULAR_PLURAL = 3.0

#: endings a noun form may add to its lemma, tried when neither form nor compound head is known
_ENDINGS = ("en", "n", "es", "s", "e", "ern", "er")

#: plurals of German derivational suffixes, for nouns no table knows: Beanstandungen -> Beanstandung
_DERIVED_PLURALS = (
    ("ungen", "ung"), ("heiten", "heit"), ("keiten", "keit"), ("schaften", "schaft"), ("ionen", "ion"),
    ("itäten", "ität"), ("ismen", "ismus"), ("nisse", "nis"), ("nissen", "nis"), ("innen", "in"),
    ("ereien", "erei"), ("logien", "logie"),
)

#: suffixes that make a noun feminine, whatever the table knows: -ung, -heit, -keit, ...
_PLURAL_SLOTS = ("nominativ plural", "genitiv plural", "dativ plural", "akkusativ plural")
_SINGULAR_SLOTS = ("nominativ singular", "genitiv singular", "dativ singular", "akkusativ singular")

_ALL_CAPS = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9]+s?$")

_GENDERS = {"m": "Masc", "f": "Fem", "n": "Neut"}
_CASES = {"nominativ": "Nom", "genitiv": "Gen", "dativ": "Dat", "akkusativ": "Acc"}


def make_lemma_checker(nlp: Language, name: str) -> LemmaChecker:
    """spaCy's hook: `nlp.add_pipe("lernkarten_lemmas")`."""
    extensions.register()
    return LemmaChecker()


class LemmaChecker:
    """Corrects noun lemmas and sets gender and number where the noun table is sure."""

    def __call__(self, doc: Doc) -> Doc:

        for token in doc:
            pos = token.pos_
            if token.tag_ in ("FM", "XY"):
                token.lemma_ = token.text  # a foreign word or symbol, as written ("online", "3G")
            elif token.tag_ == "TRUNC":
                check_compound_part(token)
            elif pos == "VERB" and token.lemma_ != token.text.lower():
                check_verb(token)
                if token.tag_ == "VVPP":
                    check_participle(token)
            elif pos in ("NOUN", "PROPN", "X"):
                text = without_apostrophe(token.text)
                if text != token.text:
                    token.lemma_ = text  # "TV's", "Virus'": an apostrophe's s, or one for a genitive
                elif is_abbreviation(text):
                    token.lemma_ = abbreviation_lemma(text)
                elif pos == "NOUN":
                    check_noun(token)
                elif pos == "PROPN":
                    if is_shouted(text):
                        text = normal_case(text)  # BERLIN (dpa): the name as it is written elsewhere
                    if "-" in text.strip("-"):
                        token.lemma_ = _hyphenated_as_tagged(text, token.lemma_)
                    else:
                        token.lemma_ = name_lemma(text, token.lemma_)
            elif pos == "ADJ":
                check_adjective(token)
            if "ss" in token.lemma_ and pos in _CONTENT_POS:
                token.lemma_ = standard_spelling(token.lemma_)
        return doc


def check_compound_part(token: Token) -> None:
    """A compound's first part (`Wohnungs-` in "Wohnungs- und Stellensuche") keeps its form as lemma,
    as treebanks have it; the learner learns the noun it is made of (`Wohnung`)."""
    text = token.text
    token.lemma_ = text
    part = text.rstrip("-")
    if not part[:1].isupper() or not part.isalpha() or is_abbreviation(part):
        return
    noun = read_noun(part, part).lemma
    if noun != part or noun_rows(part):
        token._.entry_lemma = noun


def without_apostrophe(word: str) -> str:
    """`TV's` -> `TV`, `Klaus'` -> `Klaus`: the apostrophe of a plural or genitive, which no lemma has."""
    for ending in ("'s", "\u2019s"):
        if word.endswith(ending) and len(word) > 3:
            return word[: -len(ending)]
    if word.endswith(("'", "\u2019")) and word[-2:-1] in ("s", "x", "z", "ß") and len(word) > 3:
        return word[:-1]
    return word


def check_verb(token: Token) -> None:
    """Keep a verb's written form as lemma when the tagger invented an infinitive no one uses.

    For a form its lexicon lacks the tagger guesses an infinitive from the endings; for a
    misspelt form that is no word (`verteitigt` -> "verteitigen"). A guess the dictionary
    lists, or that is in use, is kept (`geliked` -> `liken`).
    """
    # deferred: HanTa and its model load only when a word is tagged (start-up time)
    from lernkarten.analysis.hanta_tagger import german_tagger

    lemma = token.lemma_
    if _known_verb(lemma, dictionary_verbs()):
        return
    if german_tagger().cache.get(token.text.lower()):
        return  # the tagger's lexicon knows the form: its lemma is no guess
    token.lemma_ = token.text.lower()


def check_participle(token: Token) -> None:
    """Correct the infinitive of a past participle where the tagger chose a verb it cannot be from.

    - `gelegen` is not a participle of `legen` (that is `gelegt`) but of `liegen`: the verb's
      own participle (ablaut) must be the word, else a verb whose stem vowel differs and whose
      participle it is takes its place.
    - `gefallen` is a participle of `fallen` (with `sein`) and of `gefallen` (with `haben`):
      "Es hat mir gefallen" is the second.
    """
    word = token.text.lower()
    lemma = token.lemma_
    parts = verb_parts(lemma)
    if parts is None:
        return
    participle, auxiliary = parts
    verbs = dictionary_verbs()
    if participle != word:
        if word.endswith("en"):
            token.lemma_ = _strong_verb_of(word, lemma, verbs) or lemma
        return
    prefixed = "ge" + lemma
    if auxiliary == "sein" and word.startswith("ge") and prefixed in verbs and verb_parts(prefixed) == (word, "haben"):
        auxiliaries = {t.lemma_ for t in _clause(token) if t.tag_.startswith("VA")}
        if "haben" in auxiliaries and "sein" not in auxiliaries:
            token.lemma_ = prefixed


def _clause(token: Token) -> list[Token]:

    words = [t for t in token.sent if not t.is_space]
    return clause_of(words, next(i for i, t in enumerate(words) if t.i == token.i), commas_only=True)


_STEM_VOWELS = re.compile(r"(ie|ei|au|eu|äu|[aeiouäöü])(?=[^aeiouäöü]*en$)")
_VOWELS = ("a", "e", "i", "o", "u", "ä", "ö", "ü", "ie", "ei", "au")


def _strong_verb_of(participle: str, lemma: str, verbs: frozenset[str]) -> str | None:
    """The verb, like `lemma` but for its stem vowel, whose participle is `participle`: gelegen -> liegen."""
    match = None
    for match in _STEM_VOWELS.finditer(lemma):  # noqa: B007  (the last match is the one wanted)
        pass  # the last vowel before the ending: the stem's
    if match is None:
        return None
    for vowel in _VOWELS:
        candidate = lemma[: match.start()] + vowel + lemma[match.end():]
        parts = verb_parts(candidate) if candidate != lemma and candidate in verbs else None
        if parts is not None and parts[0] == participle:
            return candidate
    return None


@lru_cache(maxsize=20_000)
def verb_parts(infinitive: str) -> tuple[str, str] | None:
    """(past participle, auxiliary) of a verb from ablaut, or None when ablaut cannot conjugate it.
    The participle is in small letters as `str.lower` writes them (ß kept: "gestoßen"), to be
    compared with a word of the text lowered so."""
    import ablaut

    try:
        conjugation = ablaut.conjugate(infinitive)
    except Exception:  # noqa: BLE001 - ablaut raises ValueError for non-infinitives, others for odd input
        return None
    participle = (getattr(conjugation, "past_participle", "") or "").lower().split()
    if not participle:
        return None
    return participle[-1], str(getattr(conjugation, "auxiliary", "") or "")


#: a verb lemma no dictionary lists must be at least this common to be believed
MIN_VERB_ZIPF = 1.0


def _known_verb(lemma: str, verbs: frozenset[str]) -> bool:
    """True for a verb listed or in use, also with a separable prefix before it (`hoch|spülen`, `mit|verursachen`)."""
    if lemma in verbs or zipf_de(lemma) >= MIN_VERB_ZIPF:
        return True
    for cut in range(2, len(lemma) - 3):
        prefix, rest = lemma[:cut], lemma[cut:]
        if prefix in SEPARABLE_PARTICLES and (rest in verbs or zipf_de(rest) >= MIN_VERB_ZIPF):
            return True
    return False

#: the parts of speech whose lemmas a learner learns
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "ADV", "VERB"})


def is_abbreviation(word: str) -> bool:
    """True for all-caps abbreviations: ODKB, NATO, G20, NGOs; not for words in capitals ("REDE")."""
    return bool(_ALL_CAPS.match(word)) and not is_shouted(word)


@lru_cache(maxsize=20_000)
def is_shouted(word: str) -> bool:
    """True for an ordinary word written in capitals for emphasis: "REDE", "GUT", "WELTMEISTERSCHAFT".

    An abbreviation is known as written (NATO, EU) or not known as a word at all (ODKB);
    a shouted word is a known noun once capitalised normally, or a common word.
    """
    if not word.isupper() or len(word) < 2:
        return False
    if not any(vowel in word for vowel in "AEIOUÄÖÜY"):
        return False  # LKW, ZDF: no word is written without vowels
    table = _table()
    if table.lookup(word):
        return False
    capitalised = word[:1] + word[1:].lower()
    if len(word) >= 4 and table.lookup(capitalised):
        return True  # REDE, BERLIN: a noun or a name the table knows in normal case
    return len(word) >= 3 and _common_word(word.lower())


def _common_word(word: str) -> bool:
    """True when the tagger's lexicon knows `word` (lower case) as something other than a name
    (`common_words`: read from disk, so that asking does not load the tagger).

    Word frequency alone cannot tell: it counts "fdp" as often as "gut".
    """
    return word in common_words()


def noun_rows(word: str) -> tuple:
    """The noun table's rows for a form, also for old spellings (`Prozeß` is found as `Prozess`)."""
    table = _table()
    rows = table.lookup(word)
    if not rows and "ß" in word:
        rows = table.lookup(modern_spelling(word))
    return rows


def modern_spelling(word: str) -> str:
    """`Prozeß` -> `Prozess`: ß after a short vowel became ss in 1996 (after a long one it stays: Maß).

    The spelling does not show the vowel's length, the noun table does: a word it lacks in
    the ß spelling and knows with ss is respelled (`Mißerfolg`), and so is a compound whose
    last part is such a word (`Demokratisierungsprozeß`, `Schubladen-Ausschuß`), but not one
    whose part is known as written (`Mindestmaß`, `Fahrspaß`).
    """
    if "ß" not in word:
        return word
    table = _table()
    if table.lookup(word):
        return word
    candidate = word.replace("ß", "ss")
    if table.lookup(candidate):
        return candidate
    before, hyphen, last = word.rpartition("-")
    for start in range(0 if hyphen else 3, len(last) - 2):
        head, modifier = last[start:], last[:start]
        if "ß" not in head or "ß" in modifier:
            continue
        old_head = head[:1].upper() + head[1:]
        if table.lookup(old_head):
            return word   # the part with the ß is a word as written: Fahr|spaß, not Fahrs|pass
        if not table.lookup(old_head.replace("ß", "ss")):
            continue
        if start == 0 or plausible_modifier(modifier):
            return before + hyphen + modifier + head.replace("ß", "ss")
    return word


def name_lemma(word: str, tagger_lemma: str) -> str:
    """A name as written, but without a genitive -s (`Putins` -> `Putin`).

    The tagger's guesses at other endings of names it does not know are dropped
    (`Gebauer` -> "Gebau", `McCartney` -> "Mccartney"); so is its -s for names that end in
    -s themselves (`Belarus`, `Carglass`), unless the table knows the name without it.
    """
    if word == tagger_lemma:
        return word
    if word.endswith("s") and tagger_lemma == word[:-1]:
        table = _table()
        if any(row.lemma == word for row in table.lookup(word)):
            return word  # Belarus, Paris
        if any(row.is_name for row in table.lookup(tagger_lemma)):
            return tagger_lemma  # Russlands -> Russland
        if not word.endswith(("ss", "us", "is", "os", "as", "ys", "xs")):
            return tagger_lemma
    return word


def normal_case(word: str) -> str:
    """A shouted word as it is normally written: "BEDIENUNG" -> "Bedienung", "SUPER" -> "super"."""
    capitalised = word[:1] + word[1:].lower()
    if _table().lookup(capitalised):
        return capitalised
    return word.lower()


def abbreviation_lemma(word: str) -> str:
    """An abbreviation as written, without a plural or genitive -s (`NGOs` -> `NGO`)."""
    return word.removesuffix("s")


@dataclass(frozen=True)
class NounReading:
    """A noun form read as `prefix` (as written) + an inflecting head the noun table knows."""
    lemma: str                # the whole lemma: "ODKB-Friedenstruppe"
    prefix: str = ""          # what stays as written: "ODKB-Friedens", "Hilfs", "" for a known noun
    rows: tuple = ()          # the noun-table rows of the head's lemma (gender, plural, slots)

    def plural(self) -> str:
        """The whole noun's plural, when the head has exactly one."""
        plurals = {row.plural for row in self.rows if row.plural}
        if len(plurals) != 1:
            return ""
        head = plurals.pop()
        if self.prefix and not self.prefix.endswith("-"):
            head = head[:1].lower() + head[1:]
        return self.prefix + head


@lru_cache(maxsize=20_000)
def sz_spelling(word: str) -> str:
    """`word` with ß where its writer wrote ss for it (`Spass`, `draussen`, `Seestrasse`), as the
    dictionary spells it; a form the tagger knows as written (`Busse`, of Bus) stays."""
    # deferred: HanTa and its model load only when a word is tagged (start-up time)
    from lernkarten.analysis.hanta_tagger import german_tagger

    standard = standard_spelling(word)
    if standard == word or german_tagger().cache.get(word.lower()):
        return word
    return standard


def check_noun(token: Token) -> None:
    """Set a common noun's lemma, gender and number from the noun table where it knows them."""
    word = sz_spelling(token.text) if "ss" in token.text else token.text
    lemma, entry_lemma, morph = noun_facts(word, token.lemma_, token._.nominalised)
    token.lemma_ = lemma
    if entry_lemma:
        token._.entry_lemma = entry_lemma
    if morph:
        token.set_morph(morph)  # type: ignore[attr-defined]  # spaCy has it; its stubs do not


@lru_cache(maxsize=50_000)
def noun_facts(word: str, tagger_lemma: str, nominalised: str | None = None) -> tuple[str, str, str]:
    """(treebank lemma, learner's lemma if different or "", morphology) of a common noun form."""
    if is_shouted(word):
        word = word[:1] + word[1:].lower()
    if nominalised == "ADJ":
        return nominalised_adjective_lemma(word, tagger_lemma), "", ""
    if nominalised == "VERB":
        return tagger_lemma[:1].upper() + tagger_lemma[1:], "", ""
    if "ß" in word and modern_spelling(word) != word:
        # the treebank keeps the spelling as written; the learner learns today's
        modern = read_noun(modern_spelling(word), tagger_lemma.replace("ß", "ss"))
        return tagger_lemma, modern.lemma, _features(modern.rows)
    reading = read_noun(word[:1].upper() + word[1:], tagger_lemma[:1].upper() + tagger_lemma[1:])
    return reading.lemma, plural_in_use(reading) or "", _features(reading.rows)


def nominalised_adjective_lemma(word: str, tagger_lemma: str) -> str:
    """The lemma of an adjective used as a noun: its weak form in -e, as dictionaries list it.

    `die Abgeordneten`, `ein Abgeordneter` -> `Abgeordnete` ("der/die Abgeordnete"); one the
    table does not know is the adjective with -e (`im Dunkeln` -> `Dunkle`, `Gutes` -> `Gute`).
    """
    rows = [row for row in _table().lookup(word) if row.adjectival and row.lemma.endswith("e")]
    if rows:
        return rows[0].lemma
    # deferred: HanTa and its model load only when a word is tagged (start-up time)
    from lernkarten.analysis.hanta_tagger import german_tagger

    adjective = german_tagger().analyze(word.lower(), pos="ADJ(A)")[0]
    if not adjective or not word.lower().startswith(adjective[:2]):
        return tagger_lemma
    if adjective.endswith("e"):
        stem = adjective
    elif adjective.endswith(("el", "auer", "euer")):
        stem = adjective[:-2] + adjective[-1] + "e"  # dunkel -> Dunkle, teuer -> Teure
    else:
        stem = adjective + "e"
    return stem[:1].upper() + stem[1:]


#: place adjectives in -er are capitalised and never inflected: die Berliner Mauer, am Kölner Dom
_PLACE_ADJECTIVE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+er$")


def check_adjective(token: Token) -> None:
    """Keep the lemma of a place adjective as written (`Kölner` -> `Kölner`, not "kölner"); take an
    irregular comparison form back to its positive (`nächste` -> `nah`, as `besten` -> `gut`), but
    let the learner learn a superlative with a meaning of its own as the dictionary lists it
    (`nächste`: next)."""
    word = token.text
    if token.i > 0 and not token.is_sent_start and _PLACE_ADJECTIVE.match(word) and token.lemma_ == word.lower():
        token.lemma_ = word
    elif token.tag_ == "ADJA":

        words = headwords()
        form = token.lemma_
        positive = words.comparison.get(form)
        if positive:
            token.lemma_ = positive
            if form.endswith("st") and form + "e" in words.adjectives:
                # a superlative the dictionary lists on its own: `nächste` (next), `beste`
                token._.entry_lemma = form + "e"


def noun_lemma(word: str, tagger_lemma: str) -> str:
    """The nominative singular of a common noun form, or the tagger's lemma when nothing knows better."""
    return read_noun(word, tagger_lemma).lemma


def read_noun(word: str, tagger_lemma: str) -> NounReading:
    """The noun's lemma and, where the table knows it, its inflecting head's rows."""
    first, hyphen, last = word.rpartition("-")
    if hyphen and first and last:
        # `ODKB-Friedenstruppen`: first parts as written, the last one read as a noun of its own
        if is_abbreviation(last):
            return NounReading(f"{first}-{abbreviation_lemma(last)}")
        if not last[:1].isupper():
            return NounReading(_hyphenated_as_tagged(word, tagger_lemma))
        tail = tagger_lemma.rpartition("-")[2]
        inner = read_noun(last, tail[:1].upper() + tail[1:])
        return NounReading(f"{first}-{inner.lemma}", f"{first}-{inner.prefix}", inner.rows)
    table = _table()
    rows = table.lookup(word)
    if rows:
        common = [row for row in rows if not row.is_name] or list(rows)
        lemmas = [row.lemma for row in common]
        lemma = tagger_lemma if tagger_lemma in lemmas else lemmas[0]
        return NounReading(lemma, "", tuple(row for row in common if row.lemma == lemma))
    for plural, singular in _DERIVED_PLURALS:
        if word.endswith(plural) and len(word) > len(plural) + 2:
            lemma = word[: -len(plural)] + singular
            return NounReading(lemma, "", _derived_rows(lemma, word, _PLURAL_SLOTS))
    split = compound_head(word)
    if split is not None:
        modifier, head_rows = split
        lemmas = [row.lemma for row in head_rows]
        # the tagger's reading if it is one of the head's, else the table's first
        head = next((lemma for lemma in lemmas if tagger_lemma.lower().endswith(lemma.lower())), lemmas[0])
        chosen = tuple(row for row in head_rows if row.lemma == head)
        return NounReading(modifier + head[:1].lower() + head[1:], modifier, chosen)
    if word.endswith(FEMININE_EN_SUFFIXES) and len(word) > 6:
        return NounReading(word, "", _derived_rows(word, "", _SINGULAR_SLOTS))
    for ending in _ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_HEAD:
            known = table.lemma(stem)
            if known:
                # the stem's rows say nothing about the case or number of this form
                return NounReading(stem, "", tuple(replace(row, slots=()) for row in known))
    # nothing knows the word: the tagger's guess is believed where it only drops an ending that
    # marks a plural or case ("Copyshops" -> "Copyshop"), not a final -e or -er (as often a
    # singular's own: "Rheinfähre", not "Rheinfähr"; "Gebauer", not "Gebau"), nor where it
    # rewrites the word ("Kolegin" -> "Kolegium"); the writer's capitals stay ("TechnoGym")
    if word.lower().startswith(tagger_lemma.lower()) and word[len(tagger_lemma):] in _GUESSED_ENDINGS:
        return NounReading(word[: len(tagger_lemma)])
    return NounReading(word)


#: endings the tagger may take off a noun nothing else knows: plurals and genitives in -(e)n, -(e)s
_GUESSED_ENDINGS = frozenset({"n", "en", "nen", "s", "es", "ns", "ens"})


def _derived_rows(lemma: str, plural: str, slots: tuple[str, ...]) -> tuple:
    """A noun-table row for a derived noun the table lacks, when its suffix tells its gender."""
    if not lemma.endswith(FEMININE_EN_SUFFIXES):
        return ()
    plural = plural or (lemma + "nen" if lemma.endswith("in") else lemma + "en")
    return (NounInfo(lemma, "f", plural, lemma, False, False, ("Substantiv",), slots),)


@lru_cache(maxsize=50_000)
def compound_head(word: str) -> tuple[str, tuple] | None:
    """(modifier, head's noun-table rows) for the longest known common noun ending `word`.

    `Hilfsbitte` -> ("Hilfs", rows of Bitte). Both parts must be known words: the modifier
    (`Hilfe` + linking s) as well as the head, or any word ending in a short noun would count
    (`Beanstandun|gen`). None when no such split exists.
    """
    table = _table()
    for start in range(3, len(word) - MIN_HEAD + 1):
        part = word[start:]
        if "ß" not in part and not known_german(part.lower()):
            continue  # a head noun is a common word; asking the word list is far quicker than the table
        rows = tuple(row for row in table.lookup(part[:1].upper() + part[1:]) if not row.is_name)
        if rows and plausible_modifier(word[:start]):
            return word[:start], rows
    return None


#: the linking elements a compound's first part is tried with here: all but -ens (Herz-ens-),
#: which the glossing stage's split tries
_MODIFIER_LINKS = tuple(link for link in LINKING_ELEMENTS if link != "ens")


@lru_cache(maxsize=50_000)
def plausible_modifier(modifier: str, depth: int = 1) -> bool:
    """True when `modifier` is a word that can start a compound: a noun, verb or adjective stem,
    with or without a linking element (`Hilfs` from Hilfe, `Schreib` from schreiben), a derived
    noun (`Demarkations`), or itself a compound of such (`Benzin|spar`, `Ab|räum`)."""
    table = _table()
    for linking in _MODIFIER_LINKS:
        if not modifier.endswith(linking):
            continue
        stem = modifier[: len(modifier) - len(linking)] if linking else modifier
        for candidate in (stem, stem + "e"):
            if len(candidate) < 3:
                continue
            capitalised = candidate[:1].upper() + candidate[1:]
            if any(not row.is_name for row in table.lookup(capitalised)):
                return True
            if _known_stem(candidate.lower()):
                return True
            if linking and candidate.lower().endswith(DERIVATIONAL_SUFFIXES):
                return True
    if depth > 0:
        lowered = modifier.lower()
        for prefix in STEM_PREFIXES:
            if lowered.startswith(prefix) and len(lowered) - len(prefix) >= 3 and _known_stem(lowered[len(prefix):]):
                return True  # Ab|räum
        for cut in range(3, len(modifier) - 3):
            if plausible_modifier(modifier[:cut], 0) and plausible_modifier(modifier[cut:], 0):
                return True  # Benzin|spar
    return False


def _known_stem(stem: str) -> bool:
    """A German word the tagger knows (not as a name), or the stem of a verb (`spar` of sparen)."""
    return (len(stem) >= 3 and _common_word(stem)) or zipf_de(stem + "en") >= 2.5




def plural_in_use(reading: NounReading) -> str | None:
    """The plural a learner should learn instead of a singular rarely used (`Streitkraft` -> `Streitkräfte`)."""
    plural = reading.plural()
    if not plural or plural == reading.lemma:
        return None
    # a hyphenated compound is compared by its last part: "ODKB-" is in no word list
    singular_part = reading.lemma.rpartition("-")[2]
    plural_part = plural.rpartition("-")[2]
    singular_zipf = zipf_de(singular_part)
    if not singular_zipf:
        # a rare word the word list knows in one form only ("Schmiergeldzahlungen"): a
        # compound's head tells whether German uses it in the plural; else only a common
        # plural says so
        head = next(iter(reading.rows), None) if reading.prefix and not reading.prefix.endswith("-") else None
        if head is not None and head.plural:
            # a head whose plural is a noun of its own: "Wirtschafts|daten" (Daten, data) stays plural
            return plural if any(row.plural_only for row in _table().lemma(head.plural)) else None
        if zipf_de(plural_part) < RARE_SINGULAR_PLURAL:
            return None
    if zipf_de(plural_part) - singular_zipf >= PLURAL_PREFERENCE:
        return plural
    return None


def _hyphenated_as_tagged(word: str, tagger_lemma: str) -> str:
    """`Kassym-Jomarts` -> `Kassym-Jomart`: the tagger's ending on the parts as written."""
    first, _, last = word.rpartition("-")
    tail = tagger_lemma.rpartition("-")[2]
    if not tail or not last.lower().startswith(tail[:2].lower()) or len(tail) > len(last) + 2:
        return word
    return f"{first}-{last[:1]}{tail[1:]}"


def _features(rows: tuple) -> str:
    """Gender, number and case as far as the noun-table rows of a form agree on them."""
    features = {}
    genders = {row.gender for row in rows}
    if len(genders) == 1 and "" not in genders:
        features["Gender"] = _GENDERS[genders.pop()]
    slots = [slot for row in rows for slot in row.slots]
    if slots:
        if all("plural" in slot for slot in slots):
            features["Number"] = "Plur"
        elif all("singular" in slot for slot in slots):
            features["Number"] = "Sing"
        cases = {slot.split(" ")[0] for slot in slots}
        if len(cases) == 1:
            features["Case"] = _CASES.get(cases.pop(), "")
    elif rows and all(row.plural_only for row in rows):
        features["Number"] = "Plur"
    return "|".join(f"{key}={value}" for key, value in sorted(features.items()) if value)


@lru_cache(maxsize=1)
def _table():

    return noun_table()
