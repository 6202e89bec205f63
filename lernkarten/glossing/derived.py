"""Glosses for words German makes by rule from words the dictionary knows, marked as made.

Ding lists words, not German's word formation, and a news text is full of words made by
rule: `Münchner` (of Munich), `Beamte` (Ding lists `Beamter`), `das Durchgreifen` (the verb
as a noun), `Tierchen` (a little Tier), `gewaltfrei` (Gewalt + -frei), `nordbayerisch`
(nord- + bayerisch), `Kasachifizierung`, `vorbeischleichen` and English loanwords (`Location`).
Each rule checks its parts against Ding, the noun table (Wiktionary: its place names) or
English word frequencies, and gives nothing when a part is unknown: no gloss is better than
a made-up one. What a rule makes is marked uncertain and says what it was made from.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lernkarten.entries import Entry, Gloss
from lernkarten.glossing.dictionary import HEAD, Dictionary
from lernkarten.glossing.fallbacks import (
    Fallback,
    attributive,
    compound_fallback,
    glosses_for,
    known_modifier,
    nationality_fallback,
    plain_english,
)
from lernkarten.glossing.grammar import Grammar
from lernkarten.glossing.senses import PERSON_MARK, choose_senses, glosses_of
from lernkarten.lexicon.morphology import masculine_stems, without_last_umlaut

#: How common (wordfreq Zipf) an English word must be for a German noun written the same to be
#: taken as a loan of it: "Hotline", "Location" yes; a surname or a typo that happens to be a rare
#: English word, no.
LOANWORD_ZIPF = 3.3
#: How common an English -ing form must be to stand for a German verb used as a noun.
GERUND_ZIPF = 2.0
#: English a rule may build on: words, no markup left over from Ding ("bad ~worse").
_PLAIN_WORDS = re.compile(r"[A-Za-z][A-Za-z' -]*")


# -- adjectival nouns ------------------------------------------------------------------------

def adjectival_noun_fallback(entry: Entry, dictionary: Dictionary, nouns: object) -> Fallback | None:
    """"Beamte" as Ding's "Beamter"; else "Interessierte" through interessiert: "interested person".

    Ding lists an adjectival noun in its strong masculine form (`Beamter`, `Schaulustiger`), the
    text and the noun table in the weak one. A noun of an adjective Ding lists is a person
    ("die Interessierten") unless the text says "das" ("das Schlimme": a thing).
    """
    lemma = entry.lemma
    if not lemma[:1].isupper() or not lemma.endswith("e") or len(lemma) < 5:
        return None
    forms = [r.lemma for r in nouns.lookup(lemma) if r.adjectival and r.lemma != lemma]  # type: ignore[attr-defined]
    if _declines_as_adjective(lemma + "r", lemma, dictionary):
        forms.append(lemma + "r")
    for form in dict.fromkeys(forms):
        if dictionary.knows_head(form, "NOUN"):
            glosses = glosses_for(form, "NOUN", dictionary, None)
            if glosses:
                return Fallback("adjectival", [replace(g, via=form) for g in glosses], form, base=form)
    adjective = lemma[0].lower() + lemma[1:-1]
    if any(not r.adjectival for r in nouns.lemma(lemma)) or not dictionary.knows_head(adjective, "ADJ"):  # type: ignore[attr-defined]
        return None   # "Breite" is a noun of its own, not "a wide person"
    if not all(form.endswith(("e", "en", "er", "em", "es")) for form in entry.forms):
        return None   # the text wrote it without an adjective's ending: "Gold und Himmelblau" is a colour
    english = [plain_english(g.text) for g in glosses_for(adjective, "ADJ", dictionary, None)]
    english = [e for e in english if _PLAIN_WORDS.fullmatch(e) and len(e.split()) <= 2 and not e.startswith("to ")]
    if not english:
        return None
    # "das Schlimme", "noch Schlimmeres": a neuter adjectival noun is a thing, not a person
    thing = any(example.article.casefold() == "das" for example in entry.examples) or any(
        form.endswith("es") for form in entry.forms)
    text = f"what is {english[0]}" if thing else f"{english[0]} person"
    return Fallback("adjectival", [Gloss(text=text, source="ding:base", uncertain=True, via=adjective)], adjective,
                    parts=["thing" if thing else "person"])


def _declines_as_adjective(form: str, lemma: str, dictionary: Dictionary) -> bool:
    """Ding lists `form` ("Beamter") with the plural an adjective makes ("Beamten"): not a
    noun of its own that happens to end in -r ("Flüchtlingslager" is no "Flüchtlingslage")."""
    for hit in dictionary.lookup(form):
        if hit.kind == HEAD and hit.slot == 0 and len(hit.line.slots) > 1:
            plurals = {term.key for term in hit.line.slots[1].terms}
            if lemma + "n" in plurals:
                return True
    return False


def adjectival_grammar(entry: Entry, fallback: Fallback) -> Grammar:
    """der/die Interessierte, des/der Interessierten; das Schlimme, des Schlimmen (no plural)."""
    lemma = entry.lemma
    if fallback.parts == ["thing"]:
        return Grammar(gender=["n"], genitive=f"des {lemma}n", adjectival_noun=True,
                       notes=[f"adjectival noun: das {lemma}"])
    return Grammar(gender=["m", "f"], plural=f"{lemma}n", genitive=f"des/der {lemma}n", adjectival_noun=True,
                   notes=[f"adjectival noun: der {lemma}, ein {lemma}r"])


# -- places ----------------------------------------------------------------------------------

def place_fallback(entry: Entry, nouns: object, dictionary: Dictionary | None = None, *,
                   inhabitants_only: bool = False) -> Fallback | None:
    """"Münchner", "Kölner" (adjective: of the place; noun: a person from it), "kalifornisch".

    The English name comes from Ding's gloss of the people ("Kölner": "inhabitant of Cologne");
    else the place must be one the noun table names as a place (Wiktionary's toponyms), named
    as Ding names it in English ("München": Munich), or in German when Ding lacks it. With
    `inhabitants_only`, only the first way is tried.
    """
    lemma = entry.lemma
    if dictionary is not None and entry.pos == "ADJ" and lemma[:1].isupper() and lemma.endswith("er"):
        for gloss in glosses_for(lemma, "NOUN", dictionary, None) + glosses_for(f"die {lemma}", "", dictionary, None):
            found = _INHABITANT.match(plain_english(gloss.text))
            if found:
                place = found.group(1)
                return Fallback("place", [Gloss(text=f"of {place}", source="ding:base", uncertain=True, via=lemma),
                                          Gloss(text=f"from {place}", source="ding:base", uncertain=True, via=lemma)],
                                lemma)
        if inhabitants_only:
            return None
    if lemma[:1].isupper() and lemma.endswith("er") and len(lemma) >= 5:
        stem = lemma[:-2]
        candidates = [stem, stem + "en", stem + "n"]
        if stem.endswith("n"):
            candidates.append(stem[:-1] + "en")     # Münchner: München
    elif entry.pos == "ADJ" and lemma.islower() and lemma.endswith("isch") and len(lemma) >= 8:
        stem = lemma[0].upper() + lemma[1:-4]
        # kalifornisch: Kalifornien; amerikanisch: Amerika
        candidates = [stem, stem + "ien", stem + "a", stem + "en", stem + "land"]
        if stem.endswith("n"):
            candidates.append(stem[:-1])
    else:
        return None
    for place in candidates:
        if any(r.is_name and "Toponym" in r.kinds for r in nouns.lemma(place)):  # type: ignore[attr-defined]
            name = english_place_name(place, dictionary) if dictionary is not None else place
            text = f"person from {name}" if entry.pos == "NOUN" else f"of {name}; from {name}"
            glosses = [Gloss(text=t, source="ding:base", uncertain=True, via=place) for t in text.split("; ")]
            return Fallback("place", glosses, place)
    return None


def english_place_name(place: str, dictionary: Dictionary) -> str:
    """The English name of a German place name from Ding's geography lines ("München": Munich),
    else the German name."""
    for hit in dictionary.lookup(place):
        if hit.kind != HEAD or hit.slot != 0 or "geogr." not in hit.line.slots[0].labels:
            continue
        senses = hit.line.slots[0].senses
        name = plain_english(senses[0].text).split(" /")[0].strip() if senses else ""
        if name[:1].isupper() and name != place and _PLAIN_WORDS.fullmatch(name) and len(name.split()) <= 3:
            return name
    return place


def place_adjective_fallback(entry: Entry, dictionary: Dictionary, nouns: object) -> Fallback | None:
    """The adjective of a place ("Kölner Dom", "Pariser Mode"): of the place, never Ding's
    sausage ("Frankfurter"), doughnut ("Berliner") or other thing named after it.

    In order: Ding's gloss of the people ("inhabitant of Cologne": of Cologne); Ding's own
    English adjectives of the word ("Swiss", "Parisian"); the place the noun table knows.
    """
    found = place_fallback(entry, nouns, dictionary, inhabitants_only=True)
    if found is not None:
        return found
    proper = [g for g in glosses_of(choose_senses(entry, dictionary))
              if (g.text[:1].isupper() or g.text.startswith("of ")) and g.text != entry.lemma
              and _PLAIN_WORDS.fullmatch(g.text)]
    if proper:
        return Fallback("place", proper, entry.lemma)
    return place_fallback(entry, nouns, dictionary)


#: Ding's English for the people of a place: "inhabitant of Cologne", "the people from Cologne".
_INHABITANT = re.compile(r"(?:the )?(?:inhabitants?|natives?|residents?|citizens?|people|persons?) (?:of|from) "
                         r"([A-Z][A-Za-z.' -]*)$")


#: Points of the compass before an adjective of a place: "nordbayerisch" -> "North Bavarian".
COMPASS = {"nordost": "North-East", "nordwest": "North-West", "südost": "South-East", "südwest": "South-West",
           "nord": "North", "süd": "South", "ost": "East", "west": "West", "mittel": "Central", "zentral": "Central"}
REGION = {"North-East": "north-eastern", "North-West": "north-western", "South-East": "south-eastern",
          "South-West": "south-western", "North": "northern", "South": "southern", "East": "eastern",
          "West": "western", "Central": "central"}


def compass_fallback(entry: Entry, dictionary: Dictionary, nouns: object) -> Fallback | None:
    """"südamerikanisch" -> "South American" (Südamerika is a place), "südfranzösisch" -> "southern French"."""
    lemma = entry.lemma
    for prefix, compass in COMPASS.items():
        rest = lemma.removeprefix(prefix).lstrip("-")
        if rest == lemma or len(rest) < 5 or not rest.endswith("isch"):
            continue
        english = ""
        glosses = glosses_for(rest, "ADJ", dictionary, None)
        if glosses:
            english = plain_english(glosses[0].text)
        else:
            made = nationality_fallback(Entry(lemma=rest, pos="ADJ"), dictionary)
            english = plain_english(made.glosses[0].text) if made else ""
        place = place_fallback(Entry(lemma=rest, pos="ADJ"), nouns, dictionary)
        region = prefix.capitalize() + place.via.lower() if place is not None else ""
        if english[:1].isupper() and len(english.split()) <= 2:
            # "South American" where the region is a place of its own (Südamerika); else "southern French"
            text = f"{compass} {english}" if region and dictionary.knows(region) else f"{REGION[compass]} {english}"
        elif place is not None:
            text = f"of {REGION[compass]} {english_place_name(place.via, dictionary)}"
        else:
            continue
        via = f"{prefix}- + {rest}"
        return Fallback("compound", [Gloss(text=text, source="ding:compound", uncertain=True, via=via)], via,
                        base=rest, parts=[prefix, rest])
    return None


# -- adjectives made with a noun --------------------------------------------------------------

#: Second parts of adjectives made from a noun, and the English they make with the noun:
#: "gewaltfrei" -> "violence-free", "handlungsfähig" -> "capable of action".
SUFFIXOIDS = {
    "orientiert": "{}-oriented", "spezifisch": "{}-specific", "freundlich": "{}-friendly",
    "feindlich": "hostile to {}", "bezogen": "{}-related", "basiert": "{}-based", "gestützt": "{}-based",
    "intensiv": "{}-intensive", "ähnlich": "{}-like", "förmig": "{}-shaped", "haltig": "containing {}",
    "kritisch": "critical of {}", "bedingt": "caused by {}", "pflichtig": "subject to {}", "würdig": "worthy of {}",
    "fähig": "capable of {}", "frei": "{}-free", "los": "without {}", "reich": "rich in {}",
    "voll": "full of {}", "weit": "{}-wide", "nah": "close to {}",
}


def suffixoid_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """An adjective of a noun Ding lists and a second part German makes adjectives with."""
    lemma = entry.lemma
    if not lemma.islower():
        return None
    for suffix, pattern in SUFFIXOIDS.items():
        written = lemma.removesuffix(suffix)
        if written == lemma or len(written) < 3:
            continue
        noun = known_modifier(written, dictionary)
        if not noun[:1].isupper():
            continue   # the first part must be a noun ("gewalt" -> Gewalt), not a verb stem
        glosses = glosses_for(noun, "NOUN", dictionary, None)
        english = attributive(glosses[0].text) if glosses else ""
        if not english or (pattern.startswith("{}-") and " " in english):
            continue
        via = f"{noun} + -{suffix}"
        gloss = Gloss(text=pattern.format(english), source="ding:compound", uncertain=True, via=via)
        return Fallback("compound", [gloss], via, base=noun, parts=[noun, suffix])
    return None


# -- nouns made from verbs and nouns -----------------------------------------------------------

#: Nouns of making something a people's or a place's: "Kasachifizierung" -> "Kazakhification".
_MAKING = {"ifizierung": "ification", "isierung": "ization"}


def making_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """"Russifizierung", "Kasachifizierung": the people's English adjective and -ification / -ization.

    Only for a proper adjective ("Kazakh", "Russian"), whose English makes such nouns by rule;
    "-ic" goes (Germanic: Germanization), and "-ian" before "-ification" (Russification).
    """
    lemma = entry.lemma
    for suffix, english_suffix in _MAKING.items():
        stem = lemma.removesuffix(suffix)
        if stem == lemma or len(stem) < 3 or not stem[:1].isupper():
            continue
        adjective = stem.lower() + "isch"
        glosses = glosses_for(adjective, "ADJ", dictionary, None)
        if not glosses:
            made = nationality_fallback(Entry(lemma=adjective, pos="ADJ"), dictionary)
            glosses = made.glosses if made else []
        english = plain_english(glosses[0].text) if glosses else ""
        if not english[:1].isupper() or not english.isalpha():
            continue
        if english.endswith("ic") or (english_suffix == "ification" and english.endswith("ian")):
            english = english.removesuffix("ic").removesuffix("ian")   # Germanic: Germanization
        word = english + english_suffix
        # English attests it ("Russification"), or the people's name is bare ("Kazakh"): a
        # suffix of its own ("Turkish", "Chinese") makes words English does not have
        if dictionary.english.word_zipf(word.lower()) <= 0 and english.endswith(_ADJECTIVE_ENDINGS):
            continue
        via = f"{adjective} + -{suffix}"
        return Fallback("base", [Gloss(text=word, source="ding:base", uncertain=True, via=via)], via, base=adjective)
    return None


_ADJECTIVE_ENDINGS = ("ish", "ese", "ian", "an", "i", "ic")


def infinitive_noun_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """"das Durchgreifen" (durchgreifen, "to take drastic action") -> "taking drastic action"."""
    lemma = entry.lemma
    if not lemma[:1].isupper() or not lemma.endswith(("en", "ern", "eln")) or len(lemma) < 6:
        return None
    verb = lemma[0].lower() + lemma[1:]
    for gloss in glosses_for(verb, "VERB", dictionary, None):
        words = plain_english(gloss.text).removeprefix("to ").split()
        if not words or not words[0].isalpha():
            continue
        ing = gerund(words[0])
        if dictionary.english.word_zipf(ing) < GERUND_ZIPF:
            continue
        text = " ".join([ing, *words[1:]])
        return Fallback("infinitive", [Gloss(text=text, source="ding:base", uncertain=True, via=verb)], verb,
                        base=verb)
    return None


def infinitive_grammar(entry: Entry) -> Grammar:
    """das Durchgreifen, des Durchgreifens, no plural: every verb's infinitive as a noun."""
    return Grammar(gender=["n"], genitive=f"des {entry.lemma}s", notes=["the verb's infinitive used as a noun"])


#: Separable particles whose sense English says with an adverb after the verb ("vorbeischleichen":
#: to sneak past), and how: "{}" is the verb's English. Particles with many senses (ab, an, auf, vor,
#: nach, mit, durch, entgegen) are left out: a guess at them would often be wrong.
TRANSPARENT_PARTICLES = {
    "hinaus": "{} out", "heraus": "{} out", "raus": "{} out", "hinein": "{} in", "herein": "{} in",
    "rein": "{} in", "hinauf": "{} up", "herauf": "{} up", "hinunter": "{} down", "herunter": "{} down",
    "runter": "{} down", "vorbei": "{} past", "zurück": "{} back",
    "herum": "{} around", "umher": "{} around", "wieder": "{} again", "weiter": "to continue {}",
}


def particle_verb_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """"vorbeischleichen" (vorbei + schleichen, "to sneak") -> "to sneak past"."""
    lemma = entry.lemma
    if not lemma.islower() or " " in lemma:
        return None
    for particle, pattern in sorted(TRANSPARENT_PARTICLES.items(), key=lambda item: -len(item[0])):
        base = lemma.removeprefix(particle)
        if base == lemma or len(base) < 4 or not dictionary.knows_head(base, "VERB"):
            continue
        glosses = glosses_for(base, "VERB", dictionary, None)
        english = plain_english(glosses[0].text) if glosses else ""
        words = english.removeprefix("to ").split()
        if not english.startswith("to ") or len(words) != 1 or not _PLAIN_WORDS.fullmatch(english):
            continue   # a verb of one word only: "to keep house" + down is no English
        text = pattern.format(gerund(words[0])) if pattern.startswith("to ") else "to " + pattern.format(words[0])
        via = f"{particle} + {base}"
        return Fallback("base", [Gloss(text=text, source="ding:base", uncertain=True, via=via)], via, base=base)
    return None


_VOWELS = "aeiou"


def gerund(verb: str) -> str:
    """The -ing form of an English verb: "take" -> "taking", "stop" -> "stopping", "die" -> "dying"."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    syllables = len(re.findall(r"[aeiouy]+", verb))
    if (syllables == 1 and len(verb) >= 3 and verb[-1] not in _VOWELS + "wxy"
            and verb[-2] in _VOWELS and verb[-3] not in _VOWELS):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def diminutive_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """"Tierchen" -> "little animal" (Tier), "Häuschen" -> "little house" (Haus)."""
    lemma = entry.lemma
    if not lemma[:1].isupper() or not lemma.endswith(("chen", "lein")) or len(lemma) < 7:
        return None
    if dictionary.knows(lemma.lower()):
        return None   # "ein bisschen" written with a capital is no little Biss
    stem = lemma[:-4]
    plain = without_last_umlaut(stem)
    for base in dict.fromkeys([stem, stem + "e", plain, plain + "e", plain + "en"]):
        if len(base) < 3 or not dictionary.knows_head(base, "NOUN"):
            continue
        glosses = glosses_for(base, "NOUN", dictionary, None)
        english = attributive(glosses[0].text) if glosses else ""
        if english:
            return Fallback("diminutive", [Gloss(text=f"little {english}", source="ding:base", uncertain=True,
                                                 via=f"{base} + -{lemma[-4:]}")], base, base=base)
    return None


def diminutive_grammar(entry: Entry) -> Grammar:
    """das Tierchen, des Tierchens, die Tierchen: every diminutive is neuter and unchanged in the plural."""
    return Grammar(gender=["n"], plural=entry.lemma, genitive=f"des {entry.lemma}s")


def feminine_fallback(entry: Entry, dictionary: Dictionary, nouns: object) -> Fallback | None:
    """A woman named by a masculine noun and -in: "Innenministerin" as Innenminister, "Ärztin" as Arzt.

    Read before the noun is taken apart as a compound: "Innen|ministerin" would take the first
    part's own sense (the river Inn) where Ding lists the whole masculine word. English names
    most roles alike for a man and a woman, so the gloss is the masculine noun's. A masculine
    noun Ding lacks is glossed as a compound ("Chefunterhändlerin": Chef + Unterhändler).
    """
    lemma = entry.lemma
    if not lemma[:1].isupper() or not lemma.endswith("in") or len(lemma) < 7 or lemma.endswith(("ein", "ien")):
        return None
    for base in masculine_stems(lemma):
        if "m" in dictionary.genders(base) and dictionary.knows_head(base, "NOUN"):
            # a woman is a person: Ding's person sense of the word, where it tells one
            # ("Gemeinderat (Person)": local councillor, not the council)
            glosses = person_glosses(base, dictionary) or glosses_for(base, "NOUN", dictionary, None)
            if glosses:
                return Fallback("feminine", [replace(g, source="ding:base", uncertain=True, via=f"{base} + -in")
                                             for g in glosses[:2]], base, base=base)
    plain = without_last_umlaut(lemma[:-2])
    masculine = replace(entry, lemma=plain)
    compound = compound_fallback(masculine, dictionary, nouns, person=True)
    if compound is None or "m" not in dictionary.genders(compound.base):
        return None
    return Fallback("feminine", [replace(g, via=f"{g.via} + -in") for g in compound.glosses], compound.via,
                    base=plain)


def person_glosses(lemma: str, dictionary: Dictionary) -> list[Gloss]:
    """The glosses of the word's senses Ding marks as a person ("Stadtrat (Person)"), or []."""
    choices = [c for c in choose_senses(Entry(lemma=lemma, pos="NOUN"), dictionary)
               if c.hit.kind == HEAD and PERSON_MARK in c.hit.line.folded_german]
    return glosses_of(choices)


def feminine_grammar(entry: Entry) -> Grammar:
    """die Innenministerin, der Innenministerin, die Innenministerinnen: every noun in -in is so."""
    return Grammar(gender=["f"], plural=entry.lemma + "nen", genitive=f"der {entry.lemma}")


def loanword_fallback(entry: Entry, dictionary: Dictionary, nouns: object) -> Fallback | None:
    """A noun German took from English as it is ("Hotline", "Location"), when English uses the word.

    The English word must be one Ding's English side uses, and common: a name ("Hamas") or an
    abbreviation is no loanword, whatever English does with it.
    """
    lemma = entry.lemma
    if not lemma[:1].isupper() or len(lemma) < 4 or not lemma.replace("-", "").isalpha() or not lemma.isascii():
        return None   # three letters are as often an abbreviation ("Min", "Tel") as a word
    if not lemma[1:].replace("-", "").islower() or any(r.is_name for r in nouns.lemma(lemma)):  # type: ignore[attr-defined]
        return None
    english = lemma.lower()
    if (dictionary.english_zipf(english) or 0.0) < LOANWORD_ZIPF:
        return None
    return Fallback("loanword", [Gloss(text=english, source="ding:base", uncertain=True, via="English")], "English")
