"""What the dictionary's headwords tell the analysis: one-word verbs, adjectives, irregular comparison.

- A separable particle and the verb it stands apart from make a verb only if German has that
  verb: `teilte ... mit` is `mitteilen`, but `hat ... drauf` or `erklärte sich ... bereit` are
  a verb with an adverb or a predicative adjective (`sich bereit erklären` is written apart).
  Word frequencies cannot tell these apart (they count old and Austrian spellings like
  `zustandebringen` too); a dictionary's verb headwords can.
- The tagger does not know every adjective (`lecker`, `klasse`) and guesses a noun; a
  lower-case word the dictionary lists as an adjective is one.
- Comparison: the tagger takes `besser` and `besten` back to `gut`, but not every irregular
  form (`nächste` -> "nächst", not `nah`); the dictionary lists them: "nahe; nah {adj} | näher |
  am nächsten".
- Spelling: Swiss German (and many a hurried writer) writes ss for ß (`Spass`, `draussen`);
  the learner learns the word as it is spelt in Germany, which the dictionary's headwords show:
  `Spaß` and `draußen` are there, `Spass` and `draussen` are not (nor `Schluß`: the headwords
  follow today's rules).
Only headwords (a line's first slot) count, without the synonyms Ding labels regional or outdated.

The tables are read once from the Ding file shipped with lernkarten (about a second) and kept
in the cache folder as a small JSON file, rebuilt when the Ding file changes.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lernkarten.lexicon.ding_format import (
    BRACKETS,
    DING_FILE,
    INFINITIVE,
    PLACEHOLDER,
    VERB_MARK,
    german_part,
)
from lernkarten.lexicon.morphology import WITHOUT_UMLAUTS
from lernkarten.lexicon.prepositions import VERB_PREPOSITIONS

#: labels of synonyms that are not today's standard German: regional, Austrian, Swiss, outdated
_NOT_STANDARD = re.compile(
    r"\[(Ös|Schw|Süddt|Norddt|Bayr|Mitteldt|Westdt|Ostdt|Südwestdt|Nordostdt|Nordwestdt|Mittelostdt|"
    r"Mittelwestdt|BW|Südtirol|Westös|Ostös|Sachsen|Lie|Berlin|Lux|Tirol|Franken|Wien|alt|veraltet|"
    r"veraltend|altertümlich|obs|archaic|dated)\.?\]"
)
#: Ding's placeholders for objects and the reflexive pronoun: etw., jdn., jdm./etw., sich
_PLACEHOLDER = re.compile(rf"^(?:{PLACEHOLDER}|sich|einer|Sache)$")
_WORD = re.compile(r"^[a-zäöüß]+$")


@dataclass(frozen=True)
class Headwords:
    """The dictionary's verbs and adjectives as one word each, and its irregular comparison forms."""

    verbs: frozenset[str]              # mitteilen, bekanntgeben, einfühlen
    adjectives: frozenset[str]         # lecker, klasse, deutsch
    comparison: dict[str, str]         # comparative or superlative stem -> positive: näher, nächst -> nah
    spellings: frozenset[str] = frozenset()   # headwords with ß or ss, lower case: spaß, draußen, schluss


def headwords() -> Headwords:
    """The tables, read from the cache folder's copy or from Ding on first use."""
    return _load()


def dictionary_verbs() -> frozenset[str]:
    """The one-word verb infinitives Ding lists as headwords."""
    return _load().verbs


@lru_cache(maxsize=1)
def _load() -> Headwords:
    # deferred: read only when this runs (start-up time)
    from lernkarten.caches import CACHES
    from lernkarten.fileio import write_atomic

    path = CACHES["headwords"].find()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Headwords(frozenset(data["verbs"]), frozenset(data["adjectives"]), dict(data["comparison"]),
                         frozenset(data["spellings"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not built yet, or damaged: read Ding again
    found = read_ding(DING_FILE)
    path = CACHES["headwords"].path()  # a damaged shipped copy is replaced in the cache folder
    data = {"verbs": sorted(found.verbs), "adjectives": sorted(found.adjectives), "comparison": found.comparison,
            "spellings": sorted(found.spellings)}
    write_atomic(path, json.dumps(data, ensure_ascii=False, sort_keys=True))
    CACHES["headwords"].prune(keep=path)
    return found


def read_ding(path: Path) -> Headwords:
    """The one-word verbs and adjectives and the comparison forms among the headwords of a Ding file."""
    verbs: set[str] = set()
    adjectives: set[str] = set()
    comparison: dict[str, str] = {}
    spellings: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if "{" not in line or " :: " not in line:
                continue
            slots = german_part(line).split(" | ")
            first = slots[0]
            if "ß" in first or "ss" in first:
                for synonym in first.split(";"):
                    words = BRACKETS.sub(" ", synonym).split()
                    if len(words) == 1 and not _NOT_STANDARD.search(synonym) and ("ß" in words[0] or "ss" in words[0]):
                        spellings.add(words[0].lower())
            if VERB_MARK.search(first):
                for synonym in first.split(";"):
                    verbs.update(one_word_verbs(synonym))
            elif "{adj}" in first:
                positives = [word for synonym in first.split(";") for word in one_word_adjectives(synonym)]
                adjectives.update(positives)
                if positives and len(slots) >= 3:
                    for form, base in comparison_forms(positives, slots[1], slots[2]).items():
                        comparison.setdefault(form, base)
    # a form that is the regular comparative or superlative of another adjective is that one's
    # (`lockerer` of locker, not of its synonym lose): Ding's synonyms do not always keep their order
    comparison = {form: base for form, base in comparison.items() if not _regular_form_of_another(form, base, adjectives)}
    return Headwords(frozenset(verbs), frozenset(adjectives), comparison, frozenset(spellings))


def _regular_form_of_another(form: str, positive: str, adjectives: set[str]) -> bool:
    for suffix in ("er", "est", "st"):
        stem = form.removesuffix(suffix)
        if stem != form and stem != positive and (stem in adjectives or stem + "e" in adjectives):
            return True
    return False


def one_word_verbs(synonym: str) -> list[str]:
    """The one-word infinitives a Ding synonym names, without objects and the reflexive pronoun.

    "sich in jdn. einfühlen" -> ["einfühlen"]; "etw. amtlich bekannt geben/bekanntgeben" ->
    ["bekanntgeben"]; "etw. zustande bringen" -> []; a synonym labelled regional or outdated -> [].
    """
    if _NOT_STANDARD.search(synonym):
        return []
    words = BRACKETS.sub(" ", synonym).split()
    kept = []
    for index, word in enumerate(words):
        if _PLACEHOLDER.match(word):
            continue
        if word in VERB_PREPOSITIONS and index + 1 < len(words) and _PLACEHOLDER.match(words[index + 1]):
            continue  # "für etw. geradestehen": the preposition goes with the object
        kept.append(word)
    if not kept:
        return []
    found = []
    for alternative in kept[-1].split("/"):
        # the word alone, or a slash alternative that joins the word before it: "bekannt geben/bekanntgeben"
        alone = len(kept) == 1 or (alternative.startswith(kept[-2]) and alternative != kept[-2])
        if alone and INFINITIVE.match(alternative):
            found.append(alternative)
    return found


def one_word_adjectives(synonym: str) -> list[str]:
    """The adjective a Ding synonym names when it is one lower-case word: "lecker [cook.]" -> ["lecker"]."""
    if _NOT_STANDARD.search(synonym):
        return []
    words = BRACKETS.sub(" ", synonym).split()
    return words if len(words) == 1 and _WORD.match(words[0]) else []


def comparison_forms(positives: list[str], comparatives: str, superlatives: str) -> dict[str, str]:
    """Stems of the comparison forms in a headword's second and third slots -> their positive.

    (["nahe", "nah"], "näher", "am nächsten; nächst") -> {"näher": "nah", "nächst": "nah"}: one
    comparative, so the headwords are spellings of one adjective (the shortest is its lemma);
    (["groß", "schwer"], "größer; schwerer", "am größten; am schwersten") pairs them by position.
    Nothing when the slots are not comparison forms (phrases, examples) or do not pair up.
    """
    found: dict[str, str] = {}
    comparative_words = [w.strip() for w in BRACKETS.sub(" ", comparatives).split(";")]
    superlative_words = [w.strip() for w in BRACKETS.sub(" ", superlatives).split(";")]
    if not superlative_words[0].startswith("am "):
        return found
    if len(comparative_words) == 1:
        pairs = [(min(positives, key=len), comparative_words[0], superlative_words)]
    elif len(comparative_words) == len(positives) == len(superlative_words):
        pairs = [(p, c, [s]) for p, c, s in zip(positives, comparative_words, superlative_words)]
    else:
        return found
    for positive, comparative, forms in pairs:
        if _WORD.match(comparative) and comparative.endswith("er") and _same_stem(comparative, positive):
            found[comparative] = positive
        for word in forms:
            stem = word.removeprefix("am ").removesuffix("en") if word.startswith("am ") else word
            if _WORD.match(stem) and stem.endswith("st") and _same_stem(stem, positive):
                found[stem] = positive
    return found




def _same_stem(form: str, positive: str) -> bool:
    """True when a comparison form starts like its positive, umlaut aside (näher, nah): Ding's
    synonyms do not always keep their order, and a form of another synonym must not count."""
    return form != positive and form.translate(WITHOUT_UMLAUTS)[:2] == positive.translate(WITHOUT_UMLAUTS)[:2]


def standard_spelling(word: str) -> str:
    """`word` with ß where German spells it so and the word has ss: "Spass" -> "Spaß", "draussen" ->
    "draußen", "Isarstrasse" -> "Isarstraße" (through its last part); `Schluss`, `Masse`,
    `Aussage` stay as they are, and so does a word the dictionary does not settle."""
    if "ss" not in word:
        return word
    spellings = _load().spellings
    lowered = word.lower()
    if lowered in spellings:
        return word
    # the whole word, else its shortest known last part that holds the ss: a compound's head
    for start in range(len(lowered) - 3):
        part = lowered[start:]
        if "ss" not in part:
            break
        if part in spellings:
            return word
        for at in _positions(part, "ss"):
            variant = part[:at] + "ß" + part[at + 2:]
            if variant in spellings:
                cut = start + at
                return word[:cut] + "ß" + word[cut + 2:]
    return word


def _positions(text: str, sub: str) -> list[int]:
    found = []
    at = text.find(sub)
    while at >= 0:
        found.append(at)
        at = text.find(sub, at + 1)
    return found
