"""Choosing, among Ding's lines for a word, the sense the text uses, and its glosses.

Ding spreads a headword over many lines, one sense each (`Bündnis`: "confederation",
"alliance" [pol.], "covenant" [relig.]). The signals, strongest first:
1. a phrase of the entry found in the example sentence (`den Ausschlag geben` -> "to tip the balance");
2. what the text itself decides: the article (`das Steuer` is not `die Steuer`), the
   preposition a verb governs when that preposition is in the sentence (`bitten um`);
3. subject labels that fit news ([pol.], [mil.], [econ.]) and those that do not ([bot.], [mus.]);
4. the English the word's family of Ding lines agrees on (`family.py`): `ehemalig` is "former"
   in a dozen lines and "past" in one;
5. how common the English gloss is, up to a point (a core sense is "ally", a rare one "confederate");
6. the line being the word's own (its first term), not a synonym's.
Ding's order of a word's lines is alphabetical by their German, so it says nothing of sense.
Within the chosen line the synonyms are put in the order a learner is best served by:
supported, common and plain ("increase" before "improvement"; "event" before "event (thing
that happens)").
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from lernkarten.entries import Entry, Example, Gloss
from lernkarten.glossing.dictionary import FORM, HEAD, PHRASE, PLURAL, Dictionary, Hit
from lernkarten.glossing.ding import (
    ENGLISH_REGISTER,
    GERMAN_REGISTER,
    MARKER_POS,
    PREPOSITIONS,
    DingLine,
    Sense,
)
from lernkarten.glossing.english import (
    COMMON_ENOUGH,
    RARE,
    EnglishWords,
    clutter,
    content_words,
    head_word,
    make_singular,
    without_explanations,
)
from lernkarten.glossing.family import family_support, gloss_support
from lernkarten.glossing.family_index import NOUN_ENDINGS
from lernkarten.glossing.phrase_match import CONTRACTIONS, Sentence, find_phrases_in
from lernkarten.glossing.sense_scorer import WEIGHTS, Evidence, label_score, score
from lernkarten.lexicon.particles import CLAUSE_FINAL_PARTICLES as SEPARABLE_PARTICLES
from lernkarten.lexicon.pronouns import REFLEXIVE_PERSON as _PERSON_OF_REFLEXIVE

#: Subject labels a news text is likely to use a word in.
NEWS_LABELS = frozenset({"pol.", "mil.", "econ.", "jur.", "adm."})
#: Subject labels of senses a news text rarely means.
OFF_TOPIC_LABELS = frozenset({
    "ornith.", "techn.", "med.", "chem.", "bot.", "zool.", "comp.", "cook.", "electr.", "constr.", "min.",
    "sport", "auto", "anat.", "textil.", "mus.", "phys.", "agr.", "math.", "geol.", "biol.", "relig.", "ling.",
    "naut.", "mach.", "aviat.", "telco.", "psych.", "art", "lit.", "biochem.", "phil.", "pharm.", "school",
    "print", "meteo.", "astron.", "stud.", "statist.", "photo.", "myc.", "astrol.", "Jägersprache", "arch.",
})
#: Ding's labels of a German word used in one region only.
REGIONAL_LABELS = frozenset({"Ös.", "Schw.", "Bayr.", "Süddt.", "Norddt.", "Mitteldt.", "Westdt.", "Ostdt.",
                             "Südtirol", "Lie.", "Lux."})
#: Labels of words a learner should not be taught as the plain word for something.
MARGINAL_LABELS = REGIONAL_LABELS | frozenset({
    "selten", "veraltet", "veraltend", "alt", "altertümlich", "poet.", "BW", "rare", "obs.", "archaic",
    "dated", "Sc.", "Austr.", "NZ", "Ir.", "Can.", "vulg.", "slang", "Kindersprache", "Jugendsprache",
    "frühere Bezeichnung", "Sprw.", "humor.",
})

#: Parts of speech that may stand for one another when Ding's marker and the tagger disagree.
COMPATIBLE_POS = {
    "NOUN": {"NOUN"}, "PROPN": {"NOUN", ""}, "VERB": {"VERB"}, "AUX": {"VERB"},
    "ADJ": {"ADJ", "ADV"}, "ADV": {"ADV", "ADJ", "PRON"}, "EXPR": set(MARKER_POS.values()) | {""},
}
#: Words of Ding's German comments ("(Blaulichtorganisationen, Militär)") that name a field.
NEWS_COMMENT_WORDS = ("Militär", "Politik", "politisch", "Staat", "Krieg", "Wirtschaft", "Regierung", "Recht")
OFF_TOPIC_COMMENT_WORDS = ("Musik", "Theater", "Sport", "Bahn", "Medizin", "Biologie", "Technik", "Spiel",
                           "Kartenspiel", "Schach", "Tanz", "Uhrwerk", "Buchbinden", "Küche", "Bergbau",
                           "Metallurgie", "Chemie", "Physik", "Mathematik", "Informatik", "Elektrotechnik",
                           "Botanik", "Zoologie", "Schifffahrt", "Luftfahrt", "Raumfahrt", "Bauwesen", "Textil",
                           "Druck", "Fotografie", "Telefon", "Eiskunstlauf", "Jagd", "Reiten", "Golf", "Tennis",
                           "Fußball", "Segeln", "Rakete", "Schiff", "Flugzeug", "Kfz", "Computer")
#: The same fields named in Ding's English comments: "deoxidizing (metallurgy)".
OFF_TOPIC_ENGLISH_COMMENTS = ("metallurgy", "chemistry", "physics", "music", "theatre", "theater", "sport",
                              "railway", "medicine", "biology", "engineering", "mathematics", "computing",
                              "botany", "zoology", "shipping", "aviation", "astronautics", "printing",
                              "photography", "skating", "hunting", "riding", "golf", "tennis", "football",
                              "sailing", "rocket", "ship", "aircraft", "bookbinding", "weaving", "mining",
                              "chess", "cards", "cooking", "genus", "botanical", "zoological")
#: Verbs that make a phrase of an adjective without changing its sense ("zuversichtlich sein").
COPULAS = frozenset({"sein", "werden", "bleiben"})
MAX_GLOSSES = 3


@dataclass
class Choice:
    """A candidate sense: a term of a Ding line and how well it fits the entry in its text."""

    hit: Hit
    score: float
    phrase: str = ""                      # the German phrase found in the sentence, when one decided
    reasons: list[str] = field(default_factory=list)
    source: str = "ding"                  # Gloss.source of what this choice gives
    via: str = ""                         # Gloss.via: the phrase or the verb of a participle
    lemma: str = ""                       # the word this sense belongs to, when not the entry's lemma
    support: Counter[str] = field(default_factory=Counter)   # family support of English stems
    singular: bool = False                # glosses a singular noun: its English must be singular too
    verb: bool = False                    # glosses a verb ("to reject sth." is not clutter)
    plural_sense: bool = False            # a plural's own sense, the text using the plural ("Unruhen")

    @property
    def senses(self) -> tuple[Sense, ...]:
        return self.hit.line.slots[self.hit.slot].senses


def choose_senses(entry: Entry, dictionary: Dictionary, *, genders: tuple[str, ...] = (),
                  lemma: str | None = None, number: str = "", singular: bool = False,
                  phrases: bool = True) -> list[Choice]:
    """Candidate senses of the entry (or of `lemma` standing in for it), best first.

    `genders` are the genders the text's articles allow (empty when they do not tell);
    `number` is "plural" when the text only ever uses the noun in the plural, "singular" when
    only in the singular, else ""; `singular` says the entry is a noun with a singular.
    With `phrases` False only the word's own senses are weighed (no phrase or particle verb
    of its sentences), for callers that would leave those out.
    """
    lemma = lemma or entry.lemma
    choices = _phrase_choices(entry, dictionary, lemma) if phrases else []
    if entry.pos == "VERB" and phrases:
        choices.extend(_particle_verb_choices(entry, dictionary, lemma))
    choices.extend(_headword_choices(entry, dictionary, lemma, genders, number))
    if entry.pos in {"ADJ", "ADV"} and lemma.islower():
        choices.extend(_participle_choices(dictionary, lemma, entry.pos))
    # the family's support is counted only for a word with senses to weigh
    support = family_support(dictionary, lemma, entry.pos) if choices else Counter()
    for choice in choices:
        if not choice.support:
            choice.support = support
        # a word Ding lists as a plural ("Streitkräfte {pl}") keeps its plural English
        choice.singular = singular and not (choice.hit.term.key == lemma and "pl" in choice.hit.term.markers)
        choice.verb = entry.pos in {"VERB", "AUX"}
    choices.sort(key=lambda c: (-c.score, c.hit.line.number, c.hit.slot, c.hit.index))
    return choices


#: Senses this close to the best in score are not told apart by anything but noise; a word of a
#: text whose best sense leads by less than DOUBT_MARGIN is not told apart well enough to teach
#: one sense: the card shows the first gloss of each and asks to check (`sense_scorer.Weights`).
CLOSE_SCORE = WEIGHTS.close_score
DOUBT_MARGIN = WEIGHTS.doubt_margin


def rare_english(glosses: list[Gloss], dictionary: Dictionary) -> bool:
    """True when the card's first gloss is rare English (`sense_scorer.Weights.rare_english`);
    not a name's or a nationality's, whose English is as rare as the place ("Kyrgyz"), nor
    one of function words alone ("the ... the")."""
    if not glosses or not content_words(glosses[0].text) or glosses[0].text[:1].isupper():
        return False
    return dictionary.english.zipf(glosses[0].text) < WEIGHTS.rare_english


def glosses_of(choices: list[Choice], *, source: str = "ding", uncertain: bool = False,
               via: str = "", margin: float = CLOSE_SCORE) -> list[Gloss]:
    """1-3 glosses: the English synonyms of the best choice's slot.

    When other senses score as well as the best (`close_senses`), nothing in the text tells
    them apart: the first gloss of each is given instead, so that the learner sees the
    candidates, then the best sense's next synonyms where there is room; the caller marks
    the glosses uncertain.
    """
    if not choices:
        return []
    best = choices[0]
    if source == "ding":
        source = best.source
    # a gloss made through another word (a participle's verb) is marked like every fallback
    uncertain = uncertain or source in {"ding:participle", "ding:compound", "ding:base"}
    glosses = _glosses_from(best, source=source, uncertain=uncertain, via=via or best.via)
    rivals = close_senses(choices, margin)
    if rivals and glosses:
        own, glosses = glosses[1:], glosses[:1]
        for rival in rivals:
            extra = _glosses_from(rival, source=source if source != best.source else rival.source,
                                  uncertain=uncertain, via=via or rival.via)[:1]
            if extra and _plain_text(extra[0].text) not in {_plain_text(g.text) for g in glosses}:
                glosses.append(extra[0])
        # room left: the best sense's next synonym ("insurance; insurance company; assurance")
        # (a common word: a card in doubt is no place for "massy")
        english = best.hit.dictionary.english
        glosses += [g for g in own if _plain_text(g.text) not in {_plain_text(x.text) for x in glosses}
                    and english.zipf(g.text) >= WEIGHTS.filler_zipf]
    return _cognate_first(best, glosses)[:MAX_GLOSSES]


#: A noun whose every gloss is rarer than this (wordfreq Zipf) while it is written as a common
#: English word (at least `COGNATE_ZIPF`) has only an old or odd line in Ding ("Limit": "bourn;
#: bourne [obs.]"): the English word comes first, marked uncertain. Common glosses keep false
#: friends apart ("Gift": poison, "Art": kind).
ODD_GLOSS = 3.5
COGNATE_ZIPF = 4.3


def _cognate_first(best: Choice, glosses: list[Gloss]) -> list[Gloss]:
    key = best.hit.term.key
    word = key.lower()
    if not glosses or not (len(key) >= 4 and key[:1].isupper() and key.isascii() and key.isalpha()):
        return glosses
    english = best.hit.dictionary.english
    if any(_plain_text(g.text) == word for g in glosses) or max(english.zipf(g.text) for g in glosses) >= ODD_GLOSS:
        return glosses
    if english.word_zipf(word) < COGNATE_ZIPF:
        return glosses
    return [Gloss(text=word, source="ding:base", uncertain=True, via="English"), *glosses]


def close_senses(choices: list[Choice], margin: float = CLOSE_SCORE) -> list[Choice]:
    """The runners-up (other lines, same kind of evidence) scoring within `margin` of the best."""
    if len(choices) < 2 or choices[0].phrase:
        return []
    best = choices[0]
    rivals = []
    for other in choices[1:]:
        if best.score - other.score > margin:
            break
        if other.phrase or other.hit.line.number == best.hit.line.number or other.source != best.source:
            continue
        if other.senses and best.senses and _plain_text(other.senses[0].text) == _plain_text(best.senses[0].text):
            continue
        rivals.append(other)
    return rivals[: MAX_GLOSSES - 1]


def senses_in_doubt(choices: list[Choice], margin: float = DOUBT_MARGIN) -> list[Choice]:
    """The close rivals (`close_senses`) that say something else in English than the best.

    "to happen; to take place" and "to happen; to occur", "survey report" and "inquiry
    report" share a word: whichever line the text means, the learner learns the same, so
    the card shows both but need not ask to check (on the tune half and GSD, 25 right first
    glosses were asked about for such rivals alone, and no wrong one).
    """
    rivals = close_senses(choices, margin)
    if not rivals:
        return []
    own = _english_words(choices[0])
    return [rival for rival in rivals if not own & _english_words(rival)]


def _english_words(choice: Choice) -> frozenset[str]:
    """The head words of a sense's English synonyms: "report" of "survey report", "happen" of
    "to happen"; not "insurance" of "insurance company", which is another thing than insurance."""
    return frozenset(word for s in choice.senses[:MAX_GLOSSES]
                     if (word := head_word(s.text).casefold()) and word in content_words(s.text))


@functools.lru_cache(maxsize=65536)
def _plain_text(text: str) -> str:
    return re.sub(r"\([^)]*\)|\b(?:sth|sb)\.", " ", text).casefold().split("/")[0].strip()


def _glosses_from(choice: Choice, *, source: str, uncertain: bool, via: str) -> list[Gloss]:
    term = choice.hit.term
    german_register = [GERMAN_REGISTER[label] for label in term.labels if label in GERMAN_REGISTER]
    # subject labels only where they help: "[pol.]" says the political sense; "[arch.]" on
    # "the Kremlin" (architecture) would only puzzle
    subject = [label for label in term.labels if label in NEWS_LABELS]
    plain: list[Gloss] = []
    regional: list[Gloss] = []
    texts, doubtful = english_of(choice)
    for sense, text in texts:
        english = [label for label in sense.labels if label in ENGLISH_REGISTER]
        label = (german_register or [label for label in english if label not in {"Br.", "Am."}] or subject or [""])[0]
        gloss = Gloss(text=text, source=source, label=label, uncertain=uncertain or doubtful, via=via)
        # "defence alliance [Br.]; defense alliance [Am.]": spelling variants after the plain gloss
        (regional if {"Br.", "Am."} & set(english) else plain).append(gloss)
    return (plain + regional)[:MAX_GLOSSES]


def english_of(choice: Choice) -> tuple[list[tuple[Sense, str]], bool]:
    """The slot's English synonyms as a card should give them, best first, and whether they are in doubt.

    Synonyms the word's family supports and plain common words come first; very rare ones go
    when a commoner one is there ("massive", not "massy"). A singular noun gets singular
    English: Ding sometimes pairs it with a plural ("Terrorist | Terroristen :: terrorists |
    terroristses"); where the line itself shows the slip, the plural is made singular, where
    it does not, the gloss is kept and marked uncertain.
    """
    senses = [s for s in choice.senses if s.text and len(s.text) <= 60]
    doubtful = False
    texts = [without_explanations(s.text) for s in senses]
    if choice.singular and choice.source == "ding":
        texts, doubtful = _singular_english(choice, texts)
    participles = _participles(choice.hit) if choice.verb else {}
    ranked = sorted(range(len(senses)), key=lambda i: (-_sense_rank(texts[i], choice, participles.get(senses[i], ())), i))
    result = [(senses[i], texts[i]) for i in ranked]
    zipf = choice.hit.dictionary.english.zipf
    if result and zipf(result[0][1]) >= RARE:
        result = [r for r in result if zipf(r[1]) >= RARE or not re.search("[A-Za-z]", r[1])]
    # "member of the Dáil [Ir.]" says what an Irish reader says; a plain synonym says it to all
    general = [r for r in result if not set(r[0].labels) & REGIONAL_ENGLISH]
    if general:
        result = general
    term = choice.hit.term
    if term.key.endswith("in") and "f" in term.genders and choice.source == "ding":
        # "Sprecher; Sprecherin :: spokesman; spokeswoman; spokesperson": a woman's word is
        # glossed by the woman's English first, a man's last
        result.sort(key=lambda r: _english_sex(r[1]))
    unique: dict[str, tuple[Sense, str]] = {}
    for sense, text in result:
        unique.setdefault(text.casefold(), (sense, text))
    return list(unique.values()), doubtful


#: English words for persons that say a man ("spokesman", "chairman") or a woman ("spokeswoman").
_MAN_WORD = re.compile(r"\b\w{3,}(?<!wo)(?<!hu)(?<!ger)m[ae]n\b", re.IGNORECASE)
_WOMAN_WORD = re.compile(r"\b\w*wom[ae]n\b", re.IGNORECASE)


def _english_sex(text: str) -> int:
    """0 for English naming a woman, 2 for one naming a man, 1 for the rest (for a stable sort)."""
    if _WOMAN_WORD.search(text):
        return 0
    return 2 if _MAN_WORD.search(text) else 1


def _participles(hit: Hit) -> dict[Sense, tuple[str, ...]]:
    """A verb line's English synonyms and the participles Ding gives for each in the next two
    slots ("to symbolize; to symbol sth. | symbolizing; symbolling | symbolized; symbolled");
    empty when the slots do not pair. Two forms, so that one misspelt ("discusing") does not count."""
    return _slot_participles(hit.dictionary, hit.number, hit.slot)


@functools.lru_cache(maxsize=8192)
def _slot_participles(dictionary: Dictionary, number: int, slot: int) -> dict[Sense, tuple[str, ...]]:
    line = dictionary.line(number)
    if slot + 2 >= len(line.slots):
        return {}
    senses = line.slots[slot].senses
    present, past = line.slots[slot + 1].senses, line.slots[slot + 2].senses
    if not (len(senses) == len(present) == len(past)) or not all(_ING.search(f.text) for f in present):
        return {}
    return {sense: (now.text, then.text) for sense, now, then in zip(senses, present, past, strict=True)}


_ING = re.compile(r"^[a-z]+ing\b")


def _sense_rank(text: str, choice: Choice, participles: tuple[str, ...] = ()) -> float:
    """How good a synonym is as a card's gloss; in steps, so that small differences keep Ding's order."""
    w = WEIGHTS
    value = w.synonym_support * math.log2(1 + gloss_support(choice.support, text))
    value += w.synonym_commonness * min(choice.hit.dictionary.english.verb_zipf(text, participles), COMMON_ENOUGH)
    value += w.synonym_clutter * clutter(text, verb=choice.verb)
    return float(int(value // w.synonym_step))


def _singular_english(choice: Choice, texts: list[str]) -> tuple[list[str], bool]:
    hit = choice.hit
    line, slot = hit.line, hit.slot
    looks_plural = hit.dictionary.english.looks_plural
    from_plural = hit.kind == PLURAL or hit.term.markers == ("pl",)
    next_senses = [s.text for s in line.slots[slot + 1].senses] if slot + 1 < len(line.slots) else []
    next_is_plural = slot + 1 < len(line.slots) and "pl" in line.slots[slot + 1].markers
    if from_plural and choice.plural_sense:
        return texts, False   # the text means the plural's sense: "Unruhen" is "unrest"
    if from_plural:
        # a plural line standing in for the singular ("Kasachen {pl} :: Kazakhs"): make it singular
        return [make_singular(t) if looks_plural(t) else t for t in texts], True
    if not next_is_plural or not any(looks_plural(t) for t in texts):
        return texts, False
    shifted = [t for t in texts if looks_plural(t) and (t + "es" in next_senses or t + "s" in next_senses)]
    if shifted:
        # "terrorists | terroristses": Ding's English slipped one place; the singular is safe
        return [make_singular(t) if t in shifted else t for t in texts], False
    same = [t for t in texts if looks_plural(t) and t in next_senses]
    return texts, bool(same)  # "glasses | glasses" may be a plural-only word: say it is unsure


# -- candidates -----------------------------------------------------------------------------

def attributive_phrases(entry: Entry, dictionary: Dictionary) -> list[Choice]:
    """Ding phrases of an adjective before the noun it goes with in the sentence, best first.

    They gloss the phrase, not the word ("kollektive Sicherheit"), so they are no sense of
    the adjective; but they say which sense the noun gives it ("hinter verschlossenen Türen":
    behind closed doors), a note beside the card's glosses.
    """
    if entry.pos not in {"ADJ", "ADV"}:
        return []
    choices = _phrase_choices(entry, dictionary, entry.lemma, attributive=True)
    choices.sort(key=lambda c: (-c.score, c.hit.line.number, c.hit.slot, c.hit.index))
    return choices


def _phrase_choices(entry: Entry, dictionary: Dictionary, lemma: str, *, attributive: bool = False) -> list[Choice]:
    """Ding phrases containing the entry whose other words stand around it in an example.

    With `attributive`, only the phrases left out otherwise: an adjective before its noun.
    """
    if not entry.examples:
        return []
    core = lemma.split()[-1] if lemma.startswith("sich ") else lemma
    entry_words = {core.casefold()}
    if entry.pos not in {"VERB", "AUX"}:
        # a noun's or adjective's forms are its inflections; a verb's finite forms ("beteiligt")
        # would pass for the participle of a phrase like `beteiligt sein`
        entry_words.update(f.casefold() for f in entry.forms if " " not in f)
    if entry.pos == "EXPR":
        return []  # an expression is looked up whole; see _headword_choices
    candidates: dict[tuple[str, int, int, int], None] = {}
    for word in entry_words:
        for row in dictionary.phrases_with(word):
            candidates[row] = None
    if not candidates:
        return []
    found: dict[tuple[int, int, int], tuple[str, int, int]] = {}
    sentences = [Sentence.of(example) for example in entry.examples]
    matches = find_phrases_in(list(candidates), entry_words, sentences, entry_is_verb=entry.pos == "VERB")
    for number, sentence_matches in enumerate(matches):
        for match in sentence_matches:
            place = (match.line, match.slot, match.index)
            seen = found.get(place)
            if seen is None or match.words_matched > seen[1]:
                found[place] = (match.key, match.words_matched, number)
    choices = []
    adjective_head = entry.pos in {"ADJ", "ADV"} and (
        dictionary.knows_head(lemma, "ADJ") or dictionary.knows_head(lemma, "ADV"))
    for (line, slot, index), (key, words, example_number) in found.items():
        hit = dictionary.hit(line, slot, index, PHRASE)
        if not hit.line.slots[slot].senses:
            continue
        if attributive and not (adjective_head and _before_its_noun(key.split(), entry_words)):
            continue
        if not attributive and entry.pos in {"ADJ", "ADV"} and _adjective_keeps_its_sense(
                key.split(), entry_words, adjective_head):
            continue
        score: float = 1000 + 12 * words - 2 * example_number
        if slot == 0:
            score += 6  # the phrase's own line, not an example inside another word's line
        if any(t.key == lemma for t in hit.line.head.terms):
            score += 10  # an idiom listed under the entry's own headword
        score += min(0.0, _label_score(hit.term.labels))
        choices.append(Choice(hit, score, phrase=key, reasons=[f"phrase '{key}' in the sentence"],
                              source="ding:phrase", via=key))
    return choices


_CLAUSE_END = re.compile(r"[,.;:!?“”\"«»–]|\s-\s|$")


def _particle_verb_choices(entry: Entry, dictionary: Dictionary, lemma: str) -> list[Choice]:
    """The particle verb a sentence shows when the verb's particle stands apart at the clause's end.

    "lehnte einen solchen Einsatz ab" is `ablehnen`, not `lehnen`: when the lemma came without
    its particle, the sense is the particle verb's ("to reject"), marked as found in the text.
    """
    reflexive = lemma.startswith("sich ")
    base = lemma.removeprefix("sich ")
    found: dict[str, int] = {}
    for example in entry.examples:
        if not example.spans:
            continue
        end = max(b for _, b in example.spans)
        clause = _CLAUSE_END.split(example.text[end:], maxsplit=1)[0]
        words = clause.split()
        if len(example.spans) > 1 or not words or words[-1] not in SEPARABLE_PARTICLES:
            continue
        candidate = words[-1] + base
        found[candidate] = found.get(candidate, 0) + 1
    choices: list[Choice] = []
    for candidate, count in found.items():
        key = f"sich {candidate}" if reflexive else candidate
        if not dictionary.knows_head(key, "VERB"):
            continue
        inner = [c for c in choose_senses(Entry(lemma=key, pos="VERB", examples=entry.examples), dictionary,
                                          phrases=False) if c.hit.kind == HEAD]
        if inner:
            best = inner[0]
            choices.append(Choice(best.hit, 1000 + 6 * count, phrase=key, reasons=[f"particle verb {key} in the text"],
                                  source="ding:phrase", via=key, lemma=key, support=best.support))
    return choices


def _before_its_noun(words: list[str], entry_words: set[str]) -> bool:
    """The phrase has the adjective just before a noun: "kollektive Sicherheit"."""
    return any(word.casefold() in entry_words and i + 1 < len(words) and words[i + 1][:1].isupper()
               for i, word in enumerate(words))


def _adjective_keeps_its_sense(words: list[str], entry_words: set[str], adjective_head: bool) -> bool:
    """True for phrases that only use an adjective, not give it a new sense.

    "kollektive Sicherheit" (the adjective before a noun) and "zuversichtlich sein" (with a
    copula) gloss the phrase, not the word; a participle Ding lists only in a phrase
    ("nachempfunden sein") keeps the phrase.
    """
    if _before_its_noun(words, entry_words):
        return True
    others = [w for w in words if w.casefold() not in entry_words and w.casefold() not in {"der", "die", "das"}]
    return adjective_head and bool(others) and all(w in COPULAS for w in others)


def _headword_choices(entry: Entry, dictionary: Dictionary, lemma: str, genders: tuple[str, ...],
                      number: str = "") -> list[Choice]:
    hits = [h for h in dictionary.lookup(lemma) if h.kind in (HEAD, PHRASE)]
    if entry.pos in {"ADJ", "ADV"} and not lemma.endswith("e"):
        # a tagger's "inner", "äußer", "ander" for Ding's "innere", "äußere", "andere"
        hits += [h for h in dictionary.lookup(lemma + "e") if h.kind == HEAD]
    if entry.pos == "VERB" and not lemma.startswith("sich ") and _reflexive_in_text(entry):
        hits += [h for h in dictionary.lookup(f"sich {lemma}") if h.kind == HEAD]
    if not hits:
        hits = [h for h in dictionary.lookup(lemma) if h.kind == PLURAL]
    if not hits and lemma[:1].isupper() and entry.pos not in {"NOUN", "PROPN"}:
        hits = [h for h in dictionary.lookup(lemma.lower()) if h.kind in (HEAD, PHRASE)]
    plural_heads = _plural_heads(entry, dictionary, lemma) if entry.pos == "NOUN" else []
    allowed = COMPATIBLE_POS.get(entry.pos, set())
    sentences = [Sentence.of(e) for e in entry.examples]
    context = _sentence_words(sentences, entry, lemma)
    pieces = _pieces(context)
    adverbial = entry.pos == "ADJ" and _modifies_an_adjective(entry, lemma)
    objects = _person_objects(entry.examples) if entry.pos == "VERB" else frozenset()
    title = entry.pos == "NOUN" and titles_a_person(entry, dictionary)
    asks = any(_asks(example) for example in entry.examples) if entry.examples else None
    # a word glossed without a sentence is a part of a compound: its sense there is the one
    # Ding's compounds ending in it carry ("Stadtrat", "Sicherheitsrat": council, not advice)
    in_compounds = _compound_support(dictionary, lemma) if entry.pos == "NOUN" and not entry.examples else None
    support: Counter[str] | None = None   # counted when a hit has senses to weigh
    verb = entry.pos in {"VERB", "AUX"}
    choices: list[Choice] = []
    for hit in hits:
        if not hit.line.slots[hit.slot].senses:
            continue
        if support is None:
            support = family_support(dictionary, lemma, entry.pos)
        term = hit.term
        pos = hit.line.term_pos(hit.slot, hit.index)
        reasons: list[str] = []
        senses = hit.line.slots[hit.slot].senses
        evidence = Evidence(slots=len(hit.line.slots), own_line=hit.slot == 0 and hit.index == 0,
                            compound_slot=hit.slot > 0, lists_forms=_lists_forms(hit))
        if adverbial and pos == "ADV":
            evidence.adverbial = True
            reasons.append("used as an adverb before an adjective")
        if allowed and pos:
            if pos == entry.pos or (entry.pos == "PROPN" and pos == "NOUN"):
                evidence.pos = "same"
            elif pos in allowed:
                evidence.pos = "compatible"
            else:
                evidence.pos = "other"
                reasons.append(f"part of speech {pos}")
        labels = _labels_of(hit)
        _count_labels(evidence, labels)
        if label_score(evidence.news_labels, evidence.off_topic_labels, evidence.marginal_labels):
            reasons.append("labels " + " ".join(labels))
        # what the word's family agrees on and how common the English is tell a core sense
        # from a rare one; Ding's lines are sorted by their first German word, so a word's main
        # sense often stands under a synonym ("Vereinbarung; Abkommen": agreement)
        _english_evidence(evidence, senses, support, verb, dictionary.english, _participles(hit) if verb else None)
        if term.key.startswith("sich ") and not lemma.startswith("sich "):
            evidence.reflexive = True
            reasons.append("reflexive pronoun in the sentence")
        if genders and term.genders:
            if set(term.genders) & set(genders):
                evidence.gender = 1
            else:
                evidence.gender = -1
                reasons.append("gender the text rules out")
        prepositions = [p for p, _ in term.government]
        if prepositions and any(_preposition_in(p, s) for p in prepositions for s in sentences):
            evidence.governed = True
            reasons.append("governed preposition in the sentence")
        if objects:
            evidence.object_fit = _object_fit(term.text, objects)
            if evidence.object_fit:
                reasons.append("object " + ("as" if evidence.object_fit > 0 else "unlike") + " in the sentence")
        if in_compounds:
            evidence.head_support = max((gloss_support(in_compounds, s.text) for s in senses[:MAX_GLOSSES]), default=0)
        evidence.line_news_label = _NEWS_LABEL.search(hit.line.folded_german) is not None
        evidence.comment = _comment_field(term.comment) or _english_comment_field(senses)
        if evidence.comment:
            reasons.append("comment names a field")
        if asks is not None and term.comment.casefold() == QUESTION_MARK:
            evidence.question = 1 if asks else -1
            reasons.append("a question's word, and the sentence " + ("asks" if asks else "asks nothing"))
        if title and PERSON_MARK in hit.line.folded_german:
            evidence.person_title = True
            reasons.append("a title before a name: the person")
        shared = _context_words(hit.line, context, pieces)
        if shared:
            # "der turnusmäßige Wechsel des Vorsitzes" for "turnusmäßiger Ratsvorsitzender":
            # the line's examples speak of what the sentence speaks of
            evidence.context_words = len(shared)
            reasons.append("sentence words in the line: " + ", ".join(sorted(shared)))
        choices.append(Choice(hit, score(evidence), reasons=reasons))
    for hit in plural_heads:
        if support is None:
            support = family_support(dictionary, lemma, entry.pos)
        # `Unruhen {pl}` [pol.] "unrest" for a text that only ever says "Unruhen"; when the
        # text may mean the singular ("dem Nachbarn"), a plural line ("die Nachbarn: the
        # neighbours") only stands in for a missing singular one
        labels = hit.term.labels or hit.line.slots[hit.slot].labels
        evidence = Evidence(kind="plural", plural_sense=number == "plural")
        _count_labels(evidence, labels)
        _english_evidence(evidence, hit.line.slots[hit.slot].senses, support, verb, dictionary.english)
        choices.append(Choice(hit, score(evidence), reasons=[f"plural sense '{hit.term.key}' as in the text"],
                              plural_sense=number == "plural"))
    return choices


#: English of one country (not Britain or America, which go after the plain gloss instead).
REGIONAL_ENGLISH = frozenset({"Ir.", "Sc.", "Austr.", "NZ", "Can.", "SAfr.", "Ind."})

#: Ding's mark of the person among a word's senses: "Stadtrat {m} (Person)", "Gemeinderat {m} (Person)".
PERSON_MARK = "(person)"


#: Ding's mark of a word's sense in a question: "wonach (Frage) :: what … for", beside the relative
#: "wonach {pron} | eine Vorschrift, wonach :: according to which".
QUESTION_MARK = "frage"


def _asks(example: Example) -> bool:
    """The word stands in a question: the first mark ending a sentence after it is "?" ("Wonach suchst du?")."""
    if not example.spans:
        return False
    end = _SENTENCE_END.search(example.text, max(b for _, b in example.spans))
    return end is not None and end.group() == "?"


_SENTENCE_END = re.compile(r"[.!?]")


def titles_a_person(entry: Entry, dictionary: Dictionary) -> bool:
    """The noun stands as a title before a name in one of its sentences: "Grün-Landesrat Rudi Anschober"."""
    for example in entry.examples:
        if len(example.spans) != 1:
            continue
        after = example.text[example.spans[0][1]:].split(maxsplit=1)
        word = after[0].strip(",.;:!?()“”„\"") if after else ""
        if len(word) >= 2 and word[:1].isupper() and word[1:].islower() and word.isalpha() \
                and not dictionary.knows_head(word, "NOUN") and not dictionary.knows_head(word.lower()):
            return True
    return False


def _modifies_an_adjective(entry: Entry, lemma: str) -> bool:
    """The adjective stands uninflected before an inflected adjective and its noun: "im dicht besiedelten Tal"."""
    for example in entry.examples:
        if len(example.spans) != 1:
            continue
        a, b = example.spans[0]
        if example.text[a:b].casefold() != lemma.casefold():
            continue
        following = example.text[b:].split(maxsplit=2)
        # an inflected adjective and then its noun: not a verb ("augenfällig wurde das")
        if len(following) >= 2 and following[0].islower() and len(following[0]) >= 5 and following[0].isalpha() \
                and following[0].endswith(("e", "en", "er", "es", "em")) and following[1][:1].isupper():
            return True
    return False


#: Letters two German words must share at their start to count as the same word ("Vorsitz").
CONTEXT_PREFIX = 6
_CONTEXT_STOPWORDS = frozenset(
    ["aber", "alle", "allem", "allen", "aller", "alles", "andere", "anderen", "auch", "auf", "aus", "bei", "beim", "bereits", "bisher", "damit", "dann", "darauf", "dass", "daß", "denen", "deren", "dessen", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "durch", "eine", "einem", "einen", "einer", "eines", "erst", "etwa", "etwas", "gegen", "haben", "hatte", "hatten", "heute", "hier", "immer", "jedoch", "jetzt", "kann", "keine", "konnte", "können", "mehr", "muss", "müssen", "nach", "nicht", "noch", "nur", "oder", "ohne", "schon", "sein", "seine", "seinem", "seinen", "seiner", "sich", "sind", "soll", "sollen", "sollte", "sowie", "über", "unter", "viele", "vielen", "vom", "von", "vor", "während", "wann", "war", "waren", "warum", "was", "weil", "welche", "wenn", "werden", "wieder", "wird", "wurde", "wurden", "zwar", "zwischen", "selbst", "bislang", "jedenfalls", "nämlich", "übrigens", "inzwischen"])


def _sentence_words(sentences: list[Sentence], entry: Entry, lemma: str) -> frozenset[str]:
    """The sentence's content words (6 letters or more), not the entry's own."""
    own = {lemma.casefold()[:CONTEXT_PREFIX]} | {f.casefold()[:CONTEXT_PREFIX] for f in entry.forms}
    words = set()
    for sentence in sentences:
        for at, word in enumerate(sentence.words):
            if at in sentence.entry_at or len(word) < CONTEXT_PREFIX or word in _CONTEXT_STOPWORDS:
                continue
            if word[:CONTEXT_PREFIX] not in own:
                words.add(word)
    return frozenset(words)


def _context_words(line: DingLine, context: frozenset[str], pieces: frozenset[str] = frozenset()) -> set[str]:
    """The sentence words that a Ding line's German also uses (sharing their first letters, or as a compound's end).

    `pieces` are the sentence words' CONTEXT_PREFIX-letter pieces (`_pieces`): a line none of
    whose words starts with one of them shares nothing, and its terms need not be read.
    """
    if not context:
        return set()
    if pieces and pieces.isdisjoint(_word_starts(line.folded_german)):
        return set()
    # the sentence's words are CONTEXT_PREFIX letters or longer: only the first letters of the
    # line's words as long tell (one of them starts a sentence word, or stands inside one)
    starts = {folded[:CONTEXT_PREFIX] for w in line.german_words if len(w) >= 5
              for folded in (w.casefold(),) if len(folded) >= CONTEXT_PREFIX}
    if not starts:
        return set()
    return {word for word in context if word[:CONTEXT_PREFIX] in starts or any(start in word for start in starts)}


def _pieces(context: frozenset[str]) -> frozenset[str]:
    """Every CONTEXT_PREFIX letters of the sentence words, wherever they stand in them."""
    return frozenset(word[at:at + CONTEXT_PREFIX] for word in context
                     for at in range(len(word) - CONTEXT_PREFIX + 1))


#: The CONTEXT_PREFIX letters (or fewer, at the end) from each place not after a letter or digit.
_WORD_START = re.compile(rf"(?<!\w)(?=(.{{1,{CONTEXT_PREFIX}}}))")


@functools.lru_cache(maxsize=8192)
def _word_starts(folded: str) -> frozenset[str]:
    """The CONTEXT_PREFIX letters from each place of a line's German a word may start (after a
    space or a mark): the words of its terms are pieces of the text, each starting so."""
    return frozenset(_WORD_START.findall(folded))


def _participle_choices(dictionary: Dictionary, lemma: str, pos: str) -> list[Choice]:
    """The verbal sense of a participle used as an adjective: Ding's translation of that form.

    "bewaffnet" is listed as an adjective only as "weaponed"; as the participle of
    `bewaffnen` it is "armed". Both compete; the participle's gloss is marked as made
    through the verb.
    """
    choices: list[Choice] = []
    for hit in dictionary.lookup(lemma):
        if hit.kind != FORM or hit.slot not in (1, 2) or hit.line.term_pos(0, 0) != "VERB":
            continue
        head_terms = hit.line.slots[0].terms
        if hit.index >= len(head_terms) or not hit.line.slots[hit.slot].senses:
            continue
        verb = head_terms[hit.index].key
        support = family_support(dictionary, lemma, pos)
        # an adjective Ding lists as such ("entscheidend": decisive) goes before its verb's participle
        evidence = Evidence(kind="participle", slots=len(hit.line.slots), first_verb=hit.index == 0)
        _count_labels(evidence, _labels_of(hit))
        _english_evidence(evidence, hit.line.slots[hit.slot].senses, support, False, dictionary.english)
        choices.append(Choice(hit, score(evidence), reasons=[f"participle of {verb}"], source="ding:participle", via=verb))
    return choices


def _plural_heads(entry: Entry, dictionary: Dictionary, lemma: str) -> list[Hit]:
    """Ding's plural-only headwords for the plural forms the text uses, when it uses no singular."""
    forms = {f for f in entry.forms if f != lemma and " " not in f}
    if not forms or lemma in entry.forms:
        return []
    hits: list[Hit] = []
    for form in sorted(forms):
        hits.extend(h for h in dictionary.lookup(form)
                    if h.kind == HEAD and h.slot == 0 and h.term.markers == ("pl",))
    return hits


def _english_comment_field(senses: tuple[Sense, ...]) -> int:
    """-1 when the first English gloss's comment names a field far from news ("(metallurgy)")."""
    if not senses or "(" not in senses[0].text:
        return 0
    comments = " ".join(_ENGLISH_COMMENT.findall(senses[0].text)).casefold()
    return -1 if _OFF_TOPIC_ENGLISH_COMMENT.search(comments) else 0


_ENGLISH_COMMENT = re.compile(r"\(([^)]*)\)")
_OFF_TOPIC_ENGLISH_COMMENT = re.compile(r"\b(?:" + "|".join(OFF_TOPIC_ENGLISH_COMMENTS) + ")")


def _comment_field(comment: str) -> int:
    """+1 when Ding's German comment names a field of the news, -1 another field, else 0."""
    if not comment:
        return 0
    if any(word in comment for word in NEWS_COMMENT_WORDS):
        return 1
    if any(word in comment for word in OFF_TOPIC_COMMENT_WORDS):
        return -1
    return 0


def _labels_of(hit: Hit) -> tuple[str, ...]:
    """The term's own labels, and the subject labels Ding writes once at the end of the slot.

    A register label at the end ("Sprit [ugs.]") belongs to its own synonym; a subject label
    ("Bündnis {n}; Bund {m} [pol.]") to the whole sense.
    """
    own = hit.term.labels
    shared = tuple(label for label in hit.line.slots[hit.slot].labels
                   if label not in own and (label in NEWS_LABELS or label in OFF_TOPIC_LABELS))
    return own + shared


def _lists_forms(hit: Hit) -> bool:
    line, slot, index = hit.line, hit.slot, hit.index
    if slot + 1 >= len(line.slots):
        return False
    following = line.slots[slot + 1].terms
    if index >= len(following) or following[index].is_phrase:
        return False
    return "pl" in following[index].markers or (slot == 0 and not following[index].markers)


#: Personal pronouns that stand as a verb's object, and the placeholder Ding writes for them:
#: "seine Eltern haben ihn erzogen" is `jdn. erziehen`. ("sie", "es" and "ihr" are left out:
#: they are subjects as often.)
PERSON_OBJECTS = {"mich": ("jdn.",), "dich": ("jdn.",), "ihn": ("jdn.",), "mir": ("jdm.",), "dir": ("jdm.",),
                  "ihm": ("jdm.",), "ihnen": ("jdm.",), "uns": ("jdn.", "jdm."), "euch": ("jdn.", "jdm.")}
_NEWS_LABEL = re.compile("|".join(re.escape(f"[{label}]") for label in sorted(NEWS_LABELS)))
_PERSON_PLACEHOLDER = re.compile(r"\bjd[nm]\.")


def _person_objects(examples: list[Example]) -> frozenset[str]:
    """The placeholders ("jdn.", "jdm.") of person pronouns in the verb's clause, standing as its object."""
    found: set[str] = set()
    for example in examples:
        if not example.spans:
            continue
        start, end = min(a for a, _ in example.spans), max(b for _, b in example.spans)
        before = _CLAUSE_END.split(example.text[:start][::-1], maxsplit=1)[0][::-1]
        after = _CLAUSE_END.split(example.text[end:], maxsplit=1)[0]
        words = [w.casefold() for w in _WORD.findall(before)] + [w.casefold() for w in _WORD.findall(after)]
        for at, word in enumerate(words):
            # "uns" with "wir" is reflexive (`_reflexive_in_text`); "von ihnen" the object of a preposition
            if word in PERSON_OBJECTS and _PERSON_OF_REFLEXIVE.get(word, "") not in words \
                    and not (at and words[at - 1] in PREPOSITIONS):
                found.update(PERSON_OBJECTS[word])
    return frozenset(found)


_WORD = re.compile(r"\w+")


def _object_fit(term_text: str, objects: frozenset[str]) -> int:
    """+1 when the term takes the person the sentence has (jdn./jdm.), -1 when it takes only a thing (etw.)."""
    if any(placeholder in term_text for placeholder in objects):
        return 1
    if "etw." in term_text and not _PERSON_PLACEHOLDER.search(term_text):
        return -1
    return 0


@functools.lru_cache(maxsize=4096)
def _compound_support(dictionary: Dictionary, lemma: str) -> Counter[str]:
    """English stem -> how many Ding lines of compounds ending in the noun give it ("Gemeinderat": council)."""
    folded = lemma.casefold()
    if len(folded) < 3 or not folded.isalpha() or not dictionary.has_families():
        return Counter()
    by_line: dict[str, set[str]] = {}
    for word, lines, _, stems in dictionary.german_words((), folded, NOUN_ENDINGS,
                                                         keep=lambda f: len(f) >= len(folded) + 3):
        if not word[:1].isupper():
            continue
        for line, slot_stems in zip(lines.split(), stems.split("|"), strict=False):
            by_line.setdefault(line, set()).update(slot_stems.split())
    return Counter(stem for stems in by_line.values() for stem in stems)


def _reflexive_in_text(entry: Entry) -> bool:
    """A reflexive pronoun stands near the verb in one of its sentences ("beteiligt sich")."""
    for example in entry.examples:
        sentence = Sentence.of(example)
        if not sentence.entry_at:
            continue
        first, last = min(sentence.entry_at), max(sentence.entry_at)
        for word in sentence.words[max(0, first - 3): last + 4]:
            # "sich" is always reflexive; "uns" only with "wir" ("es ärgert uns" is an object)
            if word == "sich" or _PERSON_OF_REFLEXIVE.get(word, "") in sentence.words:
                return True
    return False


def in_news_subject(lemma: str, dictionary: Dictionary) -> bool:
    """True when a line of Ding gives `lemma` a subject of the news ([pol.], [jur.], [mil.] ...):
    such a word is what a news article teaches, however frequent it is."""
    return any(NEWS_LABELS.intersection(hit.line.slots[hit.slot].labels) for hit in dictionary.lookup(lemma))


def _count_labels(evidence: Evidence, labels: tuple[str, ...] | list[str]) -> None:
    evidence.labels = tuple(labels)
    evidence.news_labels = sum(1 for label in labels if label in NEWS_LABELS)
    evidence.off_topic_labels = sum(1 for label in labels if label in OFF_TOPIC_LABELS)
    evidence.marginal_labels = sum(1 for label in labels if label in MARGINAL_LABELS)


def _label_score(labels: tuple[str, ...] | list[str]) -> float:
    """The labels' points alone (`sense_scorer.label_score`)."""
    evidence = Evidence()
    _count_labels(evidence, labels)
    return label_score(evidence.news_labels, evidence.off_topic_labels, evidence.marginal_labels)


def _preposition_in(preposition: str, sentence: Sentence) -> bool:
    if not sentence.entry_at:
        return False
    first = min(sentence.entry_at)
    nearby = sentence.words[max(0, first - 10): first + 12]
    return any(w == preposition or CONTRACTIONS.get(w) == preposition for w in nearby)


def _english_evidence(evidence: Evidence, senses: tuple[Sense, ...], support: Counter[str], verb: bool,
                      english: EnglishWords, participles: dict[Sense, tuple[str, ...]] | None = None) -> None:
    """The shown English synonyms' commonness (a verb's as a verb: `EnglishWords.verb_zipf`) and
    clutter, and the family support of the best supported."""
    shown = [s for s in senses[:MAX_GLOSSES] if s.text]
    if not shown:
        return
    participles = participles or {}
    evidence.support = max(gloss_support(support, s.text) for s in shown)
    evidence.english = tuple((min(english.verb_zipf(s.text, participles.get(s, ())), COMMON_ENOUGH),
                              clutter(s.text, verb=verb)) for s in shown)
