"""Choosing what is worth learning: from every occurrence in the texts to ranked Entries.

A word is worth a card when the learner probably does not know it yet (its general
frequency is below what the learner's level covers), when it matters in the text (it occurs
often, or far more often than in general German: keyness), and when it is not a name,
a number or a function word. Frequencies are wordfreq's Zipf values for German: log10 of
occurrences per billion words (7 = "und", 4 = "Bündnis", 1 = a word seen once a billion).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from lernkarten.analysis.occurrences import Occurrence
from lernkarten.entries import Entry, Example, Source

#: A learner at this level is assumed to know words at least this frequent (Zipf).
LEVEL_KNOWN_ZIPF = {"A2": 5.2, "B1": 4.6, "B2": 4.0, "C1": 3.4}
LEVELS = tuple(LEVEL_KNOWN_ZIPF)
DEFAULT_LEVEL = "B1"
#: Examples kept per entry and per source: enough to show the word's uses, not the whole text.
MAX_EXAMPLES_PER_SOURCE = 3
LEARNABLE_POS = {"NOUN", "VERB", "ADJ", "ADV", "EXPR"}
_NO_ZIPF = 1.0  # words wordfreq has never seen count as this rare when computing keyness


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
            entry.examples.append(Example(text=occ.sentence, spans=[tuple(s) for s in occ.spans],
                                          source=text.source.id, article=occ.article))
    for entry in entries.values():
        entry.examples = _best_examples(entry.examples)
    return list(entries.values())


def select_entries(
    entries: Iterable[Entry],
    *,
    token_count: int,
    level: str = DEFAULT_LEVEL,
    limit: int | None = None,
    known: Iterable[str] = (),
    names: bool = False,
) -> list[Entry]:
    """The entries a learner at `level` should study, best first, at most `limit`.

    `token_count` is the number of words of all texts together (for keyness); `known` holds
    lemmas the learner already knows (compared without case, ß kept, and without a leading "sich").
    """
    if level not in LEVEL_KNOWN_ZIPF:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    known_zipf = LEVEL_KNOWN_ZIPF[level]
    known_lemmas = {_known_key(word) for word in known}
    entries = list(entries)
    names_seen = [e.lemma.casefold() for e in entries if e.pos == "PROPN"]
    family = _family_counts([e for e in entries if general_zipf(e.lemma) < known_zipf])
    chosen: list[tuple[float, Entry]] = []
    for entry in entries:
        if entry.pos == "PROPN" and not names:
            continue
        if entry.pos not in LEARNABLE_POS and entry.pos != "PROPN":
            continue
        if _known_key(entry.lemma) in known_lemmas or not _is_word(entry.lemma) or _is_number_word(entry):
            continue
        zipf = general_zipf(entry.lemma)
        entry = replace(entry, zipf=zipf, level=level_of(zipf))
        if zipf >= known_zipf and entry.pos != "PROPN":
            continue
        weight = entry.count + 0.5 * family.get(entry.key, 0)
        score = _score(entry, weight, known_zipf, keyness(entry.count, token_count, zipf))
        if entry.pos != "PROPN" and _named_after(entry, names_seen):
            score -= 2.5  # "russisch" beside "Russland": the learner can guess it
        chosen.append((score, entry))
    chosen.sort(key=lambda pair: (-pair[0], pair[1].lemma.lower(), pair[1].pos))
    ranked = [entry for _score_, entry in chosen]
    return ranked[:limit] if limit is not None else ranked


def general_zipf(lemma: str) -> float:
    """Zipf frequency of a lemma in general German; for "sich X" the verb's, for a phrase wordfreq's estimate."""
    from wordfreq import zipf_frequency

    word = lemma[5:] if lemma.startswith("sich ") else lemma
    return zipf_frequency(word, "de")


def keyness(count: int, token_count: int, zipf: float) -> float:
    """How much more frequent the word is in these texts than in general German, in Zipf units."""
    if count <= 0 or token_count <= 0:
        return 0.0
    text_zipf = math.log10(count / token_count * 1e9)
    return round(text_zipf - max(zipf, _NO_ZIPF), 3)


def level_of(zipf: float) -> str:
    """The CEFR band by whose end a learner typically knows a word this frequent ("C1" for the rarest)."""
    for level, threshold in LEVEL_KNOWN_ZIPF.items():
        if zipf >= threshold:
            return level
    return "C1"


def _score(entry: Entry, weight: float, known_zipf: float, key: float) -> float:
    """Rank: central to the text first, then words just beyond the learner's level, then key words.

    `weight` is the word's count plus half the count of its compound family in the text (an
    article about an alliance says Bündnis, Militärbündnis, Verteidigungsbündnis...). A word just
    past the learner's frequency band is worth more than a very rare one, which a learner may
    never meet again; keyness lifts the words the text is about.
    """
    closeness = max(0.0, 1.0 - (known_zipf - entry.zipf) / 3.0)
    return 1.5 * math.log1p(weight) + closeness + 0.15 * max(key, 0.0)


def _family_counts(entries: list[Entry]) -> dict[str, float]:
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
            family[relative.key] = family.get(relative.key, 0) + entry.count
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
    """A lemma a learner can learn: letters, not a number, not a single character."""
    return len(lemma) > 1 and not re.search(r"\d", lemma) and bool(re.search(r"[^\W\d_]", lemma))
