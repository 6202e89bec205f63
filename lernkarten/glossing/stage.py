"""The glossing stage: Entries in, Entries with glosses and grammar out.

Each entry gets 1-3 English glosses for the sense its text uses (`senses.py`), or glosses made
from other words and marked so (`fallbacks.py`, `derived.py`, tried in `fallback_order.py`), and the grammar a card shows
(`grammar.py`). An entry with no gloss at all is not dropped silently: it comes back in
`GlossResult.unglossed` for the caller to report, and never becomes a card with an empty
back. Online translators, when asked for, add sentence translations and a second opinion
(`online.py`). The input entries are not changed; the result holds copies.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, is_dataclass
from typing import TYPE_CHECKING, Any

from lernkarten.entries import EXPRESSION_LIST, Entry, Gloss, plural_note
from lernkarten.glossing.derived import (
    adjectival_grammar,
    diminutive_grammar,
    feminine_grammar,
    infinitive_grammar,
    place_adjective_fallback,
)
from lernkarten.glossing.dictionary import Dictionary, open_dictionary
from lernkarten.glossing.ding import PREPOSITION_CASES, plain_german
from lernkarten.glossing.fallback_order import first_fallback
from lernkarten.glossing.fallbacks import Fallback
from lernkarten.glossing.grammar import (
    Grammar,
    adjectival_note,
    adjective_grammar,
    compound_plural,
    genders_from_articles,
    noun_grammar,
    verb_grammar,
)
from lernkarten.glossing.senses import (
    DOUBT_MARGIN,
    Choice,
    attributive_phrases,
    choose_senses,
    english_of,
    glosses_of,
    rare_english,
    senses_in_doubt,
)
from lernkarten.lexicon.expressions import expression_glosses

if TYPE_CHECKING:
    from lernkarten.glossing.online import Translator

Progress = Callable[[int, int], None]


@dataclass
class GlossResult:
    """Glossed entries in their order, the entries no gloss was found for, and warnings to show once."""

    entries: list[Entry] = field(default_factory=list)
    unglossed: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def gloss_entries(entries: list[Entry], *, translator: str | Translator | None = None, timeout: float = 10, budget: float = 120,
                  progress: bool | Progress = False) -> GlossResult:
    """Gloss every entry offline; with `translator` ("google", "deepl", ... or an object with
    `translate(text) -> str`) also translate example sentences and add a second-opinion gloss.

    `timeout` bounds each online request and `budget` all of them together (seconds); when the
    service fails, one warning is given and the offline result stands.
    """
    # deferred: read only when this runs (start-up time)
    from lernkarten.lexicon.nouns import noun_table

    show_bar = progress is True
    dictionary = open_dictionary(progress=show_bar)
    nouns = noun_table()
    result = GlossResult()
    glossed: list[Entry] = []
    callback = progress if callable(progress) else None
    with _no_cycle_collection():
        for done, entry in enumerate(entries, start=1):
            glossed.append(gloss_entry(entry, dictionary, nouns))
            if callback:
                callback(done, len(entries))
    if translator is not None:
        # deferred: read only when this runs (start-up time)
        from lernkarten.glossing.online import translate_entries

        result.warnings.extend(translate_entries(glossed, translator, timeout=timeout, budget=budget))
    for entry in glossed:
        (result.entries if entry.glosses else result.unglossed).append(entry)
    return result


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while entries are glossed.

    Glossing makes many small objects that live on in the dictionary's caches (lines read,
    families counted) and no reference cycles; each full collection walks all of them (and a
    build's analysis models too), which took a fifth of the time. The collector is restored after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def gloss_entry(entry: Entry, dictionary: Dictionary, nouns: object) -> Entry:
    """A copy of `entry` with glosses, grammar and notes; `glosses` stays empty when nothing is known.

    A word in the spelling from before 1996 ("Mißerfolg") is glossed in today's
    ("Misserfolg") when that is a word Ding or the noun table lists; the card names it.
    English is rated by `dictionary`'s own figures (`dictionary.english`).
    """
    glossed = _gloss_one(entry, dictionary, nouns)
    variant = entry.lemma.replace("ß", "ss") if not glossed.glosses and "ß" in entry.lemma else ""
    if variant and _is_word(variant, dictionary, nouns):
        respelled = _gloss_one(dataclasses.replace(entry, lemma=variant), dictionary, nouns)
        if respelled.glosses:
            respelled.lemma = entry.lemma
            respelled.notes.insert(0, f"spelled {variant} since 1996")
            return respelled
    return glossed


def _is_word(lemma: str, dictionary: Dictionary, nouns: object) -> bool:
    """A word Ding or the noun table lists as written: what a respelling must give ("Misserfolg", not "Gross")."""
    return dictionary.knows_head(lemma, "") or any(not r.is_name for r in nouns.lemma(lemma))  # type: ignore[attr-defined]


def _gloss_one(entry: Entry, dictionary: Dictionary, nouns: object) -> Entry:
    entry = _copied(entry)
    if entry.pos == "EXPR":
        written = expression_glosses().get(entry.lemma)
        if written:
            # the expression list's own English: the dictionary's guess at an expression's
            # sense, with no sentence to choose by, is often another sense or a loose word
            entry.glosses = [Gloss(text=text, source=EXPRESSION_LIST) for text in written]
            return entry
    genders: tuple[str, ...] = ()
    number = ""
    singular = False
    if entry.pos == "NOUN":
        genders = _text_genders(entry, dictionary, nouns)
        number = text_number(entry, nouns)
        singular = not any(r.plural_only for r in nouns.lemma(entry.lemma))  # type: ignore[attr-defined]
    # "Kölner Dom": a place's adjective; Ding lists the word only as the place's people
    place = (place_adjective_fallback(entry, dictionary, nouns)
             if entry.pos == "ADJ" and entry.lemma[:1].isupper() and entry.lemma.endswith("er") else None)
    choices = [] if place else choose_senses(entry, dictionary, genders=genders, number=number, singular=singular)
    phrase = next((c for c in choices if c.phrase and not c.lemma), None)
    if phrase is not None and any(not c.phrase for c in choices):
        # the word has a sense of its own: that is what the card teaches; the phrase the
        # sentence uses ("den Ausschlag geben") is a note beside it, not the word's meaning
        entry.notes.append(phrase_note(phrase))
        choices = [c for c in choices if not c.phrase or c.lemma]
    fallback: Fallback | None = None
    if choices:
        entry.glosses = glosses_of(choices, margin=DOUBT_MARGIN)
        if phrase is None:
            # "hinter verschlossenen Türen": the noun an adjective goes with says its sense
            # there, worth a note where it is not a sense the card gives ("kollektive
            # Sicherheit": collective security says nothing new)
            attributive = attributive_phrases(entry, dictionary)
            if attributive and not _says_the_same([text for _, text in english_of(attributive[0])[0][:2]],
                                                  entry.glosses):
                entry.notes.append(phrase_note(attributive[0]))
        if (senses_in_doubt(choices, DOUBT_MARGIN) or rare_english(entry.glosses, dictionary)
                or written_as_a_noun(entry) or used_as_a_name(entry, nouns)) and "glosses" not in entry.uncertain:
            # senses the text cannot tell apart, a narrow sense's rare English, or a word the
            # text may not use as the tagger says
            entry.uncertain.append("glosses")
    else:
        fallback = place or first_fallback(entry, dictionary, nouns)
        if fallback:
            entry.glosses = fallback.glosses
    if entry.glosses and all(g.uncertain for g in entry.glosses) and "glosses" not in entry.uncertain:
        entry.uncertain.append("glosses")
    if choices and choices[0].lemma and choices[0].lemma != entry.lemma:
        # the text uses another word than the lemma says ("lehnte ... ab": ablehnen)
        entry.notes.append(f"in the text: {choices[0].lemma}")
        if "lemma" not in entry.uncertain:
            entry.uncertain.append("lemma")
    sense = next((c.hit for c in choices if not c.phrase), None)
    _grammar(entry, dictionary, nouns, sense, fallback).apply(entry)
    return entry


#: Values a copy may share: they cannot change.
_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def _copied(value: Any) -> Any:
    """A deep copy of an entry: its dataclasses, lists and tuples copied, what else it holds
    (strings, numbers) immutable; as copy.deepcopy gives, in a fraction of the time."""
    if type(value) in _IMMUTABLE:
        return value
    if isinstance(value, list):
        return [item if type(item) in _IMMUTABLE else _copied(item) for item in value]
    if isinstance(value, tuple):
        return tuple(item if type(item) in _IMMUTABLE else _copied(item) for item in value)
    if is_dataclass(value) and hasattr(value, "__dict__") and not isinstance(value, type):
        twin = object.__new__(type(value))
        twin.__dict__.update({name: item if type(item) in _IMMUTABLE else _copied(item)
                              for name, item in vars(value).items()})
        return twin
    return copy.deepcopy(value)


def written_as_a_noun(entry: Entry) -> bool:
    """A verb the text writes with a capital inside every sentence it is in: a noun or a name
    the tagger took for a verb ("den Google Maps Eintrag": googeln; "mit Überschlägen":
    überschlagen), whose verb's senses may not be what the text says."""
    if entry.pos not in {"VERB", "AUX"} or not entry.examples:
        return False
    for example in entry.examples:
        if not example.spans:
            return False
        start, end = example.spans[0]
        before = example.text[:start].rstrip(_OPENING)
        if not example.text[start:end][:1].isupper() or not before or before[-1] in ".!?:":
            return False
    return True


def used_as_a_name(entry: Entry, nouns: object) -> bool:
    """A noun the text only uses in a genitive singular with nothing to decline it: a name's
    genitive ("Metes Karriere", "der China-Besuch Kohls", "(APA, Reuters)"), as a common
    noun's genitive stands after an article or an adjective ("des Lehrers", "trotz
    hartnäckigen Drängens"); the common noun's senses may not be what the text says."""
    if entry.pos != "NOUN" or not entry.examples:
        return False
    for example in entry.examples:
        if not example.spans or example.article:
            return False
        start, end = example.spans[0]
        form = example.text[start:end]
        if form not in (entry.lemma + "s", entry.lemma + "es"):
            return False
        readings = {slot for row in nouns.lookup(form) if row.lemma == entry.lemma  # type: ignore[attr-defined]
                    for slot in row.slots}
        if readings != {"genitiv singular"}:
            return False
        if example.text[:start].rstrip().endswith(("-", "–")):
            return False  # the last part of a compound written apart: "des Yoga - Lehrers"
        before = example.text[:start].rstrip(_OPENING).rsplit(maxsplit=1)[-1:]
        if before and before[0].islower() and before[0].endswith(_DECLINING_ENDINGS):
            return False
    return True


#: Endings of the words that decline a genitive noun before it: "des", "eines", "seines", "hartnäckigen".
_DECLINING_ENDINGS = ("es", "en", "er", "em")


#: What may stand between a sentence's end and its next word: spaces, opening quotes and brackets.
_OPENING = " \t\n„“”‚‘’\"'`»«(–-"


def phrase_note(choice: Choice) -> str:
    """"den Ausschlag geben: to tip the balance" - the phrase as Ding writes it, without markup."""
    english = "; ".join(text for _, text in english_of(choice)[0][:2])
    return f"{plain_german(choice.hit.term.text)}: {english}"


#: Letters two English words must share at their start to be taken for one ("regular", "regularly").
SAME_STEM = 5


def _says_the_same(phrase_english: list[str], glosses: list[Gloss]) -> bool:
    """A phrase's English uses a word of the glosses ("collective security" for "collective")."""
    def stems(text: str) -> set[str]:
        return {word[:SAME_STEM] for word in re.findall(r"[a-z]{3,}", text.casefold())
                if word not in {"sth", "the", "and"}}
    own = set().union(*(stems(g.text) for g in glosses)) if glosses else set()
    return any(own & stems(text) for text in phrase_english)


def text_number(entry: Entry, nouns: object) -> str:
    """"plural" when every sentence uses the noun in the plural, "singular" when every one in the
    singular, else "": from the form's case and number slots, narrowed by the article before it."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.grammar import article_readings

    seen: set[str] = set()
    for example in entry.examples:
        if not example.spans:
            continue
        a, b = example.spans[0]
        form = example.text[a:b]
        slots = {tuple(s.split()[:2]) for r in nouns.lookup(form)  # type: ignore[attr-defined]
                 if r.lemma == entry.lemma for s in r.slots}
        readings = {(case, number) for case, number, _ in article_readings(example.article.casefold().strip())}
        if readings and slots:
            slots = {s for s in slots if s in readings} or slots
        numbers = {number for _, number in slots}
        if not numbers:
            return ""
        seen |= numbers
    return seen.pop() if len(seen) == 1 else ""


def _text_genders(entry: Entry, dictionary: Dictionary, nouns: object) -> tuple[str, ...]:
    """The genders the text's articles allow for a noun (empty when they decide nothing)."""
    rows = [r for r in nouns.lemma(entry.lemma) if not r.is_name]  # type: ignore[attr-defined]
    candidates = {r.gender for r in rows if r.gender}
    candidates |= dictionary.genders(entry.lemma)
    if len(candidates) < 2:
        return ()
    return tuple(sorted(genders_from_articles(entry, sorted(candidates), nouns, entry.lemma)))


def _grammar(entry: Entry, dictionary: Dictionary, nouns: object, sense: object, fallback: Fallback | None) -> Grammar:
    if entry.pos == "NOUN":
        if fallback is not None and not _noun_known(entry.lemma, dictionary, nouns):
            if fallback.kind == "adjectival" and not fallback.base:
                return adjectival_grammar(entry, fallback)
            if fallback.kind == "adjectival":
                # Ding's "Beamter" for the text's "Beamte": its grammar, told of the learner's form
                grammar = noun_grammar(entry, dictionary, nouns, lemma=fallback.base)
                grammar.notes = [adjectival_note(entry.lemma, set(grammar.gender)) if note.startswith("adjectival noun")
                                 else note for note in grammar.notes]
                return grammar
            if fallback.kind == "infinitive":
                return infinitive_grammar(entry)
            if fallback.kind == "diminutive":
                return diminutive_grammar(entry)
            if fallback.kind == "feminine":
                return feminine_grammar(entry)
        if fallback is not None and fallback.kind == "compound" and not _noun_known(entry.lemma, dictionary, nouns):
            head_senses = [c.hit for c in choose_senses(copy.copy(entry), dictionary, lemma=fallback.base,
                                                        phrases=False)]
            grammar = noun_grammar(entry, dictionary, nouns, lemma=fallback.base,
                                   sense=head_senses[0] if head_senses else None)
            modifier = fallback.modifier
            grammar.plural = " / ".join(compound_plural(modifier, p) for p in grammar.plural.split(" / ") if p)
            grammar.genitive = " / ".join(
                " ".join(words[:-1] + [compound_plural(modifier, words[-1])])
                for words in (part.split() for part in grammar.genitive.split(" / ") if part))
            if grammar.singular:
                # the head's singular, made the compound's: "die Kraft" -> "die Polizeikraft"
                article, _, head_singular = grammar.singular.partition(" ")
                said = plural_note(grammar.singular)
                grammar.singular = f"{article} {compound_plural(modifier, head_singular)}"
                grammar.notes = [plural_note(grammar.singular) if note == said else note for note in grammar.notes]
            grammar.notes.append(f"gender of its last part, {fallback.base}")
            return grammar
        return noun_grammar(entry, dictionary, nouns, sense=sense)  # type: ignore[arg-type]
    if entry.pos == "VERB":
        grammar = verb_grammar(entry, sense)  # type: ignore[arg-type]
        if fallback is not None and fallback.kind == "governed" and grammar.verb is not None:
            # "resultieren aus": Ding lists the verb with what it takes
            word = fallback.parts[0]
            case = PREPOSITION_CASES.get(word, "")
            note = f"{word} + {case}" if case else f"+ {word}-clause" if word in ("dass", "ob") else f"with {word}"
            if case:
                grammar.verb.government.append(note)
            grammar.notes.append(note)
        return grammar
    if entry.pos == "ADJ":
        return adjective_grammar(entry, sense)  # type: ignore[arg-type]
    return Grammar()


def _noun_known(lemma: str, dictionary: Dictionary, nouns: object) -> bool:
    return bool([r for r in nouns.lemma(lemma) if not r.is_name]) or dictionary.knows_head(lemma, "NOUN")  # type: ignore[attr-defined]
