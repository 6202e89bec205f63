"""Finding a Ding phrase of an entry in the sentence the entry was seen in.

A phrase is the strongest sign of the sense a text uses: in "Was tatsächlich den Ausschlag
für die Wende gab" the words of `den Ausschlag geben` are all there, so `Ausschlag` means
"to tip the balance" here, not "rash" or "deflection". The sentence is only text with the
entry's character spans, so the other words of a phrase are matched with some tolerance:
verbs in any form ablaut gives (`gab` for `geben`), nouns and adjectives with their endings,
articles in any form. Function words must stand next to the word they belong to (`ins Land`,
`in der Lage`), so that a stray `in` elsewhere in the sentence does not make `in Kraft`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lernkarten.entries import Example
from lernkarten.glossing.ding import PREPOSITIONS
from lernkarten.lexicon.morphology import WITHOUT_UMLAUTS
from lernkarten.lexicon.prepositions import FUSED_ARTICLES

ARTICLES = frozenset(
    ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine", "keinen", "keinem", "keiner", "keines"]
)
REFLEXIVES = frozenset(["sich", "mich", "dich", "uns", "euch", "mir", "dir"])
#: Prepositions fused with an article: they stand for the preposition alone.
CONTRACTIONS = {fused: preposition for fused, (preposition, _) in FUSED_ARTICLES.items()}
#: Short words that carry no sense of their own in a phrase; they must stand next to their word.
FUNCTION_WORDS = (
    PREPOSITIONS | frozenset(CONTRACTIONS) | ARTICLES | REFLEXIVES
    | frozenset(["es", "zu", "als", "wie", "so", "nicht", "auch", "noch", "nur", "schon", "ganz", "sehr", "gar", "ja", "man", "wer", "was", "dass", "ob", "wenn", "weil", "denn", "doch", "dann", "da", "hier", "dort", "jetzt", "nun", "etwas", "nichts", "alles"])
)
#: How far a noun or adjective of the phrase may stand from an entry that is not a verb:
#: "militärische Hilfe" is one noun phrase, not two words somewhere in the sentence.
NOUN_PHRASE_WINDOW = 3

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ENDINGS = ("", "e", "n", "en", "s", "es", "er", "em", "ern", "ns", "nen")
_ENDINGS_BY_LENGTH = tuple((length, frozenset(e for e in _ENDINGS if len(e) == length))
                           for length in sorted({len(e) for e in _ENDINGS if e}))
#: How far (in words) the other words of a phrase may stand from the entry.
WINDOW = 10


@dataclass(frozen=True)
class Sentence:
    """A sentence cut into words, with the positions of the entry's words."""

    words: tuple[str, ...]          # case-folded
    entry_at: tuple[int, ...]       # word positions the entry's spans cover
    # where the words and their stems stand, and which positions hold a form of a phrase word:
    # many phrases ask for the same words; filled on first use
    _word_at: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    _stem_at: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    _forms_at: dict[tuple[str, bool], frozenset[int]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, example: Example) -> Sentence:
        return _sentence(example.text, tuple(tuple(span) for span in example.spans))

    def forms_at(self, wanted: str, is_verb: bool) -> frozenset[int]:
        """The positions of the words that are forms of `wanted` (a phrase word, case-folded):
        those `_same_word` accepts, found through the sentence's words and their stems."""
        found = self._forms_at.get((wanted, is_verb))
        if found is not None:
            return found
        if not self._word_at:
            self._index()
        if not is_verb:
            # most phrase words are in no form in the sentence: nothing to gather then
            exact = self._word_at.get(wanted)
            stemmed = self._stem_at.get(_phrase_stem(wanted)) if len(wanted) >= 4 else None
            found = frozenset((exact or []) + (stemmed or [])) if exact or stemmed else _NOWHERE
            self._forms_at[(wanted, is_verb)] = found
            return found
        positions = set(self._word_at.get(wanted, ()))
        forms = verb_forms(wanted)
        for form in forms.single:
            positions.update(self._word_at.get(form, ()))
        for finite, particle in forms.split:
            if particle in self._word_at:
                positions.update(self._word_at.get(finite, ()))
        found = frozenset(positions)
        self._forms_at[(wanted, is_verb)] = found
        return found

    def _index(self) -> None:
        for at, word in enumerate(self.words):
            self._word_at.setdefault(word, []).append(at)
            plain = _without_umlauts(word)
            self._stem_at.setdefault(plain, []).append(at)
            for length, endings in _ENDINGS_BY_LENGTH:
                if plain[-length:] in endings:
                    self._stem_at.setdefault(plain[:-length], []).append(at)


_NOWHERE: frozenset[int] = frozenset()


@functools.lru_cache(maxsize=64)
def _sentence(text: str, spans: tuple[tuple[int, int], ...]) -> Sentence:
    """An example's Sentence, made once: every stage of sense choice reads it."""
    words: list[str] = []
    entry_at: list[int] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        for a, b in spans:
            if start < b and a < end:
                entry_at.append(len(words))
                break
        words.append(match.group().casefold())
    return Sentence(tuple(words), tuple(entry_at))


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase of the entry found in one of its sentences."""

    key: str                        # the phrase as Ding lists it, cleaned: "den Ausschlag geben"
    line: int
    slot: int
    index: int
    words_matched: int              # words of the phrase found besides the entry itself


def find_phrases(candidates: list[tuple[str, int, int, int]], entry_words: set[str],
                 sentence: Sentence, *, entry_is_verb: bool = False) -> list[PhraseMatch]:
    """The candidate phrases (key, line, slot, index) whose words all stand around the entry in `sentence`."""
    return find_phrases_in(candidates, entry_words, [sentence], entry_is_verb=entry_is_verb)[0]


def find_phrases_in(candidates: list[tuple[str, int, int, int]], entry_words: set[str],
                    sentences: list[Sentence], *, entry_is_verb: bool = False) -> list[list[PhraseMatch]]:
    """`find_phrases` for each of an entry's sentences: each phrase is taken apart once for all."""
    found: list[list[PhraseMatch]] = [[] for _ in sentences]
    live = [(number, sentence) for number, sentence in enumerate(sentences) if sentence.entry_at]
    if not live:
        return found
    for key, line, slot, index in candidates:
        words = key.split()
        plan = _plan(words, entry_words)
        if plan is None:
            continue
        core = None if entry_is_verb else _plan(_idiom_core(words, entry_words), entry_words)
        for number, sentence in live:
            matched = _placed(plan, sentence, entry_is_verb) or (
                _placed(core, sentence, entry_is_verb) if core and core[1] >= IDIOM_CORE_WORDS else 0)
            if matched:
                found[number].append(PhraseMatch(key, line, slot, index, matched))
    return found


#: Words besides the entry an idiom's core must keep once its example object is left out.
IDIOM_CORE_WORDS = 2
_INDEFINITE = frozenset(["ein", "eine", "einen"])


def _idiom_core(words: list[str], entry_words: set[str]) -> list[str]:
    """A verb idiom without the object Ding gives it as an example: "einen Streit vom Zaun
    brechen" is "vom Zaun brechen" whatever is started ("die Rochade, die er vom Zaun brach").

    Only an indefinite object before the rest, the phrase ending in its verb; [] otherwise.
    """
    if (len(words) < 4 or words[0].casefold() not in _INDEFINITE or not words[1][:1].isupper()
            or words[1].casefold() in entry_words or not words[-1].islower() or not words[-1].endswith("n")):
        return []
    return words[2:]


def match_phrase(words: list[str], entry_words: set[str], sentence: Sentence, *,
                 entry_is_verb: bool = False) -> int:
    """How many words of the phrase besides the entry the sentence has in place (0: not found).

    `entry_words` are the case-folded forms that count as the entry itself (lemma and forms seen).
    """
    plan = _plan(words, entry_words)
    return _placed(plan, sentence, entry_is_verb) if plan is not None else 0


def _plan(words: list[str], entry_words: set[str]) -> tuple[tuple[_Chunk, ...], int] | None:
    """The phrase cut into chunks around the entry, and how many of its words must be found
    besides the entry (None when it does not hold the entry or holds nothing else)."""
    folded = [w.casefold() for w in words]
    entry_positions = [i for i, w in enumerate(folded) if w in entry_words]
    if not entry_positions:
        return None
    chunks = _chunks(tuple(words), frozenset(entry_positions))
    required = sum(len(chunk.function) + (not chunk.is_entry) for chunk in chunks)
    return (chunks, required) if required else None


def _placed(plan: tuple[tuple[_Chunk, ...], int], sentence: Sentence, entry_is_verb: bool) -> int:
    """How many words of the planned phrase the sentence has in place around the entry (0: not found)."""
    chunks, required = plan
    # a word of the phrase the sentence has in no form rules it out, wherever it would stand
    if not all(chunk.is_entry or sentence.forms_at(chunk.head, chunk.is_verb) for chunk in chunks):
        return 0
    anchor = sentence.entry_at
    used: set[int] = set(anchor)
    for chunk in chunks:
        if chunk.is_entry:
            if not _function_words_before(chunk.function, anchor[0], sentence, used, allow_after=True):
                return 0
            continue
        placed = False
        reach = WINDOW if entry_is_verb or chunk.is_verb else NOUN_PHRASE_WINDOW
        forms_at = sentence.forms_at(chunk.head, chunk.is_verb)
        for position in _near(anchor, len(sentence.words), reach):
            if position in used or position not in forms_at:
                continue
            trial = set(used) | {position}
            if _function_words_before(chunk.function, position, sentence, trial, allow_after=False):
                used = trial
                placed = True
                break
        if not placed:
            return 0
    return required


@dataclass(frozen=True)
class _Chunk:
    function: tuple[str, ...]       # function words before the head, articles left out
    head: str
    is_entry: bool
    is_verb: bool


@functools.lru_cache(maxsize=1024)
def _chunks(words: tuple[str, ...], entry_positions: frozenset[int]) -> tuple[_Chunk, ...]:
    """Cut a phrase into content words, each with the function words before it."""
    chunks: list[_Chunk] = []
    pending: list[str] = []
    last = len(words) - 1
    for i, written in enumerate(words):
        word = written.casefold()
        if i not in entry_positions and word in FUNCTION_WORDS:
            if word in ARTICLES:
                # "zu der Zeit" may be written "zur Zeit": a preposition before an article takes either
                if pending and pending[-1] in PREPOSITIONS:
                    pending[-1] += "+"
            elif word not in REFLEXIVES:
                pending.append(word)
            continue
        # Ding gives the verb of a phrase last, in the infinitive
        is_verb = i == last and written.islower() and written.endswith("n") and i not in entry_positions
        chunks.append(_Chunk(tuple(pending), word, i in entry_positions, is_verb))
        pending = []
    # trailing prepositions ("im Rahmen von") introduce an object the text may give another way
    # ("im Rahmen der ODKB"): they are not required; other trailing words belong to the last word
    pending = [w for w in pending if w.rstrip("+") not in PREPOSITIONS]
    if pending:
        if not chunks:
            return ()
        previous = chunks[-1]
        chunks[-1] = _Chunk(previous.function + tuple(pending), previous.head, previous.is_entry, previous.is_verb)
    return tuple(chunks)


@functools.lru_cache(maxsize=4096)
def _near(anchor: tuple[int, ...], length: int, reach: int) -> tuple[int, ...]:
    """Word positions within `reach` words of the entry, nearest first."""
    first, last = min(anchor), max(anchor)
    positions = range(max(0, first - reach), min(length, last + reach + 1))
    return tuple(sorted(positions, key=lambda p: min(abs(p - a) for a in anchor)))


def _function_words_before(function: tuple[str, ...], position: int, sentence: Sentence,
                           used: set[int], *, allow_after: bool) -> bool:
    """The function words stand in order just before `position` (a few adjectives may come between).

    With `allow_after`, non-prepositions may also follow closely ("gibt es" for "es gibt").
    """
    cursor = position
    for word in reversed(function):
        found = False
        for gap in range(1, 4):
            at = cursor - gap
            if at < 0:
                break
            if at not in used and _function_word_is(word, sentence.words[at]):
                used.add(at)
                cursor = at
                found = True
                break
        if not found and allow_after and word.rstrip("+") not in PREPOSITIONS:
            for gap in range(1, 3):
                at = position + gap
                if at < len(sentence.words) and at not in used and _function_word_is(word, sentence.words[at]):
                    used.add(at)
                    found = True
                    break
        if not found:
            return False
    return True


def _function_word_is(wanted: str, word: str) -> bool:
    """`word` of the text stands for `wanted` of the phrase.

    "in+" (a preposition the phrase follows with an article) is "in" or "im"/"ins" in the
    text; a contraction in the phrase ("im Klartext") may be written out ("in dem"); but a
    bare preposition ("zu zweit") is not a contraction ("zum zweiten Mal").
    """
    if wanted == word:
        return True
    if wanted.endswith("+"):
        base = wanted[:-1]
        return word == base or CONTRACTIONS.get(word) == base
    return CONTRACTIONS.get(wanted) == word


def _same_word(wanted: str, word: str, is_verb: bool, sentence: Sentence) -> bool:
    """`word` of the sentence is a form of `wanted` (a phrase word, case-folded)."""
    if wanted == word:
        return True
    if is_verb:
        forms = verb_forms(wanted)
        if word in forms.single:
            return True
        for finite, particle in forms.split:
            if word == finite and particle in sentence.words:
                return True
        return False
    if len(wanted) < 4:
        return False
    # endings and an umlaut may differ: "Kampf" in the phrase, "Kämpfe" in the text
    stem = _phrase_stem(wanted)
    plain = _without_umlauts(word)
    return plain.startswith(stem) and plain[len(stem):] in _ENDINGS


@functools.lru_cache(maxsize=16384)
def _phrase_stem(word: str) -> str:
    return _strip_ending(_without_umlauts(word))


def _strip_ending(word: str) -> str:
    for ending in ("en", "em", "er", "es", "e", "n", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word




def _without_umlauts(word: str) -> str:
    return word.translate(WITHOUT_UMLAUTS)


@dataclass(frozen=True)
class VerbForms:
    single: frozenset[str]                      # one-word forms: "gab", "gegeben", "abzugeben"
    split: frozenset[tuple[str, str]]           # a finite form and its particle: ("gab", "ab")


@functools.lru_cache(maxsize=4096)
def verb_forms(infinitive: str) -> VerbForms:
    """Every form of a verb a sentence may show, from ablaut (empty when ablaut does not know it)."""
    import ablaut

    try:
        conjugation = ablaut.conjugate(infinitive)
    except Exception:  # ablaut raises ValueError for non-infinitives, others for odd input
        return VerbForms(frozenset({infinitive}), frozenset())
    single: set[str] = {infinitive}
    split: set[tuple[str, str]] = set()
    finite: list[str] = []
    for name in ("present", "preterite", "konjunktiv1", "konjunktiv2", "imperative"):
        finite.extend(getattr(conjugation, name, []) or [])
    for form in finite:
        if not form:
            continue  # ablaut leaves gaps in defective paradigms
        parts = form.casefold().split()
        if len(parts) == 1:
            single.add(parts[0])
        elif len(parts) == 2:
            split.add((parts[0], parts[1]))
            single.add(parts[1] + parts[0])   # in a subordinate clause: "dass er mitteilt"
    for name in ("past_participle", "present_participle", "zu_infinitive"):
        value = (getattr(conjugation, name, "") or "").casefold().split()
        if value:
            single.add(value[-1])  # "sich beteiligt" -> "beteiligt", "zu bitten" -> "bitten"
    return VerbForms(frozenset(single), frozenset(split))
