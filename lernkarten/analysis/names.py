"""Proper names (people, places, organisations) told apart from common nouns.

Every German noun is capitalised, so capitals say nothing; HanTa tags names it has not seen
as common nouns (`Russland`, `Belarus`, `Almaty`). A learner should not get a card for
`Tokajew`, so the vocabulary stage needs to know. What tells them apart here:
- the noun table marks place names, first names, surnames and other names (Wiktionary's
  Toponym, Vorname, Nachname, Eigenname), and knows every common noun's forms;
- a word the table does not know is still a common noun when it is a compound whose head it
  knows (`Papiertiger`, `Kreml-Kritikern`) or ends like a common noun (`-ung`, `-ität`, ...);
  what remains, a capitalised word nobody knows as a noun, is a name (`Almaty`, `Nasarbajew`);
- all-caps abbreviations are names of organisations unless the table knows them as common
  nouns with a plural (`DVD`, `Pkw`);
- a word the tagger took for a name stays one before another name (`Mate Boban`, `Wall
  Street`), even when it is a common noun too; abbreviated titles (`Dr.`) are no names;
- names seldom take an article: a word nobody knows after one (`der Rheinfähre`, a new or
  misspelt compound) is a common noun;
- a word in brackets spelt from the starts of the words before it is their short name
  (`Kinder in Wien (Kiwi)`), whatever else it means; a capitalised word nobody knows after a
  word that can only be a name is a surname (`Harold Bornstein`);
- a singular noun a text makes the subject of a verb twice or more without any article
  ("Xi sagte", ", Xi wolle") is a name whatever the table says of it (Xi, a Greek letter);
- parties named by their colour (`die Roten`, `der Blauen`) and coalitions of colours
  (`rot-blau`, `Schwarz-Rot-Grün`) are names, and so are the words a party's members go by
  (`Republikaner`, `die Freiheitlichen`; `Demokrat` beside them);
- an adjective written with a capital inside a sentence begins a name with the noun after it
  (`des Nationalsozialistischen Untergrunds`, `den Oberösterreichischen Nachrichten`);
- a hyphenated compound of a place that the text never gives an article is a place itself
  (`die Auflösung von Wien-Umgebung`; `im Syrien-Konflikt` is a conflict);
- the genitive of a name the text gives (`Tarik Mete` ... `Metes Karriere`) is that name;
- a credit line, a bracketed aside of names and short forms that ends in a date
  (`(Reuters, 25.5.2016)`, `(APA, red, 25.7.2015)`), holds names only, and its words are
  names wherever else the text uses them (`Reuters berichtete`; not `Reuter`, a hay rack);
- a news outlet before "online", or a word before "Online" as sites spell themselves, with no
  article before it, names a news site (`sagte er Spiegel online`, `Zeit Online berichtete`;
  not `die Zeitung online`, `seit Montag online`, `Unterricht online`).
Adjectives derived from names (`kasachisch`, `russisch`) stay adjectives.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from lernkarten.analysis import extensions
from lernkarten.analysis.lemmas import (
    compound_head,
    is_abbreviation,
    is_shouted,
    noun_rows,
)
from lernkarten.lexicon.calendar import is_calendar_word

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: endings of German common nouns that names practically never have
COMMON_NOUN_ENDINGS = (
    "ung", "heit", "keit", "schaft", "ität", "ion", "ismus", "ist", "isten", "nis", "nisse", "tum",
    "ling", "ment", "enz", "anz", "eur", "ologe", "ologie", "chen", "lein", "ei", "ie", "ik", "ur",
    "ungen", "heiten", "keiten", "schaften", "itäten", "ionen", "ismen", "linge", "ments", "enzen",
    "anzen", "eure", "ologen", "ologien", "eien", "ien", "iken", "uren", "erin", "erinnen",
)


def make_name_finder(nlp: Language, name: str) -> NameFinder:
    """spaCy's hook: `nlp.add_pipe("lernkarten_names")`."""
    extensions.register()
    return NameFinder()


class NameFinder:
    """Sets `Token._.is_name` and turns common-noun tags of names into PROPN, and back."""

    def __call__(self, doc: Doc) -> Doc:
        _mark_particle_names(doc)
        _mark_credits(doc)
        _mark_news_sites(doc)
        _mark_english_names(doc)
        _mark_short_names(doc)
        _mark_surnames(doc)
        _mark_places(doc)
        _mark_place_compounds(doc)
        _mark_named_bodies(doc)
        for token in doc:
            if token._.is_name:
                continue
            if token.pos_ == "PROPN":
                if is_common_noun(token):
                    token.pos_ = "NOUN"
                    token.tag_ = "NN"
                else:
                    token._.is_name = True
            elif (token.pos_ in ("NOUN", "X") and token.text[:1].isupper() and not token._.nominalised
                  and token.tag_ != "TRUNC" and not token.text.endswith(".") and is_name(token.text)
                  and not _unknown_after_determiner(token)):
                token.pos_ = "PROPN"
                if token.tag_ in ("NN", "FM", "XY"):
                    token.tag_ = "NE"
                token._.is_name = True
        _mark_parties(doc)  # by the names around them, once those are known
        _mark_party_colours(doc)
        _mark_bare_subjects(doc)
        _mark_party_members(doc)
        _mark_name_genitives(doc)
        return doc


#: Particles of foreign surnames that are no German words: "Van der Bellen", "de Maizière",
#: "di Maio", "dos Santos", "ibn Saud". The capitalised word after one (and after "der", "la"
#: ...) is a name even when it is a German noun too: "Bellen" is not the dog's bark there.
NAME_PARTICLES = frozenset({"van", "de", "del", "della", "di", "dos", "ibn"})
_PARTICLE_LINKS = frozenset({"der", "den", "de", "la", "le", "los", "van"})


def _mark_particle_names(doc: Doc) -> None:
    for token in doc:
        if token.text.casefold() not in NAME_PARTICLES:
            continue
        after = token.i + 1
        while after < len(doc) and doc[after].text in _PARTICLE_LINKS:
            after += 1
        if after >= len(doc) or not doc[after].text[:1].isupper() or not doc[after].is_alpha:
            continue
        for name in [t for t in doc[token.i:after + 1] if t.text[:1].isupper()]:
            _mark_name(name)


#: A date as news sites write it under an article: 25.5.2016, 6.6.15, 09.09.2015
_CREDIT_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})")
#: Words a credit line may join its names with ("Birgit Baumann aus Garmisch-Partenkirchen")
_CREDIT_LINKS = frozenset({"aus", "in", "und", "von", "mit"})
#: The longest lowercase short form of an editor or desk in a credit line ("red", "stu.")
_CREDIT_SHORT_FORM = 4


def _mark_credits(doc: Doc) -> None:
    """Mark the words of credit lines as names, and the same words elsewhere in the text."""
    credited: set[str] = set()
    for opening in doc:
        if opening.text != "(":
            continue
        closing = next((t.i for t in doc[opening.i + 1:opening.i + 16] if t.text in "()"), None)
        if closing is None or doc[closing].text != ")" or not _CREDIT_DATE.fullmatch(doc[closing - 1].text):
            continue
        inside = [t for t in doc[opening.i + 1:closing - 1] if t.text not in {",", "/", ";", "."}]
        words = [t for t in inside if t.text not in _CREDIT_LINKS]
        if not words or not all(_credit_word(t) for t in words):
            continue
        for token in words:
            _mark_name(token)
            if token.text[:1].isupper():
                credited.add(token.text)
    if credited:
        for token in doc:
            if token.text in credited:
                _mark_name(token)


def _credit_word(token: Token) -> bool:
    """A name or short form as credit lines give them: Reuters, APA, Garmisch-Partenkirchen,
    red; not a common noun in its own form, as a label or heading is ("Pressemitteilung",
    "Bericht aus Berlin"), nor a word of a phrase ("die Koalition", "seit dem")."""
    word = token.text
    if word[:1].isupper():
        # Reuters is only a form of Reuter (a hay rack), as a name can be a form of a noun
        return word.replace("-", "").isalpha() and not any(
            row.lemma == word and not row.is_name for row in _table().lookup(word))
    return word.isalpha() and len(word) <= _CREDIT_SHORT_FORM and token.tag_ not in _PHRASE_TAGS


#: Tags of the short words that make a phrase, not a credit: articles, pronouns, prepositions,
#: conjunctions, particles, auxiliaries
_PHRASE_TAGS = frozenset({"ART", "APPR", "APPRART", "APPO", "KON", "KOUS", "KOUI", "KOKOM", "PPER", "PRF",
                          "PDAT", "PDS", "PIAT", "PIS", "PPOSAT", "PPOSS", "PRELS", "PRELAT", "PWS", "PWAV",
                          "PAV", "PTKNEG", "PTKZU", "PTKVZ", "PTKA", "ADV", "VAFIN", "VMFIN", "VAINF"})


#: German-language news outlets whose names are common words too (der Spiegel, die Zeit, die
#: Presse): with "online" after them they name the outlet's site ("sagte er Spiegel online")
NEWS_OUTLETS = frozenset({"Spiegel", "Zeit", "Welt", "Bild", "Stern", "Focus", "Presse", "Standard", "Kurier",
                          "Krone", "Profil", "Falter", "Merkur", "Express", "Tagesspiegel", "Handelsblatt"})
#: What stands before a noun that "online" describes ("die Zeitung online", "500 Personen
#: online"), not before a site's name
_BEFORE_SITE = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PWAT", "ADJA", "CARD", "APPRART"})


def _mark_news_sites(doc: Doc) -> None:
    """Mark news sites: an outlet before "online" ("von Spiegel online"), or a name before
    "Online" as sites spell themselves ("Zeit Online", "Heise Online"); not a time ("seit
    Montag online") or any other noun before "online" ("Unterricht online")."""
    for token in doc[1:]:
        name = token.nbor(-1)
        if token.text not in ("online", "Online") or not name.is_alpha or not name.text[:1].isupper():
            continue
        if name.i > 0 and doc[name.i - 1].tag_ in _BEFORE_SITE:
            continue
        if name.text in NEWS_OUTLETS or (token.text == "Online" and not is_calendar_word(name.text)):
            _mark_name(name)
            _mark_name(token)


#: English words that join the parts of an English name: "China Precision Machinery Import
#: and Export Corporation", "Bank of America", "Council on Foreign Relations"
ENGLISH_NAME_LINKS = frozenset({"and", "of", "for", "on", "the", "&"})


def _mark_english_names(doc: Doc) -> None:
    """Mark the capitalised words of an English name joined by "and", "of", "for" ... as names.

    A German text quotes such names whole; their words ("Import", "Export", "China" after the
    name's article "der") are no German vocabulary there. The words next to the link are the
    name's (for "&", which German uses too, one of them must be foreign: "Forschung &
    Entwicklung" stays German); further out, only words that are no German common noun or that
    the table knows as a place are, so that "die Firma Bank of America" keeps "Firma" and
    "Jeden Sommer Rock and Roll" keeps "Sommer". A hyphenated word is a German compound of the
    name ("Bank of America-Chef") and left alone.
    """
    for link in doc[1:-1]:
        if link.text not in ENGLISH_NAME_LINKS:
            continue
        before, after = doc[link.i - 1], doc[link.i + 1]
        if not (_name_part(before) and _name_part(after)):
            continue
        if link.text == "&" and not (_foreign_or_place(before.text) or _foreign_or_place(after.text)):
            continue
        run = [before, after]
        i = before.i - 1
        while i >= 0 and _name_part(doc[i]) and _foreign_or_place(doc[i].text):
            run.append(doc[i])
            i -= 1
        i = after.i + 1
        while i < len(doc) and (doc[i].text in ENGLISH_NAME_LINKS
                                or (_name_part(doc[i]) and _foreign_or_place(doc[i].text))):
            run.append(doc[i])
            i += 1
        for token in run:
            if token.text[:1].isupper():
                _mark_name(token)


def _name_part(token: Token) -> bool:
    """A capitalised word, not a German article or pronoun that starts the sentence ("Das
    Council"), nor a compound with a hyphen ("Bank of America-Chef")."""
    return token.text[:1].isupper() and token.text.isalpha() and token.tag_ not in _PHRASE_TAGS


def _foreign_or_place(word: str) -> bool:
    """A word no German noun is spelt as, or one the table knows as a place too (China)."""
    rows = _table().lookup(word)
    return not rows or any("Toponym" in row.kinds for row in rows)


def _mark_surnames(doc: Doc) -> None:
    """The capitalised word after a first name is a surname, even when it is a German noun too
    ("Irmgard Griss", "Peter Pilz"), and so is the same word elsewhere in the text ("Griss
    Wahlprogramm"): articles name a person in full once, then by surname."""
    surnames: set[str] = set()
    for token in doc[:-1]:
        following = doc[token.i + 1]
        # a first name that is a common noun too (Klaus, a mountain pass) before a word no
        # table knows ("Klaus Schneeberger") is a first name all the same
        first = _is_first_name(token.text) or (
            (_may_be_first_name(token.text) or _unknown_first_name(token, following))
            and not _table().lookup(following.text))
        if (first and following.text[:1].isupper() and following.text.replace("-", "").isalpha()
                and not is_abbreviation(following.text) and not _is_first_name(following.text)
                and not following.text.lower().endswith(COMMON_NOUN_ENDINGS)):
            surnames.add(following.text)
    if not surnames:
        return
    for token in doc:
        if token.text in surnames or (token.text.endswith("s") and token.text[:-1] in surnames):
            _mark_name(token)


#: How German place names end (Mauerbach, Lanzendorf, Kitzbühel aside): a compound no table
#: knows with one of these heads is a village unless the text gives it an article
#: ("im Containerdorf" is a common noun; "in Mauerbach", "Maria-Lanzendorf" are names).
PLACE_NAME_HEADS = ("dorf", "bach", "berg", "burg", "bruderschaft", "feld", "heim", "hausen", "kirchen", "brunn", "stetten",
                    "hofen", "ingen", "stadt", "graben", "stein")


def _mark_places(doc: Doc) -> None:
    seen: dict[str, list[Token]] = {}
    for token in doc:
        last = token.text.rpartition("-")[2]
        if (token.pos_ in ("NOUN", "X") and not token._.is_name and last[:1].isupper() and last.isalpha()
                and last.lower().endswith(PLACE_NAME_HEADS) and not _table().lookup(last)
                and not _table().lookup(token.text)):
            seen.setdefault(token.text, []).append(token)
    for tokens in seen.values():
        named_body = tokens[0].text.lower().endswith(NAMED_BODY_HEADS)
        if not any(_after_article(token, indefinite_only=named_body) for token in tokens):
            for token in tokens:
                _mark_name(token)


#: Heads of the names of buildings and bodies, which take the definite article as names do
#: ("um die Hofburg", "die Muslimbruderschaft"): a compound no table knows with one of these
#: is a name unless the text says "eine ...burg".
NAMED_BODY_HEADS = ("burg", "bruderschaft")


def _mark_place_compounds(doc: Doc) -> None:
    """"die Auflösung von Wien-Umgebung": a singular compound of a place's name and a common
    noun is a place too when the text never gives it an article; "der Syrien-Konflikt", "im
    Syrien-Konflikt" is a conflict, learnt as Konflikt."""
    seen: dict[str, list[Token]] = {}
    for token in doc:
        first, hyphen, head = token.text.partition("-")
        if (hyphen and token.pos_ in ("NOUN", "PROPN", "X") and not token._.is_name and head[:1].isupper()
                and head.isalpha() and is_known_name(first) and _singular_noun(head)):
            seen.setdefault(token.text, []).append(token)
    for tokens in seen.values():
        if not any(_after_article(token) for token in tokens):
            for token in tokens:
                _mark_name(token)


def _singular_noun(word: str) -> bool:
    return any(row.lemma == word and not row.is_name and not row.form_is_plural for row in _table().lookup(word))


#: "im Zweiten Weltkrieg": an ordinal's capital makes a name of an event, not of its noun
_ORDINALS = frozenset({"erst", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt", "zehnt"})
#: tags of a word that makes the capital of the next one say nothing (a new sentence, a quote, a title)
_CAPITALISING = frozenset({"$.", "$(", "$,"})


#: how the adjectives of a named body end (Nationalsozialistischer Untergrund, Christlich
#: Demokratische Union, Freiheitliche Partei); a place's adjective in -er names no body
_BODY_ADJECTIVE_ENDINGS = ("isch", "lich")


def _mark_named_bodies(doc: Doc) -> None:
    """"des Nationalsozialistischen Untergrunds", "mit den Oberösterreichischen Nachrichten",
    "die Demokratische Unionspartei": German writes an adjective with a capital only at the
    start of a sentence or in a name, so inside a sentence it and its noun are a name (a
    body, a newspaper, a party). Only adjectives made with -isch or -lich, the adjectives that
    name bodies: fixed phrases of plain adjectives are written with a capital too and are
    words ("im Kalten Krieg", "am Heiligen Abend", "das Schwarze Brett"). So is a noun with a place's genitive before a short name in
    brackets ("die Arbeiterpartei Kurdistans (PKK)"). Adjectives of places in -er are written so everywhere ("die
    Wiener Polizei") and say nothing, but a place named with one is a place ("Wiener
    Neustadt", not a new town)."""
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if is_demonym(token.text) and any("Toponym" in row.kinds for row in _table().lookup(following.text)):
            _mark_name(token)  # "Wiener Neustadt": a place named with its neighbour's adjective
            _mark_name(following)
            continue
        before = doc[token.i - 1]
        # "US-amerikanischer Amtskollege": the capital is the name's before the hyphen
        if (token.i == 0 or token.tag_ != "ADJA" or not token.text.rpartition("-")[2][:1].isupper()
                or token.is_sent_start
                or before.tag_ in _CAPITALISING or not before.is_alpha
                or not token.lemma_.casefold().endswith(_BODY_ADJECTIVE_ENDINGS)
                or following.pos_ not in ("NOUN", "PROPN")
                or token.lemma_.casefold() in _ORDINALS):
            continue
        _mark_name(token)
        _mark_name(following)
    for token in doc[3:-1]:
        # not a labour party in general
        owner, noun = doc[token.i - 2], doc[token.i - 3]
        if (doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")" and is_abbreviation(token.text)
                and owner.text.endswith("s") and owner.text[:1].isupper() and is_name(owner.text)
                and noun.tag_ == "NN" and noun.text[:1].isupper()):
            _mark_name(noun)


#: What parties and their members are called in the news, written as common nouns and
#: adjectives: the US Republicans, Austria's Freedom Party (die Freiheitlichen), People's Party
#: (die Volkspartei) and Social Democrats. A party's adjective only where the text names the
#: party's members too (republikanische Werte are a republic's); Democrats only as a noun
#: beside the Republicans and with no adjective before it ("die Demokratin Hillary Clinton", not
#: "ein überzeugter Demokrat"): elsewhere a democrat is anyone for democracy.
PARTY_MEMBERS = frozenset({"republikaner", "republikanerin", "republikanisch", "freiheitliche", "freiheitlicher",
                           "freiheitlich", "volkspartei", "sozialdemokrat", "sozialdemokratin", "sozialdemokratisch"})
PARTY_RIVALS = frozenset({"demokrat", "demokratin"})
#: letters a party's adjective shares with its members' noun (republikanisch: Republikaner)
_PARTY_STEM = 8


def _mark_party_members(doc: Doc) -> None:
    members = [t for t in doc if t.lemma_.casefold() in PARTY_MEMBERS and t.pos_ in ("NOUN", "ADJ", "PROPN", "X")]
    if not members:
        return
    nouns = [t for t in members if t.pos_ != "ADJ"]
    stems = {t.lemma_.casefold()[:_PARTY_STEM] for t in nouns}
    adjectives = [t for t in members if t.pos_ == "ADJ" and t.lemma_.casefold()[:_PARTY_STEM] in stems]
    rivals = [t for t in doc if t.lemma_.casefold() in PARTY_RIVALS and t.pos_ in ("NOUN", "PROPN", "X")
              and (t.i == 0 or doc[t.i - 1].tag_ != "ADJA")]
    republicans = any(t.lemma_.casefold().startswith("republik") for t in nouns)
    for token in nouns + adjectives + (rivals if republicans else []):
        _mark_name(token)


def _mark_name_genitives(doc: Doc) -> None:
    """"Tarik Mete ... Metes Karriere": the genitive of a name the text gives is that name,
    even where it spells a common noun's genitive too (des Mets)."""
    names = {t.text for t in doc if t._.is_name and t.text[:1].isupper() and len(t.text) >= 3}
    for token in doc:
        # a noun, not a sentence's first word: "Links neben dem Haus" beside "Herr Link"
        if (not token._.is_name and token.text.endswith("s") and token.text[:-1] in names
                and token.tag_ in ("NN", "NE") and not token.is_sent_start):
            _mark_name(token)


def _mark_short_names(doc: Doc) -> None:
    """"Kinder in Wien (Kiwi)", "Arbeitsmarktservice (AMS)": a capitalised word in brackets
    made of the starts of the words before it, in order, is their short name; it names the same
    thing everywhere in the text ("Kiwi-Chefin")."""
    short: set[str] = set()
    for token in doc[2:-1]:
        word = token.text
        if (doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")" or not word[:1].isupper()
                or not word.isalpha() or len(word) < 2):
            continue
        before = [t.text.casefold() for t in doc[max(token.i - 7, 0):token.i - 1] if t.is_alpha]
        if any(_spelt_from(word.casefold(), before[start:]) for start in range(len(before))
               if before[start][:1] == word[:1].casefold()):
            short.add(word)
    for token in doc:
        if token.text in short:
            _mark_name(token)


def _spelt_from(word: str, words: list[str]) -> bool:
    """True when `word` is the first letters of words[0], then of some later words, ending
    with the last: "kiwi" from "kinder in wien"."""
    if not words:
        return not word
    first, rest = words[0], words[1:]
    for size in range(1, min(len(first), len(word)) + 1):
        if first[:size] != word[:size]:
            break
        remainder = word[size:]
        if not remainder:
            if not rest:
                return True
            continue
        if any(_spelt_from(remainder, rest[skip:]) for skip in range(len(rest)) if rest[skip][:1] == remainder[:1]):
            return True
    return False


#: The colours parties go by in German-speaking politics: "die Roten" (social democrats),
#: "die Schwarzen" and "die Türkisen" (conservatives), "die Blauen" (FPÖ), "die Gelben" (FDP).
PARTY_COLOURS = frozenset({"rot", "schwarz", "blau", "grün", "gelb", "pink", "türkis", "orange", "violett"})


def is_party_colour(word: str) -> bool:
    """True for a colour word as a party or coalition is named by it: Roten, Blaue, rot-blau, Schwarz-Rot-Grün."""
    parts = word.casefold().split("-")
    return all(_colour_stem(part) in PARTY_COLOURS for part in parts) and len(word) > 2


def _colour_stem(word: str) -> str:
    for ending in ("en", "es", "em", "er", "e"):
        if word.endswith(ending) and word[: -len(ending)] in PARTY_COLOURS:
            return word[: -len(ending)]
    return word


def _mark_party_colours(doc: Doc) -> None:
    """"die Roten", "der Blauen": a colour written as a noun names a party; "rot-blau", a
    coalition of two. (The colour as an adjective, "die rote Karte", stays an adjective.)"""
    for token in doc:
        word = token.text
        if "-" not in word and not (word[:1].isupper() and token.pos_ in ("NOUN", "PROPN", "X")):
            continue
        if is_party_colour(word):
            _mark_name(token)


#: what may stand before a subject that has no article: the start, punctuation, a conjunction
_BARE_BEFORE = frozenset({"$,", "$.", "$(", "KON", "KOUS"})


def _mark_bare_subjects(doc: Doc) -> None:
    """A German count noun in the singular takes an article; one the text makes the subject of
    a finite verb twice without any ("Xi sagte dazu", "Xi war bereits") is a name."""
    bare: dict[str, int] = {}
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if (token.tag_ != "NN" or token._.is_name or not token.text[:1].isupper() or not token.is_alpha
                or following.tag_ not in ("VVFIN", "VAFIN", "VMFIN")
                or (token.i > 0 and doc[token.i - 1].tag_ not in _BARE_BEFORE)):
            continue
        rows = _table().lookup(token.text)
        if rows and all(row.plural and row.lemma == token.text and not row.form_is_plural for row in rows):
            bare[token.text] = bare.get(token.text, 0) + 1
    names = {word for word, times in bare.items() if times >= 2}
    for token in doc:
        if token.text in names:
            _mark_name(token)


def _after_article(token: Token, *, indefinite_only: bool = False) -> bool:
    before = token.i - 1
    while before > 0 and token.doc[before].tag_ in ("ADJA", "ADJD", "ADV", "CARD"):
        before -= 1
    if before < 0:
        return False
    if indefinite_only:
        return token.doc[before].tag_ in ("ART", "PIAT") and token.doc[before].lemma_.lower() in ("ein", "kein")
    return token.doc[before].tag_ in _ARTICLES | {"APPRART"}


def _mark_parties(doc: Doc) -> None:
    """A party or group named by a common word ("Grüne", "NEOS") is a name where the text
    treats it as one: in brackets after a person ("Astrid Rössler (Grüne)"), or beside parties
    written as abbreviations ("ÖVP und Grüne"); then it is a name throughout the text. Only a
    word that is no ordinary noun qualifies there: one declined like an adjective (Grüne),
    one in capitals (NEOS) or one no table knows."""
    parties: set[str] = set()
    for token in doc:
        if not token.text[:1].isupper() or token._.is_name or token.pos_ not in ("NOUN", "X", "ADJ"):
            continue
        bracketed = (0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"
                     and token.i >= 2 and doc[token.i - 2]._.is_name)
        if (bracketed or _beside_abbreviated_names(token)) and _party_like(token.text):
            parties.add(token.lemma_)
    for token in doc:
        if token.lemma_ in parties and token.text[:1].isupper() and not token._.is_name:
            _mark_name(token)


def _beside_abbreviated_names(token: Token) -> bool:
    """True for "Grüne" in "ÖVP und Grüne", "SPÖ, FPÖ und NEOS": a conjunct of party abbreviations."""
    doc = token.doc
    for step in (-1, 1):
        link = token.i + step
        other = link + step
        if 0 <= other < len(doc) and doc[link].text in (",", "und", "oder", "sowie"):
            if doc[other]._.is_name and is_abbreviation(doc[other].text):
                return True
    return False


def _party_like(word: str) -> bool:
    """NEOS, Grüne, Liberale; not a noun of a participle (Abgeordnete, Angestellte, Vorsitzende):
    those are people, whatever group stands beside them."""
    rows = _table().lookup(word)
    if word.isupper() or not rows:
        return True
    stem = word.lower().removesuffix("n").removesuffix("e")
    return any("adjektivische Deklination" in row.kinds for row in rows) and not stem.endswith(("t", "en", "nd"))


def _mark_name(token: Token) -> None:
    token.pos_ = "PROPN"
    token.tag_ = "NE"
    token._.is_name = True


@lru_cache(maxsize=50_000)
def _is_first_name(word: str) -> bool:
    """A first name that is no common noun as well (Irmgard, Michael; not Ernst, not Rose)."""
    rows = _table().lookup(word)
    return any("Vorname" in row.kinds for row in rows) and not any(row.gender and not row.is_name for row in rows)


def _unknown_first_name(token: Token, following: Token) -> bool:
    """"Harold Bornstein": a word tagged as a name that no table knows and that reads as no
    German noun, before a plain capitalised word; not a genitive ("Clintons E-Mail-Computer")."""
    word = token.text
    return (token.pos_ == "PROPN" and word.isalpha() and not word.endswith("s") and "-" not in following.text
            and _only_a_name(word))


@lru_cache(maxsize=50_000)
def _only_a_name(word: str) -> bool:
    return word[:1].isupper() and not is_abbreviation(word) and not _table().lookup(word) and _is_name(word)


@lru_cache(maxsize=50_000)
def _may_be_first_name(word: str) -> bool:
    return any("Vorname" in row.kinds for row in _table().lookup(word))


def is_known_name(word: str) -> bool:
    """True for a word the noun table knows, and knows only as a name (Istanbul, Kiew): a
    dateline ("Istanbul-") or a demonym's lemma may reach the vocabulary as a noun. So is a
    region named by a compass point and a place (Nordirak, Ostukraine, Oberösterreich), which
    the table may list as a common noun."""
    rows = _table().lookup(word)
    return (bool(rows) and all(row.is_name for row in rows)) or _is_region(word)


#: how the part of a place is named: Nordirak, Südtirol, Ostukraine, Oberösterreich, Westbalkan
REGION_PREFIXES = ("nordost", "nordwest", "südost", "südwest", "nord", "süd", "ost", "west", "zentral",
                   "ober", "nieder")


@lru_cache(maxsize=50_000)
def _is_region(word: str) -> bool:
    lowered = word.casefold()
    for prefix in REGION_PREFIXES:
        rest = word[len(prefix):]
        if lowered.startswith(prefix) and len(rest) >= 3 and rest.isalpha():
            return _only_place(rest[:1].upper() + rest[1:])
    return False


#: endings that make an inhabitant of a place: Tirol-er, Amerika-ner, Kuba-ner, Italien-er
_DEMONYM_ENDINGS = ("ner", "er")


@lru_cache(maxsize=50_000)
def is_demonym(word: str) -> bool:
    """True for an inhabitant of a place, or a compound of one, made from the place's name
    (Tiroler, Amerikaner, Österreicher, Auslandsösterreicher): as near a name as the place's
    adjective, and no word a learner needs a card for. The place must be one only (the noun
    table knows no common noun of that spelling: not Sieger from Sieg)."""
    last = word.rpartition("-")[2]
    if not last[:1].isupper():
        return False
    # a compound's head is read off its end: the table alone, no tagger (the vocabulary stage runs without one)
    return (any(_inhabitant(last[start:].capitalize()) for start in range(0, max(len(last) - 5, 1)))
            or is_people(last))


#: How a people's noun ends after the stem its country is named from (Kurd-e: Kurd-istan,
#: Palästin-enser: Palästin-a, Israel-i, Kasach-e: Kasach-stan, Armen-ier: Armen-ien, Türk-e: Türk-ei)
_PEOPLE_ENDINGS = ("enser", "ener", "aner", "ier", "er", "e", "i")
_COUNTRY_ENDINGS = ("", "a", "en", "ien", "istan", "stan", "land", "ei", "e")
#: a people's adjective (kurdisch, palästinensisch) is at least this frequent (Zipf): "malisch" is not
_PEOPLE_ADJECTIVE_ZIPF = 1.4


@lru_cache(maxsize=50_000)
def is_people(word: str) -> bool:
    """True for a member of a people or a nation named as its country is (Kurde, Palästinenser,
    Israeli, Kasache, Syrer; their feminines): the noun table lists them as common nouns, but
    they are as near a name as the country. Both must hold: a country of that stem that is
    only a name, and a frequent adjective of it in -isch (Sieger beside Siegen has no "siegisch")."""
    # deferred: wordfreq is read only when a word asks
    from lernkarten.lexicon.frequency import zipf_de

    if not word[:1].isupper() or not word.isalpha():
        return False
    # the feminine is made from the masculine: Kurd-in from Kurde, Palästinenser-in
    masculine = word.removesuffix("nen").removesuffix("in") if word.endswith(("in", "innen")) else word
    for form in dict.fromkeys((word, masculine, masculine + "e")):
        for ending in _PEOPLE_ENDINGS:
            stem = form[: -len(ending)]
            if not form.endswith(ending) or len(stem) < 3:
                continue
            base = form[:-2] if form.endswith("er") else form[:-1] if form.endswith(("e", "i")) else form
            adjectives = {(stem + "isch").lower(), (base + "isch").lower()}
            if (any(zipf_de(adjective) >= _PEOPLE_ADJECTIVE_ZIPF for adjective in adjectives)
                    and any(_only_place(stem + country) for country in _COUNTRY_ENDINGS)):
                return True
    return False


#: the head of a compound of a place is a common word at least this frequent (Zipf)
_PLACE_COMPOUND_HEAD_ZIPF = 3.0


@lru_cache(maxsize=50_000)
def place_compound_head(word: str) -> str | None:
    """The head of a compound whose first part is a place or a people (Kurdenmiliz: Miliz,
    Russlandpolitik: Politik), as "Syrien-Konflikt" is learnt as Konflikt; None for any other
    word. Read off the noun table alone (the vocabulary stage runs without a tagger)."""
    # deferred: wordfreq is read only when a word asks
    from lernkarten.lexicon.frequency import zipf_de

    if not word[:1].isupper() or not word.isalpha():
        return None
    for cut in range(4, len(word) - 3):
        modifier, head = word[:cut], word[cut].upper() + word[cut + 1:]
        # a common head (Ver-l-e-gung is no compound of the town Verl)
        if zipf_de(head.lower()) < _PLACE_COMPOUND_HEAD_ZIPF or not any(
                row.lemma == head and not row.is_name for row in _table().lookup(head)):
            continue
        # not -er: "Wienerwald" is a place of its own
        for link in ("", "s", "n", "en", "e"):
            stem = modifier[: len(modifier) - len(link)]
            if (modifier.endswith(link) and len(stem) >= 4 and (_only_place(stem) or is_people(stem))
                    and not _prefixed_common_noun(stem)):
                return head
    return None


def _prefixed_common_noun(word: str) -> bool:
    """"Oberland" in Ober|landes|gericht: a place named by a prefix and a common noun, which
    the compound may as well be made of."""
    lowered = word.casefold()
    return any(lowered.startswith(prefix) and any(not row.is_name for row in _table().lookup(word[len(prefix):].capitalize()))
               for prefix in REGION_PREFIXES if len(word) - len(prefix) >= 3)


def is_common_noun_word(word: str) -> bool:
    """True when the noun table knows `word` as a common noun (Hammer, Teller), whatever else it is."""
    return any(not row.is_name for row in noun_rows(word))


def _only_place(word: str) -> bool:
    """True for a place the noun table knows, and knows as nothing else."""
    rows = _table().lookup(word)
    return bool(rows) and all(row.is_name for row in rows) and any("Toponym" in row.kinds for row in rows)


def _inhabitant(word: str) -> bool:
    for ending in _DEMONYM_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and _only_place(stem):
            return True
    return False


def is_name(word: str) -> bool:
    """True when a capitalised word is a proper name rather than a common noun."""
    if is_shouted(word):
        word = word[:1] + word[1:].lower()
    return _is_name(word)


#: words before a name that make it a person's: Herr Block, Dr. Sieben
_TITLES = frozenset({"Herr", "Herrn", "Frau", "Dr.", "Prof.", "Professor", "Professorin", "Familie", "St.", "Sankt"})


def is_common_noun(token: Token) -> bool:
    """True for a word tagged as a name that is a common noun here: "das Essen", "der Prozeß", "Dr."."""
    word = token.text
    if token.tag_ != "NE" or len(word) < 2:
        return False
    if word.endswith(".") and word[:-1].isalpha():
        return True  # Dr., St., Prof.: titles and abbreviated common nouns
    if is_abbreviation(word):
        return False
    if is_shouted(word):
        word = word[:1] + word[1:].lower()
    previous = token.nbor(-1) if token.i > 0 else None
    if previous is not None and (previous.pos_ == "PROPN" or previous.text in _TITLES):
        return False  # Jim Block, Herr Sieben: a surname that is also a common noun
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.tag_ == "NE" and following.text[:1].isupper():
        return False  # Erica Morini, Fort Robinson, Wall Street: the first word of a name
    rows = noun_rows(word)
    if rows and previous is not None and previous.tag_ in _DETERMINERS and any(not row.is_name for row in rows):
        return True  # "das Essen": the city would have no article
    return _is_common(word)


def _unknown_after_determiner(token: Token) -> bool:
    """True for a word no table knows as a name that follows an article: names seldom take one,
    so "der Rheinfähre", "einen schleichenden Plattfuss" are common nouns (new or misspelt)
    rather than names."""
    if token.i == 0 or is_abbreviation(token.text):
        return False
    before = token.i - 1
    while before > 0 and token.doc[before].tag_ in ("ADJA", "ADJD", "ADV", "CARD"):
        before -= 1  # "dem gemeinsamen Kommuniqué"; without an article ("im dicht besiedelten
        # Ferganatal") an adjective may as well stand before a place's name
    if token.doc[before].tag_ not in _ARTICLES:
        return False
    rows = noun_rows(token.text)
    return not (rows and all(row.is_name for row in rows))


#: articles and determiners proper (not fused with a preposition: "im Ferganatal")
_ARTICLES = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PWAT"})


@lru_cache(maxsize=50_000)
def _is_common(word: str) -> bool:
    """True when a word the tagger took for a name can only be a common noun."""
    rows = noun_rows(word)
    if not rows and word.endswith("s"):
        rows = noun_rows(word[:-1])
    # only what the table knows: many place names look like compounds (Peters|burg)
    return bool(rows) and not any(row.is_name for row in rows)


#: tags of words that make the next noun a common one when they stand right before it
_DETERMINERS = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PWAT", "ADJA"})


@lru_cache(maxsize=50_000)
def _is_name(word: str) -> bool:
    table = _table()
    if is_abbreviation(word):
        base = word[:-1] if word.endswith("s") and table.lookup(word[:-1]) else word
        rows = table.lookup(base) or table.lookup(base[:1] + base[1:].lower())  # LKW: the table writes Lkw
        common = [row for row in rows if not row.is_name]
        return not any(row.plural for row in common)
    first, hyphen, last = word.rpartition("-")
    if hyphen and first and last:
        if not last[:1].isupper():
            return False
        # Kassym-Jomart, Nur-Sultan: names throughout; Kreml-Kritiker: a common noun at the end
        return _is_name(last) and (_is_name(first.rpartition("-")[2]) or not table.lookup(first))
    rows = noun_rows(word)
    if not rows and word.endswith("s"):
        # a name's genitive (Russlands, Putins): the table lists names without their forms
        rows = tuple(row for row in table.lookup(word[:-1]) if row.is_name)
    if rows:
        return all(row.is_name for row in rows)
    if word.lower().endswith(COMMON_NOUN_ENDINGS):
        return False
    return not is_compound(word)


def is_compound(word: str) -> bool:
    """True when `word` reads as a German compound: a known word, then a known common noun.

    Both parts must be known: `Papier|tiger`, `Hilfs|bitte`; `Kara|bach` is not a compound,
    however many place names end in a common noun (-bach, -berg, -feld).
    """
    return compound_head(word) is not None


@lru_cache(maxsize=1)
def _table():
    # deferred: read only when this runs (start-up time)
    from lernkarten.lexicon.nouns import noun_table

    return noun_table()
