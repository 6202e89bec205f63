"""Glosses for words Ding does not list, made from words it does, and marked as such.

Each is shown on the card with how the gloss was made (`Gloss.via`) and marked uncertain:
a compound through its parts (`Beistandsverpflichtung` -> Beistand + Verpflichtung, the
linking `s` removed), a participle used as an adjective through its verb (`befreundet` ->
befreunden), a comparative, superlative or other inflected form through its base (`größer`
-> groß), an expression Ding lists in another form. A verb Ding lists only with its
preposition (`resultieren aus`) gets that line's gloss as its own. Words German forms by
other rules are in `derived.py`. A fallback that cannot verify its parts gives nothing: no
gloss is better than a made-up one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from lernkarten.entries import Entry, Gloss
from lernkarten.glossing.dictionary import FORM, HEAD, PLURAL, Dictionary, Hit
from lernkarten.glossing.family import modifier_support
from lernkarten.glossing.family_index import english_words
from lernkarten.glossing.senses import PERSON_MARK, choose_senses, glosses_of, titles_a_person
from lernkarten.lexicon.frequency import zipf_de
from lernkarten.lexicon.morphology import LINKING_ELEMENTS as LINKS
from lernkarten.lexicon.particles import PARTICIPLE_PARTICLES as SEPARABLE_PREFIXES

MIN_PART = 3


@dataclass
class Fallback:
    """Glosses made from other words, and what the grammar should be taken from."""

    kind: str                         # "compound", "participle", "base"
    glosses: list[Gloss]
    via: str                          # "Beistand + Verpflichtung", "befreunden", "groß"
    base: str = ""                    # the word the grammar comes from: compound head, verb, base adjective
    modifier: str = ""                # a compound's first part as written in it: "Beistands"
    parts: list[str] = field(default_factory=list)


# -- compounds --------------------------------------------------------------------------------

def compound_fallback(entry: Entry, dictionary: Dictionary, nouns: object = None, *,
                      person: bool = False) -> Fallback | None:
    """Gloss a noun compound Ding lacks through a known head and a known first part.

    `nouns` (the noun table) lets the head be an inflected form: "Treibstoff|preise" -> Preis.
    With `person` (a woman's noun in -in made from it) the head is read as a person.
    """
    split = split_compound(entry.lemma, dictionary, nouns)
    if split is None:
        return None
    modifier_written, modifier, head = split
    head_glosses = glosses_for(head, "NOUN", dictionary, entry)
    if not head_glosses:
        return None
    if person or titles_a_person(entry, dictionary):
        # "Landesrat Mayr": a title before a name is a person, the head's person sense
        # ("Rat": councillor, as in Ding's Stadtrat (Person)), not its body ("council")
        role = person_sense_of_head(head, dictionary)
        if role and role not in {plain_english(g.text) for g in head_glosses}:
            head_glosses = [Gloss(text=role, source="ding", via=head)]
    attribute = compound_attribute(modifier_written, modifier, dictionary, nouns)
    if not attribute:
        return None
    via = f"{modifier or modifier_written.rstrip('-')} + {head}"
    texts = []
    # a proper name among the head's senses makes no compound: Mauer's "the Berlin Wall"
    heads = [g for g in head_glosses if not re.match(r"(?:the )?[A-Z]", plain_english(g.text))] or head_glosses
    for gloss in heads[:2]:
        english = plain_english(gloss.text)
        # "the Balkans" after "western": the article goes first
        text = (f"the {attribute} {english[4:]}" if english.startswith("the ") else f"{attribute} {english}").strip()
        if text not in texts:
            texts.append(text)
    glosses = [Gloss(text=t, source="ding:compound", uncertain=True, via=via) for t in texts]
    return Fallback("compound", glosses, via, base=head, modifier=modifier_written,
                    parts=[p for p in (modifier or modifier_written.rstrip("-"), head) if p])


#: How many of Ding's person compounds ending in a head must agree on its English.
PERSON_AGREEMENT = 2


@functools.lru_cache(maxsize=1024)
def person_sense_of_head(head: str, dictionary: Dictionary) -> str:
    """The English word Ding's compounds of `head` that name a person agree on ("Rat": councillor), or ""."""
    folded = head.casefold()
    if len(folded) < 3 or not folded.isalpha() or not dictionary.has_families():
        return ""
    counts: dict[str, int] = {}
    lines = {line for _, numbers, _, _ in dictionary.german_words((), folded, ("",),
                                                                  keep=lambda f: len(f) >= len(folded) + 3)
             for line in numbers.split()}
    for number in sorted(lines, key=int):
        line = dictionary.line(int(number))
        if PERSON_MARK not in line.folded_german or not line.slots[0].senses:
            continue
        # every spelling of "city/town councillor/councilor", each once a line
        for word in dict.fromkeys(w for sense in line.slots[0].senses
                                  for w in re.findall(r"[a-z]{4,}", sense.text.casefold())):
            counts[word] = counts.get(word, 0) + 1
    if not counts:
        return ""
    # ties go to the word seen first (Ding's order: "councillor/councilor")
    best = max(counts, key=lambda word: counts[word])
    count = counts[best]
    return best if count >= PERSON_AGREEMENT else ""


def compound_attribute(written: str, modifier: str, dictionary: Dictionary, nouns: object = None) -> str:
    """The English of a compound's first part as written ("Landes", "Grün-Landes", "ODKB-").

    A part before a hyphen is read on its own and put before the rest's English ("Grün-Landesrat":
    green + state, each as in Ding's compounds); a part that is no word but is a compound of known
    words is glossed as one ("Landesschulrats-": state school board, not left in German); a name
    or abbreviation stays as written ("ODKB-Friedenstruppe").
    """
    left, hyphen, inner = written.rpartition("-")
    if hyphen and inner:
        # the first part of a hyphenated word's last piece: "Grün-" + "Landes" (a part before
        # the last hyphen, "Nord-Süd-", is a name or a phrase: it stays as written)
        rest = compound_attribute(inner, modifier, dictionary, nouns)
        known = "" if "-" in left else known_modifier(left, dictionary, nouns)
        before = compound_attribute(left + "-", known, dictionary, nouns) if known else left
        return f"{before} {rest}".strip() if rest else ""
    if modifier in BOUND_MODIFIERS:
        return BOUND_MODIFIERS[modifier]
    if modifier:
        return modifier_attribute(written, modifier, dictionary)
    bare = written.rstrip("-")
    if written.endswith("-") and bare.isalpha() and bare[:1].isupper() and bare[1:].islower() and len(bare) > 2 * MIN_PART:
        # "Landesschulrats-Vizepräsident": the first part is a compound itself, its linking -s- kept
        for link in sorted(JOINT_LINKS, key=len, reverse=True):
            stem = bare[: len(bare) - len(link)] if bare.endswith(link) else ""
            inner_fallback = compound_fallback(Entry(lemma=stem, pos="NOUN"), dictionary, nouns) if stem else None
            if inner_fallback and inner_fallback.glosses:
                return plain_english(inner_fallback.glosses[0].text)
    return bare  # a name or abbreviation: "ODKB-Friedenstruppe"


def modifier_attribute(written: str, modifier: str, dictionary: Dictionary) -> str:
    """The English of a compound's first part in that role: "Innen" -> "interior", not the river Inn.

    Of the part's own glosses, the one Ding's compounds starting with it use most
    (`family.modifier_support`); when they use none of them but agree on another word
    (at least `MODIFIER_AGREEMENT` compounds, and `MODIFIER_DOMINANCE` times as many as any of
    its own), that word ("Landes": "state", four times as often as its own "country"); else the
    part's first gloss.
    """
    modifier_glosses = glosses_for(modifier, "NOUN" if modifier[:1].isupper() else "", dictionary, None)
    own = [attributive(g.text) for g in modifier_glosses]
    own = [text for text in own if text]
    support = modifier_support(dictionary, written.rstrip("-"))
    if support:
        scored = [(max((support.get(w, 0) for w in english_words(text)), default=0), -i, text)
                  for i, text in enumerate(own)]
        best = max(scored, default=(0, 0, ""))
        # ties go to the first word alphabetically: a Counter's order is the order of a set here,
        # which changes from run to run
        negative, word = min((-count, word) for word, count in support.items())
        count = -negative
        if count >= MODIFIER_AGREEMENT and count >= MODIFIER_DOMINANCE * best[0]:
            return word
        if best[0] > 0:
            return best[2]
    return own[0] if own else ""


#: How many of Ding's compounds with a first part must agree on an English word none of its own glosses has.
MODIFIER_AGREEMENT = 3
#: How much more another word must be used than the part's own best-used gloss: "Hilfs" is
#: "auxiliary" in 25 compounds and "aid" in 10, but "aid" is its own gloss and right in the news.
MODIFIER_DOMINANCE = 3


def split_compound(word: str, dictionary: Dictionary, nouns: object = None) -> tuple[str, str, str] | None:
    """(first part as written, its dictionary form, head) for a compound noun, longest known head first.

    The first part's dictionary form is "" when it is not a word (a name before a hyphen).
    """
    if "-" in word.strip("-"):
        left, _, right = word.rpartition("-")
        head = _noun_lemma(right[:1].upper() + right[1:], dictionary, nouns)
        if head:
            modifier = left if left in BOUND_MODIFIERS else known_modifier(left, dictionary, nouns)
            return left + "-", modifier, head
        inner = split_compound(right[:1].upper() + right[1:], dictionary, nouns)
        if inner:
            return left + "-" + inner[0], inner[1], inner[2]
        return None
    found: dict[bool, tuple[str, str, str]] = {}
    for bound in (False, True):
        splits = []
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            written_head = word[cut].upper() + word[cut + 1:]
            if len(written_head) < 4 and written_head not in SHORT_HEADS:
                continue
            written = word[:cut]
            if bound and written not in BOUND_MODIFIERS:
                continue
            head = _noun_lemma(written_head, dictionary, nouns)
            if not head:
                continue
            modifier = written if bound else known_modifier(written, dictionary, nouns)
            if modifier:
                splits.append((written, modifier, head))
        # longest head first, but a first part that is a word as written (but for a linking
        # element) before one that needs a letter back or is a verb's stem:
        # "Schmiergeld|zahlung", not "Schmier(e)|geldzahlung"; "Kinderarzt|praxis"
        if splits:
            written_splits = [split for split in splits if _as_written(*split[:2])]
            found[bound] = _joint_of_the_whole(written_splits) or (written_splits or splits)[0]
    # a bound first part reads as such ("Spitzen|künstler": top, not the spitz dog) unless a
    # longer first part is a word ("Einzelhandels|konzern", not "Einzel|handelskonzern")
    word_split, bound_split = found.get(False), found.get(True)
    if bound_split and (word_split is None or len(bound_split[0]) >= len(word_split[0])):
        return bound_split
    return word_split


#: Linking elements that only ever stand at a joint: a first part ending in one of them after a
#: known compound ("Menschenrecht|s|") closes the whole first part there.
JOINT_LINKS = ("s", "es")


def _joint_of_the_whole(splits: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """Of splits longest head first, the one that brackets a known compound as the first part.

    "Menschenrechtslage" splits as Menschen|Rechtslage (the longest head) and as
    Menschenrecht|s|Lage; when the second's first part is a known noun that starts with the
    first's and ends in a joint's -s-/-es-, it is the compound the word is made of (the
    situation of human rights, not people's legal situation).
    """
    if len(splits) < 2:
        return None
    first = splits[0]
    for written, modifier, head in splits[1:]:
        if not (len(written) > len(first[0]) and written.startswith(first[0]) and modifier[:1].isupper()
                and len(modifier) > len(first[0]) + MIN_PART):
            continue
        if any(written.casefold() == modifier.casefold() + link for link in JOINT_LINKS):
            return written, modifier, head
        if written == modifier and head not in SUFFIX_HEADS:
            # no linking element, but the first part is a compound Ding lists whole:
            # Schwarzmarkt|händler, Kinderarzt|praxis (not Schwarz|markthändler, Kind|arztpraxis)
            return written, modifier, head
    return None


#: Nouns that are also endings making nouns: "Staatsanwalt|schaft" is not a prosecutor's shaft.
SUFFIX_HEADS = frozenset({"Schaft", "Tum", "Heit", "Keit", "Ung", "Nis", "Ling", "Wesen", "Werk", "Zeug"})


def _as_written(written: str, modifier: str) -> bool:
    """The first part is its dictionary form as written, or that and a linking element."""
    folded, lemma = written.casefold(), modifier.casefold()
    return any(folded == lemma + link for link in LINKS)


#: Three-letter nouns that end many compounds ("Blut|tat", "Gesundheits|amt"); other short
#: words found at a word's end are more often chance ("Handy|kap" for Handykap, "Bürokrat|ismus").
SHORT_HEADS = frozenset({"Amt", "Rat", "Tat", "Bau", "Weg", "Ort", "Tag", "Zug", "Bar", "See", "Eis", "Bad", "Rad",
                         "Tod", "Hof", "Bus", "Arm", "Ohr", "Ruf"})


#: First parts of compounds that mean something else, or nothing, on their own, or whose
#: English before a noun is an adjective, and that English: "Mindestquote" -> "minimum
#: quota", "Bundesminister" -> "federal minister", "Finanzbeziehung" -> "financial relationship".
BOUND_MODIFIERS = {
    "Einzel": "individual", "Mindest": "minimum", "Höchst": "maximum", "Agrar": "agricultural",
    "Haupt": "main", "Gesamt": "total", "Vize": "vice", "Bundes": "federal", "Sonder": "special",
    "Neben": "secondary", "Spitzen": "top", "Riesen": "giant", "Zentral": "central", "Doppel": "double",
    "Teil": "partial", "Zusatz": "additional", "Anti": "anti", "Mini": "mini", "Ost": "eastern",
    "West": "western", "Nord": "northern", "Süd": "southern",
    "Finanz": "financial", "Wirtschafts": "economic", "Umwelt": "environmental", "Kultur": "cultural",
    "Medien": "media", "Außen": "foreign",
}


def compound_plural_forms(written_modifier: str, head_form: str) -> str:
    """A compound's form from its head's: "Beistands" + "Verpflichtungen" -> "Beistandsverpflichtungen"."""
    if not head_form:
        return ""
    if written_modifier.endswith("-"):
        return written_modifier + head_form  # "ODKB-" + "Friedenstruppen"
    return written_modifier + head_form[:1].lower() + head_form[1:]


def _noun_lemma(word: str, dictionary: Dictionary, nouns: object) -> str:
    """`word` itself when Ding lists it as a noun, else the noun it is a form of ("Preise" -> Preis)."""
    if _known_noun(word, dictionary):
        return word
    if nouns is not None:
        for row in nouns.lookup(word):  # type: ignore[attr-defined]
            if row.lemma != word and not row.is_name and _known_noun(row.lemma, dictionary):
                return row.lemma
    return ""


def known_modifier(written: str, dictionary: Dictionary, nouns: object = None) -> str:
    """The dictionary form of a compound's first part ("Beistands" -> "Beistand"), or "".

    With `nouns` (the noun table), a plural first part is read too: "Firmen|größe" -> Firma.
    """
    found = _linked_modifier(written, dictionary)
    if found or nouns is None or len(written) < 4:
        return found
    capital = written[:1].upper() + written[1:]
    for row in nouns.lookup(capital):  # type: ignore[attr-defined]
        if not row.is_name and row.form_is_plural and _known_noun(row.lemma, dictionary):
            return row.lemma
    return ""


def _linked_modifier(written: str, dictionary: Dictionary) -> str:
    """A first part as written, or without a linking element, that is a noun, verb stem or adjective."""
    as_written = written[:1].upper() + written[1:]
    if len(written) > MIN_PART + 1 and _known_noun(as_written, dictionary) and _common_german(as_written):
        return as_written   # "Daten|handel": Ding's Daten (data), not Date + n; not a rare "Verlade"
    # a noun in -e links with -n ("Platte|n|händler"); before a bare "Platt" with -en-
    if written.endswith("en") and len(written) > MIN_PART + 2:
        capital = written[:1].upper() + written[1:-1]
        # "Gefangene|n|austausch": an adjectival noun, which Ding lists as "Gefangener {m}"
        for candidate in (capital, capital + "r"):
            if _known_noun(candidate, dictionary):
                return candidate
    for link in LINKS:
        if link and not written.endswith(link):
            continue
        stem = written[: len(written) - len(link)] if link else written
        if len(stem) < MIN_PART:
            continue
        capital = stem[:1].upper() + stem[1:]
        if not link and not _known_noun(capital, dictionary) and dictionary.knows_head(stem.lower(), "ADJ"):
            # "Jung|politiker", "Groß|mutti": a bare adjective's stem, not the adjectival noun
            # Ding lists with its ending ("Junge", "Große"), which would keep it in a compound
            return stem.lower()
        for candidate in (capital, capital + "e", capital + "en"):
            if _known_noun(candidate, dictionary):
                return candidate
        # a verb stem ("Treib|stoff") or an adjective ("Groß|macht")
        lower = stem.lower()
        for candidate in (lower + "en", lower + "n"):
            if dictionary.knows_head(candidate, "VERB"):
                return candidate
        if dictionary.knows_head(lower, "ADJ"):
            return lower
    return ""


_ABBREVIATION = re.compile(r"(?:^|(?<=\s))/[^/\s]+/?(?=\s|$)")


@functools.lru_cache(maxsize=4096)
def _common_german(word: str) -> bool:
    """A German word common enough that a reader takes it as itself (wordfreq)."""
    return zipf_de(word) >= COMMON_GERMAN


#: How common (wordfreq Zipf) a compound's first part must be to be read as the noun it is as written.
COMMON_GERMAN = 3.0


def _known_noun(word: str, dictionary: Dictionary) -> bool:
    return dictionary.knows_head(word, "NOUN")


def attributive(gloss: str) -> str:
    """An English gloss fit to stand before a noun: "to drive" -> "drive", "assistance (to sb.)" -> "assistance"."""
    text = plain_english(gloss)
    return text.removeprefix("to ").removeprefix("the ").strip()


def plain_english(gloss: str) -> str:
    """A gloss without its comments and placeholders: "to inform sb. (of sth.)" -> "to inform"."""
    text = re.sub(r"\([^)]*\)", " ", gloss)
    text = re.sub(r"^(?:sth|sb)\.[’']s\s+", "", text.strip())   # "sb.'s age" -> "age"
    text = re.sub(r"\b(?:sth|sb)\.[’']s\b", "someone's", text)
    text = re.sub(r"\b(?:sth|sb)\.", " ", text)
    text = _ABBREVIATION.sub(" ", text)   # Ding's abbreviations: "government /Gov.", "member of Parliament /MP/"
    return re.sub(r"\s+", " ", text).strip(" ,;")


#: Second parts of adjective compounds with a fixed English rendering: "russischsprachig" -> "Russian-speaking".
ADJECTIVE_SUFFIXES = {"sprachig": "-speaking"}


def adjective_compound_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """Gloss "armenisch-aserbaidschanisch" or "zentralasiatisch" through adjectives Ding lists."""
    lemma = entry.lemma
    parts: list[str] = []
    for suffix, english in ADJECTIVE_SUFFIXES.items():
        stem = lemma.removesuffix(suffix)
        if stem != lemma and dictionary.knows_head(stem, "ADJ"):
            first = glosses_for(stem, "ADJ", dictionary, None)
            if first:
                via = f"{stem} + -{suffix}"
                text = plain_english(first[0].text) + english
                gloss = Gloss(text=text, source="ding:compound", uncertain=True, via=via)
                return Fallback("compound", [gloss], via, base=stem, parts=[stem, suffix])
    if "-" in lemma.strip("-"):
        parts = lemma.split("-")
        if not all(dictionary.knows_head(p, "ADJ") for p in parts):
            return None
        texts = [glosses_for(p, "ADJ", dictionary, None) for p in parts]
        if not all(texts):
            return None
        text = "-".join(plain_english(t[0].text) for t in texts)
    else:
        for cut in range(MIN_PART, len(lemma) - MIN_PART - 1):
            head, modifier = lemma[cut:], lemma[:cut]
            if len(head) >= 5 and dictionary.knows_head(head, "ADJ") and (
                    dictionary.knows_head(modifier, "ADJ") or dictionary.knows_head(modifier, "ADV")):
                parts = [modifier, head]
                break
        if not parts:
            return None
        first = glosses_for(parts[0], "ADJ", dictionary, None) or glosses_for(parts[0], "ADV", dictionary, None)
        second = glosses_for(parts[1], "ADJ", dictionary, None)
        if not first or not second:
            return None
        text = f"{plain_english(first[0].text)} {plain_english(second[0].text)}"
    via = " + ".join(parts)
    return Fallback("compound", [Gloss(text=text, source="ding:compound", uncertain=True, via=via)], via,
                    base=parts[-1], parts=parts)


def able_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """Gloss an adjective in -bar through its verb: "entwirrbar" -> "can be unsnarled" (entwirren)."""
    lemma = entry.lemma
    if not lemma.endswith("bar") or len(lemma) < 7:
        return None
    stem = lemma[:-3]
    for verb in (stem + "en", stem + "n"):
        choices = choose_senses(Entry(lemma=verb, pos="VERB"), dictionary, phrases=False)
        if not choices:
            continue
        line = choices[0].hit.line
        if choices[0].hit.slot != 0 or len(line.slots) < 3 or not line.slots[2].senses:
            continue
        participle = plain_english(line.slots[2].senses[0].text)
        via = f"{verb} + -bar"
        gloss = Gloss(text=f"can be {participle}", source="ding:base", uncertain=True, via=via)
        return Fallback("base", [gloss], via, base=verb)
    return None


def nationality_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """Gloss "kasachisch" through the people Ding names: Kasachen {pl} "Kazakhs" -> "Kazakh"."""
    lemma = entry.lemma
    if not lemma.endswith("isch") or len(lemma) < 7:
        return None
    stem = lemma[0].upper() + lemma[1:-4]
    for noun in (stem + "e", stem + "en"):
        for hit in dictionary.lookup(noun):
            if hit.kind != HEAD or hit.slot != 0 or not hit.line.slots[0].senses:
                continue
            english = plain_english(hit.line.slots[0].senses[0].text)
            if "pl" in hit.term.markers and english.endswith("s"):
                english = english[:-1]
            if english and english[:1].isupper():
                return Fallback("base", [Gloss(text=english, source="ding:base", uncertain=True, via=noun)],
                                noun, base=noun)
    return None


# -- participles ------------------------------------------------------------------------------

def participle_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """Gloss a participle used as an adjective ("befreundet", "geführt") through its verb."""
    lemma = entry.lemma
    if not lemma.islower():
        return None
    for verb, which in _participle_verbs(lemma, dictionary):
        for key in (verb, f"sich {verb}"):
            verb_entry = Entry(lemma=key, pos="VERB", examples=entry.examples)
            choices = choose_senses(verb_entry, dictionary, phrases=False)
            if not choices:
                continue
            best = choices[0]
            slot = 2 if which == "past" else 1
            line = best.hit.line
            texts: list[str] = []
            if best.hit.slot == 0 and len(line.slots) > slot and line.slots[slot].senses:
                texts = [s.text for s in line.slots[slot].senses][:3]
            if texts:
                glosses = [Gloss(text=t, source="ding:participle", uncertain=True, via=key) for t in texts]
            else:
                glosses = glosses_of([best], source="ding:participle", uncertain=True, via=key)
            if glosses:
                return Fallback("participle", glosses, key, base=key)
    return None


def verb_of_participle(lemma: str, dictionary: Dictionary) -> str | None:
    """The verb a participle used as an adjective is learnt as ("gescheitert" -> scheitern), or
    None when the word is an adjective in its own right or no participle. Its own right: Ding
    gives it a line of its own as an adjective whose English shares nothing with the verb's
    (bekannt "known" beside bekennen "to confess"; gewohnt "used to" beside wohnen), or it is an
    adverb; a participle Ding lists only as one synonym of another adjective (gefordert under
    "dafür notwendig") or translates as the verb's participle (gescheitert "failed") is the verb,
    unless the verb is much rarer (verheiratet: `vocabulary.PARTICIPLE_OWN_ZIPF`)."""
    if not lemma.islower() or " " in lemma or dictionary.knows_head(lemma, "ADV"):
        return None
    verb = next((verb for verb, which in _participle_verbs(lemma, dictionary)
                 if which == "past" and dictionary.knows_head(verb, "VERB")), None)
    if verb is None:
        return None
    if not dictionary.knows_head(lemma, "ADJ"):
        return verb  # traumatisiert: a participle, however rare its infinitive
    # deferred: the threshold is the vocabulary stage's
    from lernkarten.vocabulary import PARTICIPLE_OWN_ZIPF

    if zipf_de(lemma) - zipf_de(verb) >= PARTICIPLE_OWN_ZIPF:
        return None
    own = [hit.line.slots[0].english for hit in dictionary.lookup(lemma)
           if hit.kind == HEAD and hit.slot == 0 and hit.index == 0 and hit.line.term_pos(0, 0) == "ADJ"]
    if own:
        verb_english = [hit.line.slots[hit.slot].english for hit in dictionary.lookup(verb)
                        if hit.kind == HEAD and hit.line.term_pos(hit.slot, hit.index) == "VERB"]
        if not _english_stems(own) & _english_stems(verb_english):
            return None
    return verb


def _english_stems(texts: list[str]) -> set[str]:
    """The English words of glosses without their inflection: "married" and "to marry" share "marr"."""
    return {stem for text in texts for word in english_words(text)
            if len(stem := re.sub(r"(ied|ed|ing|es|s|e|y)$", "", word)) >= 3}


def _participle_verbs(lemma: str, dictionary: Dictionary) -> list[tuple[str, str]]:
    """(infinitive, "past" or "present") readings of a participle, each checked against ablaut."""
    candidates: list[tuple[str, str]] = []
    # Ding lists participles in its verb lines: slot 1 present, slot 2 past participle
    for hit in dictionary.lookup(lemma) + dictionary.lookup(f"sich {lemma}"):
        if hit.kind == FORM and hit.slot in (1, 2) and hit.line.term_pos(0, 0) == "VERB":
            head_terms = hit.line.slots[0].terms
            if hit.index < len(head_terms):
                verb = head_terms[hit.index].key.removeprefix("sich ")
                candidates.append((verb, "past" if hit.slot == 2 else "present"))
    present: list[tuple[str, str]] = [(lemma[:-1], "present")] if lemma.endswith("end") else []
    guesses: list[str] = []
    if lemma.endswith("et"):
        guesses += [lemma[:-2] + "en", lemma[:-1] + "n"]
    elif lemma.endswith("t"):
        guesses += [lemma[:-1] + "en"]
    for guess in list(guesses):
        if guess.startswith("ge"):
            guesses.append(guess[2:])
        for prefix in SEPARABLE_PREFIXES:
            if guess.startswith(prefix + "ge"):
                guesses.append(prefix + guess[len(prefix) + 2:])
    # Ding's own forms need no check (ablaut reads "unterschreiben" as separable); guesses do
    listed = list(dict.fromkeys(candidates))
    guessed = [(g, "past") for g in dict.fromkeys(guesses) if (g, "past") not in listed] + present
    return listed + [(verb, which) for verb, which in guessed if _ablaut_confirms(verb, lemma, which)]


def _ablaut_confirms(verb: str, participle: str, which: str) -> bool:
    import ablaut

    try:
        conjugation = ablaut.conjugate(verb)
    except Exception:
        return False
    form = conjugation.past_participle if which == "past" else conjugation.present_participle
    return form.removeprefix("sich ").strip() == participle


# -- base forms -------------------------------------------------------------------------------

def base_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """Gloss a comparative, superlative or other listed form through the word it is a form of."""
    lemma = entry.lemma
    for hit in dictionary.lookup(lemma):
        if hit.kind not in (FORM, PLURAL) or hit.slot == 0:
            continue
        base = _head_of(hit)
        if not base or base == lemma:
            continue
        senses = hit.line.slots[hit.slot].senses
        if senses:
            glosses = [Gloss(text=s.text, source="ding:base", uncertain=True, via=base) for s in senses[:3]]
            return Fallback("base", glosses, base, base=base)
    if entry.pos in {"ADJ", "ADV"}:
        for base in _comparison_bases(lemma):
            if dictionary.knows_head(base, "ADJ"):
                glosses = glosses_for(base, "ADJ", dictionary, entry)
                if glosses:
                    glosses = [Gloss(text=g.text, source="ding:base", label=g.label, uncertain=True, via=base)
                               for g in glosses]
                    return Fallback("base", glosses, base, base=base)
    return None


def governed_verb_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """A verb Ding lists only with its preposition or clause: "resultieren aus", "argumentieren, dass",
    or only as a participle with sein (`_state_fallback`).

    The gloss is Ding's for the verb ("to result from"); the preposition goes to the grammar.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.ding import PREPOSITIONS

    lemma = entry.lemma
    if " " in lemma.removeprefix("sich "):
        return None
    for word in (*sorted(PREPOSITIONS), "dass", "ob"):
        key = f"{lemma} {word}"
        if not dictionary.knows(key):
            continue
        choices = [c for c in choose_senses(Entry(lemma=key, pos="EXPR"), dictionary) if c.hit.kind in (HEAD, "phrase")
                   and c.hit.slot == 0]
        if choices:
            return Fallback("governed", glosses_of(choices, via=key), key, base=lemma, parts=[word])
    return _state_fallback(lemma, dictionary)


def _state_fallback(lemma: str, dictionary: Dictionary) -> Fallback | None:
    """A verb Ding lists only in its participle with sein: "zudenken" as "jdm. zugedacht sein",
    "to be intended for sb."; the card shows the phrase's English, marked as made from it."""
    import ablaut

    try:
        participle = ablaut.conjugate(lemma).past_participle.removeprefix("sich ").strip()
    except Exception:  # ablaut refuses what is no infinitive
        return None
    key = f"{participle} sein"
    if not participle or " " in participle or not dictionary.knows(key):
        return None
    choices = [c for c in choose_senses(Entry(lemma=key, pos="EXPR"), dictionary) if c.hit.kind in (HEAD, "phrase")]
    glosses = glosses_of(choices, source="ding:base", uncertain=True, via=key)
    return Fallback("base", glosses, key, base=lemma) if glosses else None


def _head_of(hit: Hit) -> str:
    """The headword a form belongs to: the term of the slot before that has a part of speech."""
    for slot in range(hit.slot - 1, -1, -1):
        terms = hit.line.slots[slot].terms
        if any(t.pos for t in terms) or slot == 0:
            index = hit.index if hit.index < len(terms) else 0
            return terms[index].key
    return ""


def _comparison_bases(word: str) -> list[str]:
    """Possible positive forms of a comparative or superlative: "größer" -> groß, "loyalste" -> loyal."""
    stems: list[str] = []
    for ending in ("esten", "sten", "este", "ste", "est", "st", "eren", "ere", "erer", "er"):
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stems.append(word[: -len(ending)])
    bases: list[str] = []
    for stem in stems:
        bases.append(stem)
        plain = stem.translate(str.maketrans("äöü", "aou"))
        if plain != stem:
            bases.append(plain)
    return list(dict.fromkeys(bases))


def glosses_for(lemma: str, pos: str, dictionary: Dictionary, context: Entry | None) -> list[Gloss]:
    """The glosses Ding gives `lemma` by itself (its best sense), plain source "ding"."""
    return [replace(gloss) for gloss in _word_glosses(dictionary, lemma, pos)]


@functools.lru_cache(maxsize=4096)
def _word_glosses(dictionary: Dictionary, lemma: str, pos: str) -> tuple[Gloss, ...]:
    # a word without a sentence has the same glosses each time: compounds share their parts
    entry = Entry(lemma=lemma, pos=pos or "EXPR", examples=[])
    choices = [c for c in choose_senses(entry, dictionary) if c.hit.kind == HEAD]
    if not choices and pos:
        choices = [c for c in choose_senses(Entry(lemma=lemma, pos="EXPR"), dictionary) if c.hit.kind == HEAD]
    return tuple(glosses_of(choices))


# -- expressions ------------------------------------------------------------------------------

#: Article forms an expression may be listed with in another form ("die Absicht" / "eine Absicht").
_ARTICLE_FORMS = ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines")
#: Nouns after which an adjective phrase means "in a ... way": "auf gewaltsame Weise".
_MANNER_NOUNS = frozenset({"Weise", "Art"})


def expression_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """Gloss a multi-word expression Ding lists in another form, or one built by a rule German always follows.

    In order of trust: the expression with another article or none ("die Absicht verfolgen" as
    "eine Absicht verfolgen"); a Ding phrase holding all its words, a plural for a singular or
    one more word at most ("eine Grenze überschreiten" in "Grenzen überschreiten"); "auf/in ...
    Weise" as "in a ... way"; a verb governing the expression's preposition and its noun
    ("um Hilfe bitten": bitten um, "to ask for", + "help"). All are marked uncertain.
    """
    words = entry.lemma.split()
    if len(words) < 2:
        return None
    for variant in _article_variants(words):
        choices = [c for c in choose_senses(Entry(lemma=variant, pos="EXPR"), dictionary) if c.hit.kind == HEAD
                   or c.hit.kind == "phrase"]
        if choices:
            return Fallback("expression", glosses_of(choices, source="ding:phrase", uncertain=True, via=variant),
                            variant, base=variant)
    found = _phrase_holding(words, dictionary)
    if found is not None:
        key, senses = found
        glosses = [Gloss(text=s.text, source="ding:phrase", uncertain=True, via=key) for s in senses[:2]]
        return Fallback("expression", glosses, key, base=key)
    return (_manner_fallback(words, dictionary) or _governed_fallback(words, dictionary)
            or _copula_fallback(words, dictionary))


#: Copulas and what they make of the English predicate: "im Dunkeln sein", "tätig werden".
_COPULAS = {"sein": "to be", "werden": "to become", "bleiben": "to remain"}


def _copula_fallback(words: list[str], dictionary: Dictionary) -> Fallback | None:
    """"im Dunkeln sein": "to be" and what Ding gives for "im Dunkeln" ("in the dark")."""
    if words[-1] not in _COPULAS or len(words) < 2:
        return None
    predicate = " ".join(words[:-1])
    if len(words) == 2 and predicate.islower():
        glosses = glosses_for(predicate, "ADJ", dictionary, None)
    else:
        glosses = glosses_of(choose_senses(Entry(lemma=predicate, pos="EXPR"), dictionary))
    if not glosses:
        return None
    english = plain_english(glosses[0].text)
    if english.startswith("to "):
        return None   # the predicate is a verb phrase already: no "to be to ..."
    via = f"{predicate} + {words[-1]}"
    return Fallback("expression", [Gloss(text=f"{_COPULAS[words[-1]]} {english}", source="ding:compound",
                                         uncertain=True, via=via)], via, base=predicate)


def _article_variants(words: list[str]) -> list[str]:
    at = [i for i, w in enumerate(words) if w in _ARTICLE_FORMS]
    if len(at) != 1:
        return []
    i = at[0]
    variants = [" ".join(words[:i] + words[i + 1:])]
    variants += [" ".join(words[:i] + [a] + words[i + 1:]) for a in _ARTICLE_FORMS if a != words[i]]
    return [v for v in variants if len(v.split()) >= 2]


def _phrase_holding(words: list[str], dictionary: Dictionary) -> tuple[str, tuple] | None:
    """A Ding phrase with every word of the expression and no other but articles and prepositions."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.ding import PREPOSITIONS
    from lernkarten.glossing.phrase_match import (
        ARTICLES,
        FUNCTION_WORDS,
        REFLEXIVES,
        Sentence,
        match_phrase,
    )

    # articles may differ ("auf die Dauer" for "auf Dauer"), a preposition may follow ("im Rahmen
    # von"); anything else changes the sense ("kein Ende nehmen", "in Frage stellen")
    neutral = frozenset(a for a in ARTICLES if not a.startswith("k")) | REFLEXIVES
    content = [w for w in words if w.casefold() not in FUNCTION_WORDS]
    if not content:
        return None
    rarest = max(content, key=len)
    verb = words[-1] if words[-1].islower() and words[-1].endswith("n") else ""
    mine = [w.casefold() for w in words if w.casefold() not in neutral]
    best: tuple[int, int, str, tuple] | None = None
    for key, line, slot, index in dictionary.phrases_with(rarest.casefold()):
        other = key.split()
        if verb and verb not in other:
            continue
        # the expression is found in the phrase as the phrase would be found in a sentence
        sentence = Sentence(tuple(w.casefold() for w in other),
                            tuple(i for i, w in enumerate(other) if w.casefold() == rarest.casefold()))
        if not sentence.entry_at or not match_phrase(words, {rarest.casefold()}, sentence):
            continue
        theirs = [w.casefold() for w in other if w.casefold() not in neutral]
        while theirs and theirs[-1] in PREPOSITIONS and len(theirs) > len(mine):
            theirs.pop()
        if len(theirs) != len(mine) or not all(_same_stem(a, b) for a, b in zip(mine, theirs, strict=True)):
            continue
        extra = len(other) - len(words)
        senses = dictionary.hit(line, slot, index).line.slots[slot].senses
        if senses and (best is None or (abs(extra), slot) < best[:2]):
            best = (abs(extra), slot, key, senses)
    return (best[2], best[3]) if best else None


def _same_stem(a: str, b: str) -> bool:
    """The same word but for its ending: "grenze" and "grenzen", "im" and "im"."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short.rstrip("e")) and len(long_) - len(short) <= 2


def _manner_fallback(words: list[str], dictionary: Dictionary) -> Fallback | None:
    """"auf gewaltsame Weise", "in gewisser Weise": in a violent way."""
    if len(words) != 3 or words[0] not in {"auf", "in"} or words[2] not in _MANNER_NOUNS:
        return None
    adjective = words[1]
    for ending in ("en", "er", "e"):
        if adjective.endswith(ending):
            adjective = adjective[: -len(ending)]
            break
    glosses = glosses_for(adjective, "ADJ", dictionary, None)
    if not glosses:
        return None
    english = plain_english(glosses[0].text)
    article = "an" if english[:1].lower() in "aeiou" else "a"
    via = f"{adjective} + {words[2]}"
    return Fallback("expression", [Gloss(text=f"in {article} {english} way", source="ding:compound",
                                         uncertain=True, via=via)], via, base=adjective)


def _governed_fallback(words: list[str], dictionary: Dictionary) -> Fallback | None:
    """"um Hilfe bitten": the verb's sense with that preposition, and the noun: "to ask for help"."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.ding import PREPOSITIONS

    if len(words) != 3 or words[0] not in PREPOSITIONS or not words[1][:1].isupper() or not words[2].islower():
        return None
    preposition, noun, verb = words
    for hit in dictionary.lookup(verb):
        if hit.kind != HEAD or hit.line.term_pos(hit.slot, hit.index) != "VERB":
            continue
        if preposition not in {p for p, _ in hit.term.government}:
            continue
        senses = hit.line.slots[hit.slot].senses
        noun_glosses = glosses_for(noun, "NOUN", dictionary, None)
        if not senses or not noun_glosses:
            continue
        verb_english = re.sub(r"\s+", " ", re.sub(r"[()]", "", re.sub(r"\b(?:sb|sth)\.(/(?:sb|sth)\.)?", "",
                                                                          senses[0].text))).strip()
        via = f"{verb} {preposition} + {noun}"
        text = f"{verb_english} {plain_english(noun_glosses[0].text)}"
        return Fallback("expression", [Gloss(text=text, source="ding:compound", uncertain=True, via=via)], via,
                        base=verb)
    return None


# -- agent nouns ------------------------------------------------------------------------------

def agent_fallback(entry: Entry, dictionary: Dictionary) -> Fallback | None:
    """A noun in -er naming who does what its verb says: "Protestierer" (protestieren) -> "protester".

    English makes its agent nouns the same way ("protest" -> "protester", "demonstrate" ->
    "demonstrator"); the English word is only given when it is a word English uses.
    """
    lemma = entry.lemma
    if not lemma.endswith("er") or len(lemma) < 6:
        return None
    stem = lemma[:-2].lower()
    for verb in (stem + "en", stem + "n"):
        glosses = glosses_for(verb, "VERB", dictionary, None)
        if not glosses:
            continue
        words = plain_english(glosses[0].text).removeprefix("to ").split()
        if len(words) != 1:
            continue
        english = words[0]
        base = english.removesuffix("e")
        for noun in (base + "er", base + "or"):
            if dictionary.english.word_zipf(noun) >= 2.5:
                return Fallback("base", [Gloss(text=noun, source="ding:base", uncertain=True, via=verb)], verb,
                                base=verb)
    return None
