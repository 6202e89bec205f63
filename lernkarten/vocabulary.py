"""Choosing what is worth learning: from every occurrence in the texts to ranked Entries.

A word is worth a card when the learner probably does not know it yet (its general
frequency is below what the learner's level covers), when it is the kind of word an article
teaches (`Weights` says which, fitted on an expert's choices), and when it is not a name,
a number or a function word. Frequencies are wordfreq's Zipf values for German: log10 of
occurrences per billion words (7 = "und", 4 = "Bündnis", 1 = a word seen once a billion).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from lernkarten.analysis.occurrences import Occurrence
from lernkarten.entries import Entry, Example, Source
from lernkarten.levels import DEFAULT_LEVEL, LEVEL_KNOWN_ZIPF, LEVELS
from lernkarten.lexicon.calendar import is_calendar_word
from lernkarten.lexicon.expressions import expression_level
from lernkarten.lexicon.frequency import zipf_de
from lernkarten.lexicon.morphology import masculine_stems

if TYPE_CHECKING:
    from lernkarten.analysis.expression_matcher import Pattern

#: Examples kept per entry and per source: enough to show the word's uses, not the whole text.
MAX_EXAMPLES_PER_SOURCE = 3
LEARNABLE_POS = {"NOUN", "VERB", "ADJ", "ADV", "EXPR"}


@dataclass
class AnalysedText:
    """What the analysis stage found in one source text."""

    source: Source
    occurrences: list[Occurrence]
    token_count: int


def collect_entries(texts: Iterable[AnalysedText]) -> list[Entry]:
    """One Entry per (lemma, part of speech) over all texts, with counts, forms and examples.

    Names, numbers and function words are kept here (marked by their pos); `select_entries`
    decides what a learner sees.
    """
    entries: dict[tuple[str, str], Entry] = {}
    seen_sentences: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for text in texts:
        for occ in text.occurrences:
            if occ.is_function_word or occ.pos in {"PUNCT", "SYM", "SPACE", "X"}:
                continue
            pos = "PROPN" if occ.is_name else occ.pos
            key = (occ.lemma, pos)
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = Entry(lemma=occ.lemma, pos=pos)
                seen_sentences[key] = set()
            entry.count += 1
            if occ.form not in entry.forms:
                entry.forms.append(occ.form)
            if text.source.id not in entry.sources:
                entry.sources.append(text.source.id)
            sentence_key = (text.source.id, occ.sentence)
            if sentence_key in seen_sentences[key]:
                continue
            seen_sentences[key].add(sentence_key)
            entry.examples.append(Example(text=occ.sentence, spans=[(s[0], s[1]) for s in occ.spans],
                                          source=text.source.id, article=occ.article))
    for entry in entries.values():
        entry.examples = _best_examples(entry.examples)
    return list(entries.values())


@dataclass(frozen=True)
class Weights:
    """Every weight of the ranking, in one place: a linear score over `rank_features`.

    The coefficients are fitted to an expert's key words of news articles: a softmax over each
    article's candidates, so that the listed words come first within their article (what the
    first 40 of a deck need; a logistic regression over all words ranks worse, 0.542 against
    0.548 left-one-out), on the tuning half of `../shared/data/news-de/` by
    `benchmarks/fit_selection.py --listwise --l2 0.3` (which prints them), and measured on the other
    half by `benchmarks/key_vocabulary.py`. What they say: nouns and verbs, expressions, words met
    twice, words Ding files under politics, law, the military or the economy, words the text
    uses far more often than German does (keyness), and long words are what an article
    teaches; the more frequent a word is, the likelier a learner knows it, and a word of the
    learner's own band pays for every Zipf unit inside it, and again when the text meets it
    only once with no compound of it beside (a penalty, not a cut: Grenze, Wahl, Gewalt met
    once can still be what the article is about). An idiom with a verb listed at the learner's
    own level ("eine Rolle spielen" at B1) is kept as such a word is, while the adverbial phrases
    of that level ("unter anderem") are known. An idiom with a verb is worth more than an
    adverbial phrase, and an impersonal one ("es heißt", "es handelt sich um") far less: any
    text says it. Adverbs almost never are. (Refitted with the impersonal feature: leaving
    one article out 0.568 -> 0.573; fitted on articles 00-11 and measured on 12-17, 0.527 -> 0.541.)
    """

    #: Words more than this far inside the level's band (Zipf) are known, however often they occur...
    known_margin: float = 0.6
    #: ...and a word inside the band met less often than this (a compound of it counting half)
    #: pays `once_in_band`: one met once is seldom what the text is about.
    known_min_count: float = 2.0
    pos: tuple[tuple[str, float], ...] = (("NOUN", 0.54), ("VERB", 0.42), ("ADJ", -0.46), ("ADV", -1.4),
                                          ("EXPR", 0.9), ("PROPN", 0.0))
    count: float = 0.02
    family: float = 0.08
    zipf: float = -0.03
    rarity: float = -0.69
    above: float = -1.15
    news_subject: float = 0.46
    length: float = 0.41
    repeated: float = 0.61
    unseen: float = -0.09
    named_after: float = -0.31
    keyness: float = 0.12
    once_in_band: float = -0.68
    verb_phrase: float = 0.23
    impersonal: float = -1.08

    def pos_prior(self, pos: str) -> float:
        return dict(self.pos).get(pos, 0.0)

    def score(self, pos: str, features: dict[str, float]) -> float:
        return self.pos_prior(pos) + sum(getattr(self, name) * value for name, value in features.items())


WEIGHTS = Weights()
#: The features `Weights` weighs, in the order `benchmarks/fit_selection.py` fits them.
FEATURES = ("count", "family", "zipf", "rarity", "above", "news_subject", "length", "repeated", "unseen",
            "named_after", "keyness", "once_in_band", "verb_phrase", "impersonal")
#: An expression is judged as itself: wordfreq's estimate from its words says nothing, so it
#: counts as a word of middling frequency, outside every band.
EXPRESSION_ZIPF = 3.5
#: Below this Zipf a word is rare enough that a learner may not meet it again soon.
RARE_ZIPF = 2.5
#: A participle Ding lists as an adjective that is this much more frequent than its verb (Zipf)
#: is learnt as the adjective (`glossing.fallbacks.verb_of_participle`): its adjective use is
#: what German mostly says (verheiratet 4.5 beside verheiraten 2.9, bekannt 5.3 beside
#: bekennen 3.7), while gescheitert and scheitern, benötigt and benötigen are level.
PARTICIPLE_OWN_ZIPF = 1.0


def select_entries(
    entries: Iterable[Entry],
    *,
    level: str = DEFAULT_LEVEL,
    limit: int | None = None,
    known: Iterable[str] = (),
    names: bool = False,
    weights: Weights = WEIGHTS,
    verb_of: Callable[[str], str | None] | None = None,
    in_news: Callable[[str], bool] | None = None,
) -> list[Entry]:
    """The entries a learner at `level` should study, best first, at most `limit`.

    `known` holds lemmas the learner already knows (compared without case, ß kept, and without a leading "sich").
    `verb_of` names the verb of a participle used as an adjective, which is learnt as that verb;
    `in_news` says whether the dictionary files a word under a subject of the news.
    """
    ranked = [entry for _features, entry in scored_entries(entries, level=level, known=known, names=names,
                                                           weights=weights, verb_of=verb_of, in_news=in_news)]
    return ranked[:limit] if limit is not None else ranked


def scored_entries(
    entries: Iterable[Entry],
    *,
    level: str = DEFAULT_LEVEL,
    known: Iterable[str] = (),
    names: bool = False,
    weights: Weights = WEIGHTS,
    verb_of: Callable[[str], str | None] | None = None,
    in_news: Callable[[str], bool] | None = None,
    left_out: dict[str, str] | None = None,
) -> list[tuple[dict[str, float], Entry]]:
    """The learnable entries with their features, best first by `weights` (what the fit reads).

    `left_out`, when given, receives each entry key the selection drops with the reason why
    (what `benchmarks/key_vocabulary.py --show` reports for a missed key word).
    """
    dropped = left_out if left_out is not None else {}
    if level not in LEVEL_KNOWN_ZIPF:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    known_zipf = LEVEL_KNOWN_ZIPF[level]
    known_lemmas = {_known_key(word) for word in known}
    entries = fold_name_compounds(mark_known_names(list(entries)))
    if verb_of is not None:
        entries = fold_participles(entries, verb_of)
    entries = fold_feminines(entries)
    names_seen = [e.lemma.casefold() for e in entries if e.pos == "PROPN"]
    # a word of the band has a family too (Grenze: Grenzübergang, Grenzschutz), counted from the
    # words beyond it
    family = _family_counts([e for e in entries if general_zipf(e.lemma) < known_zipf + weights.known_margin],
                            relatives_below=known_zipf)
    text_words = max(sum(e.count for e in entries), 1)
    chosen: list[tuple[float, dict[str, float], Entry]] = []
    for entry in entries:
        if entry.pos == "PROPN" and not names:
            dropped[entry.key] = "a name"
            continue
        if entry.pos not in LEARNABLE_POS and entry.pos != "PROPN":
            dropped[entry.key] = f"not learnable ({entry.pos})"
            continue
        if _known_key(entry.lemma) in known_lemmas:
            dropped[entry.key] = "known to the learner"
            continue
        if not _is_word(entry.lemma) or _is_number_word(entry) or is_calendar_word(entry.lemma):
            dropped[entry.key] = "a number, date or no word"
            continue
        zipf = general_zipf(entry.lemma)
        entry = replace(entry, zipf=zipf, level=level_of(zipf))
        listed = expression_level(entry.lemma) if entry.pos == "EXPR" else None
        in_band = listed == level and _is_verb_phrase(entry.lemma)
        if listed is not None and LEVELS.index(listed) <= LEVELS.index(level) and not in_band:
            dropped[entry.key] = f"known at {level} (an expression of {listed})"
            continue
        above = 0.0 if entry.pos in {"EXPR", "PROPN"} else zipf - known_zipf
        if in_band:  # an idiom of the band is ranked as a word in the middle of its margin
            above = weights.known_margin / 2
        if above >= weights.known_margin:
            dropped[entry.key] = f"known at {level} (Zipf {zipf:.1f})"
            continue
        features = rank_features(entry, family=family.get(entry.key, 0), above=above,
                                 expression_zipf=known_zipf + above if in_band else EXPRESSION_ZIPF,
                                 named_after=entry.pos != "PROPN" and _named_after(entry, names_seen),
                                 in_news=in_news, text_words=text_words,
                                 once_in_band=(above > 0 or in_band)
                                 and entry.count + 0.5 * family.get(entry.key, 0) < weights.known_min_count)
        chosen.append((weights.score(entry.pos, features), features, entry))
    chosen.sort(key=lambda item: (-item[0], item[2].lemma.lower(), item[2].pos))
    return [(features, entry) for _score_, features, entry in chosen]


def asks_news_subject(entry: Entry) -> bool:
    """Whether the ranking asks the dictionary if `entry` is filed under a subject of the news:
    a learnable word; not an expression, which Ding files as a phrase, if at all."""
    return entry.pos in LEARNABLE_POS and entry.pos != "EXPR"


def rank_features(entry: Entry, *, family: float, above: float, named_after: bool,
                  in_news: Callable[[str], bool] | None, text_words: int = 500,
                  once_in_band: bool = False, expression_zipf: float = EXPRESSION_ZIPF) -> dict[str, float]:
    """What the ranking knows of a word, as numbers (the keys of `FEATURES`).

    `family` counts the word's compound relatives in the text (an article about an alliance
    says Bündnis, Militärbündnis, Verteidigungsbündnis...); `above` is how far inside the
    learner's band its frequency is (`expression_zipf` the frequency an expression counts as);
    `named_after` marks "russisch" beside "Russland", which
    a learner can guess.
    """
    expression = entry.pos == "EXPR"
    zipf = expression_zipf if expression else entry.zipf
    return {
        "count": math.log1p(entry.count),
        "family": math.log1p(family),
        "zipf": zipf,
        "rarity": max(RARE_ZIPF - zipf, 0.0),
        "above": max(above, 0.0),
        "news_subject": float(in_news is not None and asks_news_subject(entry) and in_news(entry.lemma)),
        "length": min(len(entry.lemma), 20) / 10,
        "repeated": float(entry.count >= 2),
        "unseen": float(entry.zipf == 0 and not expression),
        "named_after": float(named_after),
        "keyness": keyness(entry.count, text_words, zipf),
        "verb_phrase": float(expression and _is_verb_phrase(entry.lemma)),
        "impersonal": float(expression and _is_impersonal(entry.lemma)),
        "once_in_band": float(once_in_band),
    }


def keyness(count: int, text_words: int, zipf: float) -> float:
    """How much more often the text uses a word than general German does (log10 of the ratio,
    0 when no more often): Grenze met twice in 400 words is 1.5 orders of magnitude above its
    Zipf 4.8, "Zeit" met once barely above its 5.9."""
    in_text = math.log10(count / text_words * 1e9)
    return max(in_text - zipf, 0.0)


def _is_impersonal(expression: str) -> bool:
    """An expression made with "es" and a verb in the third person ("es heißt", "es handelt
    sich um"): grammar a text uses whatever it is about more than vocabulary of its own."""
    pattern = _expression_pattern(expression)
    return pattern is not None and bool(pattern.finite)


def _is_verb_phrase(expression: str) -> bool:
    """An idiom with a verb ("den Ausschlag geben", "es heißt"), not an adverbial phrase ("im Zuge")."""
    pattern = _expression_pattern(expression)
    return pattern is not None and bool(pattern.verb or pattern.finite)


@lru_cache(maxsize=4096)
def _expression_pattern(expression: str) -> Pattern | None:
    """The matcher's reading of an expression of the list: its verb, its cited finite verb."""
    # deferred: the matcher is read only when an expression asks
    from lernkarten.analysis.expression_matcher import compile_pattern

    return compile_pattern(expression)


def general_zipf(lemma: str) -> float:
    """Zipf frequency of a lemma in general German; for "sich X" the verb's, for a phrase wordfreq's estimate."""
    word = lemma[5:] if lemma.startswith("sich ") else lemma
    return zipf_de(word)


def level_of(zipf: float) -> str:
    """The CEFR band by whose end a learner typically knows a word this frequent ("C1" for the rarest)."""
    for level, threshold in LEVEL_KNOWN_ZIPF.items():
        if zipf >= threshold:
            return level
    return "C1"


def mark_known_names(entries: list[Entry]) -> list[Entry]:
    """A noun the noun table knows only as a name is one, however it reached the vocabulary
    (a dateline's "Istanbul-", the lemma of "Kiewer"); so is an inhabitant named after a place
    (Tiroler, Amerikaner, Auslandsösterreicher), as noun or as the adjective "Tiroler", and a
    member of a people (Kurde, Palästinenser)."""
    # deferred: the noun table is read only when the vocabulary stage runs
    from lernkarten.analysis.names import is_common_noun_word, is_demonym, is_known_name

    # "die Gerasdorfer", "Mauerbacher Bürger": an inhabitant of a place the tables do not know,
    # but the text names (not Hammer beside Hamm: a common noun stays one)
    places = {e.lemma for e in entries if e.pos == "PROPN" and e.lemma[:1].isupper() and len(e.lemma) >= 3}
    return [replace(e, pos="PROPN")
            if (e.pos == "NOUN" and is_known_name(e.lemma)) or (e.pos in ("NOUN", "ADJ") and is_demonym(e.lemma))
            or (e.pos in ("NOUN", "ADJ") and e.lemma.endswith("er") and e.lemma[:-2] in places
                and not is_common_noun_word(e.lemma))
            else e for e in entries]


def fold_name_compounds(entries: list[Entry]) -> list[Entry]:
    """A hyphenated compound of a name is learnt as its head: "FPÖ-Kandidat" as Kandidat,
    "Syrien-Konflikt" as Konflikt; one whose head is a name ("Landes-ÖVP") is a name itself.
    So is a compound written as one whose first part is a place or a people ("Kurdenmiliz" as Miliz).

    The name part is an abbreviation in capitals (FPÖ, US, NSU), a name found in the texts, a
    party's colour ("Grün-Landesrat") or a capitalised word no table knows as a common noun
    ("Sora-Forscher", "Karabach-Krieg").

    A first part that no table knows as a common noun, in its own form or with a linking
    element (-n, -en, -s), is taken for a name too, of a firm, a building or a programme
    ("Magna-Konzern": Magna only as Magnum's plural; "Hofburg-Anwärter", "Faustlos-Schwerpunkt"),
    when the head is a common noun. A compound of common nouns stays a word of its own
    ("Handgranaten-Anschlag", "Kompass-Sprecher").
    """
    # deferred: the names module reads the noun table
    from lernkarten.analysis.names import is_party_colour, place_compound_head

    names = {e.lemma.casefold() for e in entries if e.pos == "PROPN"}
    by_key = {e.key: e for e in entries}
    kept: list[Entry] = []
    for entry in entries:
        head_of_place = place_compound_head(entry.lemma) if entry.pos == "NOUN" and "-" not in entry.lemma else None
        if head_of_place is not None:
            cut = len(entry.lemma) - len(head_of_place)
            _merge(_entry_for(head_of_place, "NOUN", by_key, kept),
                   replace(entry, examples=[_head_only(x, cut) for x in entry.examples]))
            continue
        if entry.pos != "NOUN" or "-" not in entry.lemma.strip("-"):
            kept.append(entry)
            continue
        first, head = entry.lemma.split("-", 1)[0], entry.lemma.rsplit("-", 1)[-1]
        if _is_abbreviation(head) or head.casefold() in names:
            kept.append(replace(entry, pos="PROPN"))
            continue
        if len(head) < 3 or not head[0].isupper():
            kept.append(entry)
            continue
        if not (_is_abbreviation(first) or first.casefold() in names or _unknown_name(first)
                or is_party_colour(first)):
            if not _unknown_modifier(entry.lemma.rsplit("-", 1)[0], head, entry.lemma):
                kept.append(entry)
                continue
        _merge(_entry_for(head, "NOUN", by_key, kept), replace(entry, examples=[_head_only(x) for x in entry.examples]))
    return [e for e in kept if e.count or e.pos == "PROPN"]


def fold_participles(entries: list[Entry], verb_of: Callable[[str], str | None]) -> list[Entry]:
    """"die geforderten Maßnahmen" teaches fordern: a participle adjective joins its verb's entry."""
    return _fold(entries, lambda entry: (verb_of(entry.lemma), "VERB") if entry.pos == "ADJ" else None)


def fold_feminines(entries: list[Entry]) -> list[Entry]:
    """"die Stellvertreterin" teaches Stellvertreter: a dictionary cites a person noun in the
    masculine, and the feminine in -in (plural -innen) is made from it by rule; Landesrätin
    joins Landesrat, Kollegin Kollege. A noun that only ends in -in (Disziplin, Termin) is no
    feminine of a person."""
    return _fold(entries, lambda entry: (_masculine_of(entry.lemma), "NOUN") if entry.pos == "NOUN" else None)


def _fold(entries: list[Entry], into: Callable[[Entry], tuple[str | None, str] | None]) -> list[Entry]:
    """The entries with each one that `into` names another (lemma, part of speech) for merged into that one."""
    by_key = {e.key: e for e in entries}
    kept: list[Entry] = []
    for entry in entries:
        target = into(entry)
        if target is None or target[0] is None:
            kept.append(entry)
            continue
        _merge(_entry_for(target[0], target[1], by_key, kept), entry)
    return kept


def _entry_for(lemma: str, pos: str, by_key: dict[str, Entry], kept: list[Entry]) -> Entry:
    """The entry of (lemma, pos) to merge into: the texts' own, or a new one added to `kept`."""
    target = by_key.get(f"{lemma}|{pos}")
    if target is None:
        target = by_key[f"{lemma}|{pos}"] = Entry(lemma=lemma, pos=pos)
        kept.append(target)
    return target


def _masculine_of(lemma: str) -> str | None:
    if not lemma.endswith("in") or len(lemma) < 6 or "-" in lemma:
        return None
    # deferred: the noun table is read only when a word in -in asks
    from lernkarten.lexicon.nouns import noun_table

    table = noun_table()
    rows = table.lookup(lemma)
    if rows and not any(row.gender == "f" and row.plural.endswith("innen") for row in rows):
        return None
    for candidate in masculine_stems(lemma):
        if any(row.lemma == candidate and row.gender == "m" and not row.is_name for row in table.lookup(candidate)):
            return candidate
    return None


def _unknown_modifier(modifier: str, head: str, compound: str) -> bool:
    """True for the part before the hyphen of a compound no table knows, with a common noun
    as its head, when no table knows that part as a common noun either, as written or with a
    linking element: "Magna" (the table has it only as Magnum's plural), "Hofburg"; not
    "Handgranaten" (Handgranate + n), "Arbeits" (Arbeit + s), "Kompass"."""
    if len(modifier) < 3 or not modifier[0].isupper() or not modifier.isalpha():
        return False
    # deferred: the noun table is read only when a hyphenated compound asks
    from lernkarten.lexicon.nouns import noun_table

    table = noun_table()
    if table.lookup(compound) or not any(not row.is_name for row in table.lookup(head)):
        return False
    for stem in {modifier, modifier[:-1], modifier[:-2]}:
        for row in table.lookup(stem):
            if not row.is_name and row.lemma == stem and modifier[len(stem):] in ("", "n", "en", "s", "es"):
                return False
    return True


def _head_only(example: Example, modifier: int | None = None) -> Example:
    """Mark only the head of a hyphenated word in the sentence: FPÖ-[Kandidaten]; or, given the
    length of its first part, of a compound written as one: Kurden[miliz]."""
    spans = []
    for start, end in example.spans:
        cut = example.text.rfind("-", start, end) if modifier is None else start + modifier - 1
        spans.append((cut + 1, end) if cut >= 0 and cut + 1 < end else (start, end))
    return replace(example, spans=spans)


def _merge(target: Entry, other: Entry) -> None:
    """Count `other`'s occurrences, forms, sources and examples as `target`'s."""
    target.count += other.count
    target.forms += [f for f in other.forms if f not in target.forms]
    target.sources += [s for s in other.sources if s not in target.sources]
    seen = {(x.source, x.text) for x in target.examples}
    target.examples = _best_examples(target.examples + [x for x in other.examples if (x.source, x.text) not in seen])


def _unknown_name(word: str) -> bool:
    """A capitalised word the names module takes for a name (known as one, or known as nothing)."""
    # deferred: the noun table is read only when a hyphenated word asks
    from lernkarten.analysis.names import is_name

    return word[:1].isupper() and word.isalpha() and is_name(word)


def _is_abbreviation(word: str) -> bool:
    """FPÖ, US, NSU, OGH: two or more capitals and no small letter but a plural s."""
    letters = word.rstrip("s") if len(word) > 2 else word
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _family_counts(entries: list[Entry], relatives_below: float = 99.0) -> dict[str, float]:
    """For each noun, how often its compound relatives occur: compounds ending or starting in it,
    and, for a compound, its parts (Beistand|s|verpflichtung <- Beistand).

    The caller passes only words beyond the learner's level: "Land" in "Nachbarland" is no
    reason to learn either.
    """
    nouns = {e.lemma.casefold(): e for e in entries if e.pos == "NOUN" and len(e.lemma) >= 4}
    family: dict[str, float] = {}
    for lemma, entry in nouns.items():
        parts = set()
        for cut in range(3, len(lemma) - 3):
            head, tail = lemma[:cut], lemma[cut:].lstrip("-")
            for first in (head, head[:-1] if head.endswith("s") else None, head.rstrip("-")):
                if first and first in nouns and first != lemma:
                    parts.add(first)
            if tail in nouns and tail != lemma:
                parts.add(tail)
        for part in parts:
            relative = nouns[part]
            # only a rare relative makes a frequent word worth learning: "Land" in "Nachbarland" does not
            if general_zipf(entry.lemma) < relatives_below:
                family[relative.key] = family.get(relative.key, 0) + entry.count
            if general_zipf(relative.lemma) < relatives_below:
                family[entry.key] = family.get(entry.key, 0) + relative.count
    return family


_NUMBER_WORD = re.compile(
    r"^(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|sieb|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|"
    r"fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|und)+(?:te|t|ste|st)?|erst|zweit|dritt)$"
)


def _is_number_word(entry: Entry) -> bool:
    """Cardinals and ordinals spelt out ("zwanzigst", "zweit"): numbers, not vocabulary."""
    return entry.pos in {"ADJ", "NUM"} and bool(_NUMBER_WORD.match(entry.lemma.casefold()))


def _named_after(entry: Entry, names: list[str]) -> bool:
    """An adjective or inhabitant noun formed from a name in the text (russisch, Kasache <- Kasachstan)."""
    lemma = entry.lemma.casefold()
    if entry.pos == "ADJ" and lemma.endswith("isch"):
        stem = lemma.rsplit("-", 1)[-1][:-4]  # armenisch-aserbaidschanisch: the last part
    elif entry.pos == "NOUN" and lemma.endswith(("e", "er", "in")) and "-" not in lemma:
        stem = lemma.rstrip("ein") or lemma
    else:
        return False
    prefix = stem[:6]
    return len(prefix) >= 4 and any(name.startswith(prefix) and name != lemma for name in names)


def _best_examples(examples: list[Example]) -> list[Example]:
    """Keep a few examples per source; the clearest first (a full sentence of moderate length)."""
    kept: list[Example] = []
    per_source: dict[str, int] = {}
    for example in sorted(examples, key=_example_rank):
        if per_source.get(example.source, 0) >= MAX_EXAMPLES_PER_SOURCE:
            continue
        per_source[example.source] = per_source.get(example.source, 0) + 1
        kept.append(example)
    return kept


def _example_rank(example: Example) -> tuple[int, int]:
    words = len(example.text.split())
    complete = example.text.rstrip().endswith((".", "!", "?", "“", "\"", "»", ":"))
    moderate = 6 <= words <= 30
    return (0 if complete and moderate else 1 if complete else 2, abs(words - 16))


def _known_key(lemma: str) -> str:
    lemma = lemma.strip()
    if lemma.startswith("sich "):
        lemma = lemma[5:]
    return lemma.lower()  # not casefold: Maße and Masse are different words


def _is_word(lemma: str) -> bool:
    """A lemma a learner can learn: letters, not a number, not a single character, not an
    abbreviation with its full stop ("St." of St. Pölten, "Dr.")."""
    return (len(lemma) > 1 and not re.search(r"\d", lemma) and bool(re.search(r"[^\W\d_]", lemma))
            and not lemma.endswith("."))
